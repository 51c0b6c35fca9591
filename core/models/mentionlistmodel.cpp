#include "core/models/mentionlistmodel.h"

#include "core/client.h"

namespace parley {

MentionListModel::MentionListModel(Client *client, QObject *parent) : QAbstractListModel(parent), m_client(client)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshDelayMs);
    connect(&m_refresh, &QTimer::timeout, this, &MentionListModel::refresh);
    MessagesApi &messages = m_client->messages();
    const auto changed = [this](const ChatMessage &m) {
        if (m.mentionsMe)
            m_refresh.start();
    };
    connect(&messages, &MessagesApi::messageAdded, this, changed);
    connect(&messages, &MessagesApi::messageChanged, this, changed);
    connect(&messages, &MessagesApi::messageRemoved, this, changed);
    connect(&messages, &MessagesApi::conversationChanged, this, &MentionListModel::onSummary);
    messages.fetchConversations().then(this, [this](const Result<QList<ConversationSummary>> &summaries) {
        if (!summaries)
            return;
        for (const ConversationSummary &s : *summaries)
            m_readSeq.insert(s.key, s.readSeq);
        refresh();
    });
}

void MentionListModel::onSummary(const ConversationSummary &summary)
{
    const auto known = m_readSeq.constFind(summary.key);
    if (known != m_readSeq.cend() && *known == summary.readSeq)
        return;
    m_readSeq.insert(summary.key, summary.readSeq);
    m_refresh.start();
}

bool MentionListModel::isUnread(const ChatMessage &message) const
{
    return !message.outgoing && message.conversationSeq > m_readSeq.value(message.conversation);
}

void MentionListModel::refresh()
{
    m_client->messages().fetchMentions().then(this, [this](const Result<QList<ChatMessage>> &mentions) {
        if (!mentions)
            return;
        beginResetModel();
        m_mentions = *mentions;
        endResetModel();
        const int unread = unreadCount();
        if (unread != m_unread) {
            m_unread = unread;
            Q_EMIT unreadCountChanged(unread);
        }
    });
}

int MentionListModel::unreadCount() const
{
    return int(
        std::count_if(m_mentions.cbegin(), m_mentions.cend(), [this](const ChatMessage &m) { return isUnread(m); }));
}

int MentionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_mentions.size());
}

QVariant MentionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ChatMessage &m = m_mentions.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return m.text;
    case MessageRole: return QVariant::fromValue(m);
    case ConversationRole: return QVariant::fromValue(m.conversation);
    case UnreadRole: return isUnread(m);
    default: return {};
    }
}

QHash<int, QByteArray> MentionListModel::roleNames() const
{
    return {{MessageRole, "message"}, {ConversationRole, "conversation"}, {UnreadRole, "unread"}};
}

} // namespace parley
