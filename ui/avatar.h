#pragma once

#include <QColor>
#include <QPixmap>
#include <QString>

namespace parley {

// Avatars for people and groups without a picture: the first letter (or character) of the name on a
// colour chosen from the id, so one person keeps one colour everywhere and across runs. GUI thread.
class Avatar {
public:
    static QColor colorFor(const QString &id);
    // The initial(s) shown: the first character of a Chinese name, up to two letters of a Latin one.
    static QString initialsOf(const QString &name);
    // A round avatar of `size` logical pixels for a screen of this device pixel ratio (cached).
    static QPixmap pixmap(const QString &id, const QString &name, int size, qreal devicePixelRatio, bool group = false);
};

} // namespace parley
