#include "core/api/peopleapi.h"

#include "core/api/featureapi_p.h"
#include "core/people/contactbook.h"
#include "core/people/presencebook.h"

namespace parley {

PeopleApi::PeopleApi(Engine *engine, QObject *parent) : FeatureApi(engine, parent)
{
    // The current values follow the announcements; views connected after this object see them updated.
    connect(this, &PeopleApi::contactsReset, this, [this](const QList<Contact> &c) { m_contacts = c; });
    connect(this, &PeopleApi::friendRequestsReset, this, [this](const QList<FriendRequest> &r) { m_requests = r; });
    connect(this, &PeopleApi::myProfileChanged, this, [this](const UserProfile &me) { m_me = me; });
    connect(this, &PeopleApi::findableByPhoneChanged, this, [this](bool findable) { m_findableByPhone = findable; });
    connect(this, &PeopleApi::presenceAudienceChanged, this,
            [this](PresenceAudience audience) { m_presenceAudience = audience; });
    connect(this, &PeopleApi::presenceChanged, this, [this](const Presence &p) { m_presence.insert(p.userId, p); });
}

void PeopleApi::attach(Account &account)
{
    ContactBook *book = &account.contacts();
    connect(book, &ContactBook::contactsReset, this, &PeopleApi::contactsReset);
    connect(book, &ContactBook::friendRequestsReset, this, &PeopleApi::friendRequestsReset);
    connect(book, &ContactBook::myProfileChanged, this, &PeopleApi::myProfileChanged);
    connect(book, &ContactBook::profilesChanged, this, &PeopleApi::profilesChanged);
    connect(book, &ContactBook::findableByPhoneChanged, this, &PeopleApi::findableByPhoneChanged);
    connect(book, &ContactBook::presenceAudienceChanged, this, &PeopleApi::presenceAudienceChanged);
    connect(&account.presence(), &PresenceBook::presenceChanged, this, &PeopleApi::presenceChanged);
}

void PeopleApi::reset()
{
    Q_EMIT contactsReset({});
    Q_EMIT friendRequestsReset({});
    Q_EMIT myProfileChanged(UserProfile{});
    Q_EMIT findableByPhoneChanged(true);
    Q_EMIT presenceAudienceChanged(PresenceAudience::Everyone);
    m_presence.clear();
}

Answer<QList<UserProfile>> PeopleApi::searchUser(const QString &query)
{
    return onAccount<QList<UserProfile>>(
        [=](Account &a, Promise<QList<UserProfile>> p) { a.contacts().search(query, std::move(p)); });
}

Answer<QList<UserProfile>> PeopleApi::fetchProfiles(const QStringList &userIds)
{
    return onAccount<QList<UserProfile>>(
        [=](Account &a, Promise<QList<UserProfile>> p) { a.contacts().fetchProfiles(userIds, std::move(p)); });
}

Answer<UserProfile> PeopleApi::updateMyProfile(const ProfileChange &change)
{
    return onAccount<UserProfile>(
        [=](Account &a, Promise<UserProfile> p) { a.contacts().updateMyProfile(change, std::move(p)); });
}

Answer<FriendRequest> PeopleApi::sendFriendRequest(const QString &userId, const QString &greeting)
{
    return onAccount<FriendRequest>(
        [=](Account &a, Promise<FriendRequest> p) { a.contacts().sendFriendRequest(userId, greeting, std::move(p)); });
}

Answer<FriendRequest> PeopleApi::answerFriendRequest(qint64 requestId, bool accept, const QString &remark)
{
    return onAccount<FriendRequest>([=](Account &a, Promise<FriendRequest> p) {
        a.contacts().answerFriendRequest(requestId, accept, remark, std::move(p));
    });
}

Answer<Contact> PeopleApi::setRemark(const QString &userId, const QString &remark)
{
    return onAccount<Contact>(
        [=](Account &a, Promise<Contact> p) { a.contacts().setRemark(userId, remark, std::move(p)); });
}

Answer<Contact> PeopleApi::deleteFriend(const QString &userId)
{
    return onAccount<Contact>([=](Account &a, Promise<Contact> p) { a.contacts().deleteFriend(userId, std::move(p)); });
}

Answer<Contact> PeopleApi::setBlocked(const QString &userId, bool blocked)
{
    return onAccount<Contact>(
        [=](Account &a, Promise<Contact> p) { a.contacts().setBlocked(userId, blocked, std::move(p)); });
}

Answer<QList<Presence>> PeopleApi::fetchPresence(const QStringList &userIds)
{
    return onAccount<QList<Presence>>(
        [=](Account &a, Promise<QList<Presence>> p) { a.presence().fetch(userIds, std::move(p)); });
}

} // namespace parley
