#pragma once

#include "core/types/contact.h"
#include "core/types/conversationkey.h"
#include "core/types/groupinfo.h"
#include "core/types/groupmember.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace parley {

class Client;

// The names and pictures the UI shows for people and groups, on the GUI thread: my remark for a friend, else
// the nickname, else the id; group names; avatars. Learns them from the client's signals and asks the server,
// in one batch, for people it has not seen (namesChanged follows). A picture is asked of the client the first
// time it is wanted; picturesChanged says it is here (views draw initials until then, and when it cannot be
// had). Decoded pictures are kept up to kPictureCacheBytes, then read from disk again. GUI thread.
class NameBook : public QObject {
    Q_OBJECT

public:
    static constexpr int kFetchDelayMs = 50; // gathers the unknown ids of one screenful into one request
    static constexpr qint64 kPictureCacheBytes = 8 << 20;
    static constexpr qint64 kPictureRetryMs = 60 * 1000; // a picture that could not be had is asked again after

    explicit NameBook(Client *client, QObject *parent = nullptr);

    QString userName(const QString &userId);
    // The person deleted their account ("Deleted account" is the name): nothing more can be sent to it.
    bool isDeleted(const QString &userId) const { return m_deleted.contains(userId); }
    QString groupName(const QString &groupId) const;
    // What a conversation is called: the group's name, or the person's.
    QString title(const ConversationKey &conversation);
    int groupMemberCount(const QString &groupId) const { return m_groups.value(groupId).memberCount; }
    GroupInfo group(const QString &groupId) const { return m_groups.value(groupId, GroupInfo{groupId}); }
    QString myId() const;
    QString myName() const { return m_myName; }
    // The picture of a person or a group (the file id it names, and the picture once here), or null.
    QString avatarOf(const QString &id, bool group) const;
    QImage picture(const QString &id, bool group);
    // A profile met outside contacts and groups (a search result): its name and picture.
    void learnProfile(const UserProfile &profile);

Q_SIGNALS:
    void namesChanged();
    void picturesChanged();

private:
    void fetchUnknown();
    // A person's nickname and picture (no signal: the caller announces).
    void remember(const UserProfile &profile);

    Client *m_client = nullptr;
    QHash<QString, QString> m_remarks; // my remark for a friend wins over the nickname
    QHash<QString, QString> m_nicknames;
    QHash<QString, GroupInfo> m_groups;
    QHash<QString, QString> m_avatars;     // user id → file id
    QCache<QString, QImage> m_pictures;    // file id → picture; cost in bytes
    QHash<QString, qint64> m_pictureAsked; // file id → when it was last asked for (and is not here)
    QSet<QString> m_deleted;
    QSet<QString> m_unknown;
    QSet<QString> m_asked;
    QString m_myName;
    QTimer m_fetch;
};

} // namespace parley
