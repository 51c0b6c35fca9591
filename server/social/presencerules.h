#pragma once

#include "parley.pb.h"
#include "server/storage/records.h"

namespace parley::server {

// What one user may see of another's presence. Each user chooses who sees it (v1::PresenceAudience), and it
// works both ways: two users see each other's exactly only if each shows it to the other; otherwise the asker
// sees an approximation by age (recently, within a week, a month, long ago), and a user who blocked the asker
// appears "long ago". Users see their own exactly. Pure: the caller reads the facts.
class PresenceRules {
public:
    static constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    // The approximations' bounds (Telegram's): seen within these is "recently", "within a week", "a month".
    static constexpr qint64 kRecentlyMs = 3 * kDayMs;
    static constexpr qint64 kWeekMs = 7 * kDayMs;
    static constexpr qint64 kMonthMs = 30 * kDayMs;

    struct Relation {
        bool friends = false;
        bool viewerBlockedTarget = false;
        bool targetBlockedViewer = false;
    };
    // Both profiles as stored (audience, last seen); targetOnline: a device of the target is connected.
    static v1::Presence view(const ProfileRecord &target, bool targetOnline, const ProfileRecord &viewer,
                             const Relation &relation, qint64 nowMs);
};

} // namespace parley::server
