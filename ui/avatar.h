#pragma once

#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QString>

namespace parley {

class NameBook;

// Avatars of people (round) and groups (rounded squares): their picture, from the NameBook installed with
// addPictures; without one, or until it is here, the first letter (or character) of the name on a colour chosen
// from the id, so one person keeps one colour everywhere and across runs. A deleted account has a grey figure,
// the same for all. GUI thread.
class Avatar {
public:
    // Where pictures come from: the NameBook of the newest main window still open (each adds its book as it opens
    // and removes it as it closes, in any order); none: initials only.
    static void addPictures(NameBook *names);
    static void removePictures(NameBook *names);
    static NameBook *pictures();
    static QColor colorFor(const QString &id);
    // The initial(s) shown: the first character of a Chinese name, up to two letters of a Latin one.
    static QString initialsOf(const QString &name);
    // A round avatar of `size` logical pixels for a screen of this device pixel ratio (cached).
    static QPixmap pixmap(const QString &id, const QString &name, int size, qreal devicePixelRatio, bool group = false);
    // A picture (not yet anyone's: one just chosen) in the avatar's shape; not cached.
    static QPixmap ofPicture(const QImage &picture, int size, qreal devicePixelRatio, bool group = false);
};

} // namespace parley
