#pragma once

#include "core/api/featureapi.h"
#include "core/types/contact.h"
#include "core/types/friendrequest.h"
#include "core/types/presence.h"
#include "core/types/profilechange.h"
#include "core/types/userprofile.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace parley {

// People: finding users, their profiles, my profile, friends and friend requests. Each request is answered on
// its own Answer. My profile, my contacts and my friend requests are kept here as current values, announced
// whole whenever they change (from the cache when the account opens, then from the server). GUI thread.
class PeopleApi : public FeatureApi {
    Q_OBJECT

public:
    PeopleApi(Engine *engine, QObject *parent);

    void attach(Account &account) override;
    void reset() override;

    // Exact search: a phone number with its country code, or a Parley ID.
    Answer<QList<UserProfile>> searchUser(const QString &query);
    Answer<QList<UserProfile>> fetchProfiles(const QStringList &userIds);
    // Fields left empty stay as they are; answered with my profile as it is now.
    Answer<UserProfile> updateMyProfile(const ProfileChange &change);
    Answer<FriendRequest> sendFriendRequest(const QString &userId, const QString &greeting);
    Answer<FriendRequest> answerFriendRequest(qint64 requestId, bool accept, const QString &remark = {});
    Answer<Contact> setRemark(const QString &userId, const QString &remark);
    Answer<Contact> deleteFriend(const QString &userId);
    Answer<Contact> setBlocked(const QString &userId, bool blocked);
    // Whether users are online or when they were last, as they let me see it (at most
    // PresenceBook::kMaxIdsPerRequest). Friends are then kept current by the server's pushes (presenceChanged),
    // and everyone asked about is asked again after a reconnect; others' changes show when asked again.
    Answer<QList<Presence>> fetchPresence(const QStringList &userIds);

    const UserProfile &myProfile() const { return m_me; }
    bool findableByPhone() const { return m_findableByPhone; }
    PresenceAudience presenceAudience() const { return m_presenceAudience; }
    // The last known presence of a user asked about (Unknown if not asked or offline).
    Presence presence(const QString &userId) const { return m_presence.value(userId, Presence{userId}); }
    const QList<Contact> &contacts() const { return m_contacts; }             // friends and blocked users
    const QList<FriendRequest> &friendRequests() const { return m_requests; } // newest first

Q_SIGNALS:
    void contactsReset(const QList<parley::Contact> &contacts);
    void friendRequestsReset(const QList<parley::FriendRequest> &requests);
    void myProfileChanged(const parley::UserProfile &profile);
    // Profiles that changed, of contacts or not (a chat's peer, a group member): a name, a picture, a deletion.
    void profilesChanged(const QList<parley::UserProfile> &profiles);
    void findableByPhoneChanged(bool findable);
    void presenceAudienceChanged(parley::PresenceAudience audience);
    void presenceChanged(const parley::Presence &presence);

private:
    UserProfile m_me;
    bool m_findableByPhone = true;
    PresenceAudience m_presenceAudience = PresenceAudience::Everyone;
    QHash<QString, Presence> m_presence;
    QList<Contact> m_contacts;
    QList<FriendRequest> m_requests;
};

} // namespace parley
