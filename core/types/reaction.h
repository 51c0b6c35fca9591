#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace parley {

// Who reacted to a message with one emoji, in the order they did (parley.v1.Reaction).
struct Reaction {
    QString emoji;
    QStringList users; // user ids

    friend bool operator==(const Reaction &, const Reaction &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::Reaction)
