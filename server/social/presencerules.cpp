#include "server/social/presencerules.h"

namespace parley::server {

namespace {

// Whether `owner` (with this audience) shows presence to the other user of the relation.
bool shows(int audience, bool friends, bool blocked)
{
    if (blocked)
        return false;
    return audience == v1::AUDIENCE_EVERYONE || (audience == v1::AUDIENCE_FRIENDS && friends);
}

v1::PresenceState approximate(bool online, qint64 lastSeenAtMs, qint64 nowMs)
{
    if (online)
        return v1::PRESENCE_RECENTLY;
    if (lastSeenAtMs <= 0)
        return v1::PRESENCE_LONG_AGO;
    const qint64 ago = nowMs - lastSeenAtMs;
    if (ago <= PresenceRules::kRecentlyMs)
        return v1::PRESENCE_RECENTLY;
    if (ago <= PresenceRules::kWeekMs)
        return v1::PRESENCE_WITHIN_WEEK;
    if (ago <= PresenceRules::kMonthMs)
        return v1::PRESENCE_WITHIN_MONTH;
    return v1::PRESENCE_LONG_AGO;
}

} // namespace

v1::Presence PresenceRules::view(const ProfileRecord &target, bool targetOnline, const ProfileRecord &viewer,
                                  const Relation &relation, qint64 nowMs)
{
    v1::Presence presence;
    presence.set_user_id(target.uid.toStdString());
    const bool self = target.id == viewer.id;
    const bool exact = self || (shows(target.presenceAudience, relation.friends, relation.targetBlockedViewer) &&
                                shows(viewer.presenceAudience, relation.friends, relation.viewerBlockedTarget));
    if (!exact) {
        presence.set_state(relation.targetBlockedViewer ? v1::PRESENCE_LONG_AGO
                                                        : approximate(targetOnline, target.lastSeenAtMs, nowMs));
    } else if (targetOnline) {
        presence.set_state(v1::PRESENCE_ONLINE);
    } else if (target.lastSeenAtMs > 0) {
        presence.set_state(v1::PRESENCE_LAST_SEEN);
        presence.set_last_seen_at(target.lastSeenAtMs);
    } else {
        presence.set_state(v1::PRESENCE_LONG_AGO); // never connected since presence was kept
    }
    return presence;
}

} // namespace parley::server
