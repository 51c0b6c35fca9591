#include "ui/messagelistmodel.h"

#include "core/client.h"

#include <QDateTime>

namespace parley {

namespace {

// Sent and received messages by conversation sequence; unsent ones (no sequence yet) after them.
bool before(const ChatMessage &a, const ChatMessage &b)
{
    const bool aSent = a.conversationSeq != 0;
    const bool bSent = b.conversationSeq != 0;
    if (aSent != bSent)
        return aSent;
    if (aSent)
        return a.conversationSeq < b.conversationSeq;
    return a.localId < b.localId;
}

} // namespace

MessageListModel::MessageListModel(Client &client, QObject *parent) : QAbstractListModel(parent), m_client(client)
{
    connect(&m_client, &Client::latestFetched, this, &MessageListModel::onFetched);
    connect(&m_client, &Client::messageAdded, this, &MessageListModel::onAdded);
    connect(&m_client, &Client::messageChanged, this, &MessageListModel::onChanged);
    connect(&m_client, &Client::conversationChanged, this, &MessageListModel::onConversationChanged);
}

void MessageListModel::onConversationChanged(const ConversationSummary &summary)
{
    if (summary.key != m_conversation)
        return;
    for (qsizetype row = 0; row < m_messages.size(); ++row) {
        ChatMessage &m = m_messages[row];
        if (!m.outgoing || m.conversationSeq == 0 || m.state == MessageState::Failed || m.state == MessageState::Read)
            continue;
        const MessageState state = m.conversationSeq <= summary.peerReadSeq        ? MessageState::Read
                                   : m.conversationSeq <= summary.peerDeliveredSeq ? MessageState::Delivered
                                                                                   : m.state;
        if (state != m.state) {
            m.state = state;
            const QModelIndex i = index(int(row));
            Q_EMIT dataChanged(i, i, {StateRole});
        }
    }
}

void MessageListModel::setConversation(const ConversationKey &conversation)
{
    beginResetModel();
    m_conversation = conversation;
    m_messages.clear();
    endResetModel();
    if (conversation.isValid())
        m_client.fetchLatest(conversation, kInitialPage);
}

void MessageListModel::onFetched(const ConversationKey &conversation, const QList<ChatMessage> &messages)
{
    if (conversation != m_conversation)
        return;
    beginResetModel();
    m_messages = messages;
    endResetModel();
}

qsizetype MessageListModel::insertionRow(const ChatMessage &message) const
{
    return std::upper_bound(m_messages.cbegin(), m_messages.cend(), message, before) - m_messages.cbegin();
}

void MessageListModel::onAdded(const ChatMessage &message)
{
    if (message.conversation != m_conversation)
        return;
    for (const ChatMessage &m : std::as_const(m_messages)) {
        if (m.localId == message.localId)
            return;
    }
    const qsizetype row = insertionRow(message);
    beginInsertRows({}, int(row), int(row));
    m_messages.insert(row, message);
    endInsertRows();
}

void MessageListModel::onChanged(const ChatMessage &message)
{
    if (message.conversation != m_conversation)
        return;
    for (qsizetype row = 0; row < m_messages.size(); ++row) {
        if (m_messages[row].localId != message.localId)
            continue;
        // Acknowledged messages gain a sequence and may move above unsent ones.
        const qsizetype target = [&] {
            QList<ChatMessage> without = m_messages;
            without.removeAt(row);
            return std::upper_bound(without.cbegin(), without.cend(), message, before) - without.cbegin();
        }();
        if (target != row) {
            beginMoveRows({}, int(row), int(row), {}, int(target > row ? target + 1 : target));
            m_messages.move(row, target);
            endMoveRows();
        }
        m_messages[target] = message;
        const QModelIndex i = index(int(target));
        Q_EMIT dataChanged(i, i);
        return;
    }
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ChatMessage &m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (m.isRecalled())
            return m.outgoing ? tr("You recalled a message") : tr("This message was recalled");
        return m.text;
    case TextRole: return m.text;
    case OutgoingRole: return m.outgoing;
    case StateRole: return int(m.state);
    case SenderRole: return m.sender;
    case TimestampRole: return QDateTime::fromMSecsSinceEpoch(m.timestampMs);
    case FailureRole: return int(m.failure);
    case LocalIdRole: return m.localId;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(m.outgoing ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {{TextRole, "text"},           {OutgoingRole, "outgoing"}, {StateRole, "state"},    {SenderRole, "sender"},
            {TimestampRole, "timestamp"}, {FailureRole, "failure"},   {LocalIdRole, "localId"}};
}

} // namespace parley
