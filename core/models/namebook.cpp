#include "core/models/namebook.h"

#include "core/client.h"

#include <QDateTime>

#include <limits>

namespace parley {

NameBook::NameBook(Client *client, QObject *parent) : QObject(parent), m_client(client), m_pictures(kPictureCacheBytes)
{
    m_fetch.setSingleShot(true);
    m_fetch.setInterval(kFetchDelayMs);
    connect(&m_fetch, &QTimer::timeout, this, &NameBook::fetchUnknown);
    if (!client)
        return;
    const auto learnContacts = [this](const QList<Contact> &contacts) {
        m_remarks.clear();
        for (const Contact &c : contacts) {
            if (!c.remark.isEmpty())
                m_remarks.insert(c.userId(), c.remark);
            remember(c.profile);
        }
        Q_EMIT namesChanged();
    };
    const auto learnMe = [this](const UserProfile &me) {
        m_myName = me.displayName();
        remember(me);
        Q_EMIT namesChanged();
    };
    const auto learnGroups = [this](const QList<GroupInfo> &groups) {
        for (const GroupInfo &g : groups)
            m_groups.insert(g.groupId, g);
        Q_EMIT namesChanged();
    };
    // What the client knows now, then what changes.
    learnContacts(client->people().contacts());
    if (!client->people().myProfile().userId.isEmpty())
        learnMe(client->people().myProfile());
    learnGroups(client->groups().groups());
    connect(&client->people(), &PeopleApi::contactsReset, this, learnContacts);
    connect(&client->people(), &PeopleApi::myProfileChanged, this, learnMe);
    connect(&client->people(), &PeopleApi::profilesChanged, this, [this](const QList<UserProfile> &profiles) {
        for (const UserProfile &p : profiles)
            remember(p);
        Q_EMIT namesChanged();
    });
    connect(&client->groups(), &GroupsApi::groupsReset, this, learnGroups);
    connect(&client->groups(), &GroupsApi::groupChanged, this, [learnGroups](const GroupInfo &g) { learnGroups({g}); });
    connect(&client->people(), &PeopleApi::friendRequestsReset, this, [this](const QList<FriendRequest> &requests) {
        for (const FriendRequest &r : requests)
            m_avatars.insert(r.other().userId, r.other().avatar);
        Q_EMIT namesChanged();
    });
    connect(&client->groups(), &GroupsApi::membersReset, this,
            [this](const QString &groupId, const QList<GroupMember> &members) {
                for (const GroupMember &m : members)
                    remember(m.profile);
                if (const auto group = m_groups.find(groupId); group != m_groups.end())
                    group->memberCount = int(members.size());
                Q_EMIT namesChanged();
            });
}

QString NameBook::myId() const
{
    return m_client ? m_client->userId() : QString();
}

QString NameBook::userName(const QString &userId)
{
    if (const auto remark = m_remarks.constFind(userId); remark != m_remarks.cend())
        return *remark;
    if (const auto nickname = m_nicknames.constFind(userId); nickname != m_nicknames.cend())
        return *nickname;
    if (!userId.isEmpty() && !m_asked.contains(userId)) {
        m_unknown.insert(userId);
        m_fetch.start();
    }
    return userId;
}

QString NameBook::groupName(const QString &groupId) const
{
    const QString name = m_groups.value(groupId).name;
    return name.isEmpty() ? groupId : name;
}

QString NameBook::title(const ConversationKey &conversation)
{
    return conversation.type == ConversationKey::Type::Group ? groupName(conversation.target)
                                                             : userName(conversation.target);
}

void NameBook::fetchUnknown()
{
    if (m_unknown.isEmpty() || !m_client)
        return;
    m_asked.unite(m_unknown);
    m_client->people()
        .fetchProfiles(QStringList(m_unknown.cbegin(), m_unknown.cend()))
        .then(this, [this](const Result<QList<UserProfile>> &profiles) {
            if (!profiles)
                return;
            for (const UserProfile &p : profiles.value())
                remember(p);
            Q_EMIT namesChanged();
        });
    m_unknown.clear();
}

QString NameBook::avatarOf(const QString &id, bool group) const
{
    if (!group)
        return m_avatars.value(id);
    const GroupInfo g = m_groups.value(id);
    return g.member && !g.dismissed ? g.avatar : QString(); // only members may fetch it
}

void NameBook::remember(const UserProfile &profile)
{
    m_nicknames.insert(profile.userId, profile.displayName());
    m_avatars.insert(profile.userId, profile.avatar);
    if (profile.deleted)
        m_deleted.insert(profile.userId);
    else
        m_deleted.remove(profile.userId);
}

void NameBook::learnProfile(const UserProfile &profile)
{
    remember(profile);
    Q_EMIT namesChanged();
}

QImage NameBook::picture(const QString &id, bool group)
{
    const QString fileId = avatarOf(id, group);
    if (fileId.isEmpty() || !m_client)
        return {};
    if (const QImage *cached = m_pictures.object(fileId))
        return *cached;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const auto asked = m_pictureAsked.constFind(fileId);
        asked != m_pictureAsked.cend() && now - *asked < kPictureRetryMs)
        return {}; // on its way, or failed a moment ago
    m_pictureAsked.insert(fileId, now);
    m_client->files().avatar(fileId).then(this, [this, fileId](const Result<QImage> &picture) {
        if (!picture) {
            // Initials stay; asked again after kPictureRetryMs, unless asking again cannot help.
            const ErrorCode code = picture.error().code;
            if (code == ErrorCode::NotFound || code == ErrorCode::TooLarge || code == ErrorCode::FileCorrupt)
                m_pictureAsked.insert(fileId, std::numeric_limits<qint64>::max() / 2);
            return;
        }
        m_pictureAsked.remove(fileId);
        m_pictures.insert(fileId, new QImage(picture.value()), picture->sizeInBytes());
        Q_EMIT picturesChanged();
    });
    return {};
}

} // namespace parley
