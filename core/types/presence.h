#pragma once

#include <QMetaType>
#include <QString>

namespace parley {

// Who may see when I am online or was last (parley.v1.PresenceAudience). Whoever I do not show it to, I see
// only approximately.
enum class PresenceAudience {
    Everyone = 0,
    Friends = 1,
    Nobody = 2,
};

// Values equal parley.v1.PresenceState.
enum class PresenceState {
    Unknown = 0, // not asked yet, or not connected
    Online = 1,
    LastSeen = 2,   // lastSeenAtMs says when
    Recently = 3,   // approximate: online or seen within 3 days
    WithinWeek = 4, // seen within a week
    WithinMonth = 5,
    LongAgo = 6,
};

// A user's presence as the server lets me see it.
struct Presence {
    QString userId;
    PresenceState state = PresenceState::Unknown;
    qint64 lastSeenAtMs = 0; // with LastSeen

    friend bool operator==(const Presence &, const Presence &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::Presence)
Q_DECLARE_METATYPE(parley::PresenceAudience)
