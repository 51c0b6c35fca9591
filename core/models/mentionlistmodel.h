#pragma once

#include "core/models/messagesearchmodel.h"
#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"
#include "core/types/mentionlist.h"

#include <QAbstractListModel>
#include <QHash>
#include <QTimer>

namespace parley {

class Client;
struct ConversationSummary;

// Every message that mentions me (or @all), across chats, newest first, each marked unread while it is after my
// read horizon in its chat (the same on all my devices), and how many are unread in all. Asked again a moment
// after anything that could change it happens: a message comes, changes or goes, or a chat's read horizon
// moves; when only what is unread changed, the rows stay (no reset under the user's pointer). GUI thread.
class MentionListModel : public QAbstractListModel {
    Q_OBJECT

public:
    static constexpr int kRefreshDelayMs = 100; // changes that come together are asked about once

    enum Role {
        MessageRole = MessageSearchModel::MessageRole, // the ChatMessage (roles as the search's: one delegate)
        ConversationRole = MessageSearchModel::ConversationRole,
        UnreadRole = MessageSearchModel::ConversationRole + 1,
    };

    explicit MentionListModel(Client *client, QObject *parent = nullptr);

    int unreadCount() const { return m_list.unreadTotal; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void unreadCountChanged(int count);

private:
    void refresh();
    void onFetched(const MentionList &list);
    void onSummary(const ConversationSummary &summary);

    Client *m_client;
    MentionList m_list;
    QHash<ConversationKey, quint64> m_readSeq; // each chat's read horizon as last seen: asks again when it moves
    QTimer m_refresh;
};

} // namespace parley
