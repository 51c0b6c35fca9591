#include "core/models/mentionlistmodel.h"

#include "core/client.h"

#include <algorithm>
#include <utility>

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
    refresh();
}

void MentionListModel::onSummary(const ConversationSummary &summary)
{
    const auto known = m_readSeq.constFind(summary.key);
    if (known != m_readSeq.cend() && *known == summary.readSeq)
        return; // a new message, a draft, a pin: nothing about what is read
    m_readSeq.insert(summary.key, summary.readSeq);
    m_refresh.start();
}

void MentionListModel::refresh()
{
    m_client->messages().fetchMentions().then(this, [this](const Result<MentionList> &list) {
        if (list)
            onFetched(*list);
    });
}

void MentionListModel::onFetched(const MentionList &list)
{
    const int before = m_list.unreadTotal;
    const bool sameRows =
        std::equal(list.messages.cbegin(), list.messages.cend(), m_list.messages.cbegin(), m_list.messages.cend(),
                   [](const ChatMessage &a, const ChatMessage &b) { return a.localId == b.localId; });
    if (sameRows) {
        const QSet<qint64> was = std::exchange(m_list.unread, list.unread);
        m_list.messages = list.messages;
        m_list.unreadTotal = list.unreadTotal;
        for (int row = 0; row < int(m_list.messages.size()); ++row) {
            const qint64 id = m_list.messages.at(row).localId;
            if (was.contains(id) != m_list.unread.contains(id))
                Q_EMIT dataChanged(index(row), index(row), {UnreadRole});
        }
    } else {
        beginResetModel();
        m_list = list;
        endResetModel();
    }
    if (m_list.unreadTotal != before)
        Q_EMIT unreadCountChanged(m_list.unreadTotal);
}

int MentionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_list.messages.size());
}

QVariant MentionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ChatMessage &m = m_list.messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return m.text;
    case MessageRole: return QVariant::fromValue(m);
    case ConversationRole: return QVariant::fromValue(m.conversation);
    case UnreadRole: return m_list.unread.contains(m.localId);
    default: return {};
    }
}

QHash<int, QByteArray> MentionListModel::roleNames() const
{
    return {{MessageRole, "message"}, {ConversationRole, "conversation"}, {UnreadRole, "unread"}};
}

} // namespace parley
