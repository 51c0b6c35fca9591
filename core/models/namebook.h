#pragma once

#include "core/types/contact.h"
#include "core/types/conversationkey.h"
#include "core/types/groupinfo.h"
#include "core/types/groupmember.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace parley {

class Client;

// The names the UI shows for people and groups, on the GUI thread: my remark for a friend, else the
// nickname, else the id; group names. Learns them from the client's signals and asks the server, in one
// batch, for people it has not seen (namesChanged follows). GUI thread.
class NameBook : public QObject {
    Q_OBJECT

public:
    static constexpr int kFetchDelayMs = 50; // gathers the unknown ids of one screenful into one request

    explicit NameBook(Client *client, QObject *parent = nullptr);

    QString userName(const QString &userId);
    QString groupName(const QString &groupId) const;
    // What a conversation is called: the group's name, or the person's.
    QString title(const ConversationKey &conversation);
    int groupMemberCount(const QString &groupId) const { return m_groups.value(groupId).memberCount; }
    GroupInfo group(const QString &groupId) const { return m_groups.value(groupId, GroupInfo{groupId}); }
    QString myId() const;
    QString myName() const { return m_myName; }

Q_SIGNALS:
    void namesChanged();

private:
    void fetchUnknown();

    Client *m_client = nullptr;
    QHash<QString, QString> m_remarks; // my remark for a friend wins over the nickname
    QHash<QString, QString> m_nicknames;
    QHash<QString, GroupInfo> m_groups;
    QSet<QString> m_unknown;
    QSet<QString> m_asked;
    QString m_myName;
    QTimer m_fetch;
};

} // namespace parley
