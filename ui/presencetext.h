#pragma once

#include "core/types/presence.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace parley {

// How a user's presence reads under a chat's title and on the profile card: "online", "last seen today at
// 14:05", "last seen recently"; empty when nothing is known. GUI thread.
class PresenceText {
    Q_DECLARE_TR_FUNCTIONS(PresenceText)

public:
    static QString text(const Presence &presence, const QDateTime &now = QDateTime::currentDateTime());
};

} // namespace parley
