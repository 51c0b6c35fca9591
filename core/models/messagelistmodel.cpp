#include "core/models/messagelistmodel.h"

#include "core/api/filesapi.h"
#include "core/client.h"
#include "protocol/contenttypes.h"

#include <QDateTime>
#include <QSet>

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

// The messages of `candidates` that `present` does not hold (by local id), in their order.
QList<ChatMessage> notIn(const QList<ChatMessage> &present, const QList<ChatMessage> &candidates)
{
    QSet<qint64> ids;
    for (const ChatMessage &m : present)
        ids.insert(m.localId);
    QList<ChatMessage> out;
    for (const ChatMessage &m : candidates) {
        if (!ids.contains(m.localId))
            out.append(m);
    }
    return out;
}

} // namespace

MessageListModel::MessageListModel(Client &client, QObject *parent) : QAbstractListModel(parent), m_client(client)
{
    MessagesApi *messages = &m_client.messages();
    connect(messages, &MessagesApi::messageAdded, this, &MessageListModel::onAdded);
    connect(messages, &MessagesApi::messageChanged, this, &MessageListModel::onChanged);
    connect(messages, &MessagesApi::messageRemoved, this, &MessageListModel::onRemoved);
    connect(messages, &MessagesApi::conversationChanged, this, &MessageListModel::onConversationChanged);
    connect(&m_client.groups(), &GroupsApi::readHorizonsChanged, this, &MessageListModel::onReadHorizons);
    connect(&m_client.files(), &FilesApi::transferProgress, this, &MessageListModel::onTransferProgress);
}

void MessageListModel::loadOlder()
{
    if (m_loadingOlder || m_reachedStart || !m_conversation.isValid())
        return;
    quint64 oldest = 0;
    for (const ChatMessage &m : std::as_const(m_messages)) {
        if (m.conversationSeq != 0) {
            oldest = m.conversationSeq;
            break;
        }
    }
    if (oldest == 1) {
        m_reachedStart = true;
        return;
    }
    m_loadingOlder = true;
    m_client.messages()
        .fetchOlder(m_conversation, oldest, kOlderPage)
        .then(this, [this, opened = m_opened](const Result<HistoryPage> &page) {
            if (opened != m_opened)
                return; // for a conversation shown before
            m_loadingOlder = false;
            if (page)
                onOlder(page->messages, page->reachedEnd);
            else
                Q_EMIT olderLoaded(0);
        });
}

void MessageListModel::onOlder(const QList<ChatMessage> &messages, bool reachedStart)
{
    m_reachedStart = reachedStart;
    QList<ChatMessage> older = notIn(m_messages, messages);
    std::sort(older.begin(), older.end(), before);
    if (older.isEmpty()) {
        Q_EMIT olderLoaded(0);
        return;
    }
    Q_EMIT windowAboutToMove();
    beginInsertRows({}, 0, int(older.size()) - 1);
    m_messages = older + m_messages;
    endInsertRows();
    trim(false);
    Q_EMIT windowMoved();
    Q_EMIT olderLoaded(int(older.size()));
}

void MessageListModel::trim(bool dropAtTop)
{
    const int excess = int(m_messages.size()) - kWindowRows;
    if (excess <= 0)
        return;
    if (dropAtTop) {
        beginRemoveRows({}, 0, excess - 1);
        m_messages.remove(0, excess);
        endRemoveRows();
        m_reachedStart = false;
    } else {
        beginRemoveRows({}, kWindowRows, int(m_messages.size()) - 1);
        m_messages.resize(kWindowRows);
        endRemoveRows();
        m_atLatest = false;
    }
}

void MessageListModel::loadNewer()
{
    if (m_atLatest || m_loadingNewer || m_messages.isEmpty())
        return;
    m_loadingNewer = true;
    m_client.messages()
        .fetchNewer(m_conversation, m_messages.last().conversationSeq, kOlderPage)
        .then(this, [this, opened = m_opened](const Result<HistoryPage> &page) {
            if (opened != m_opened)
                return;
            m_loadingNewer = false;
            if (page)
                onNewer(page->messages, page->reachedEnd);
        });
}

void MessageListModel::onNewer(const QList<ChatMessage> &messages, bool reachedEnd)
{
    QList<ChatMessage> newer = notIn(m_messages, messages);
    m_atLatest = reachedEnd;
    if (newer.isEmpty())
        return;
    Q_EMIT windowAboutToMove();
    beginInsertRows({}, int(m_messages.size()), int(m_messages.size() + newer.size()) - 1);
    m_messages += newer;
    endInsertRows();
    trim(true);
    Q_EMIT windowMoved();
}

void MessageListModel::showLatest()
{
    const ConversationKey conversation = m_conversation;
    const QList<quint64> horizons = m_horizons;
    const bool unreadLine = m_unreadLine;
    const quint64 unreadAfter = m_unreadAfter;
    setConversation(conversation);
    m_horizons = horizons;
    m_unreadLine = unreadLine; // the line stays where it was, for as long as the chat is open
    m_unreadAfter = unreadAfter;
}

void MessageListModel::onReadHorizons(const QString &groupId, const QList<quint64> &horizons)
{
    if (m_conversation.type != ConversationKey::Type::Group || m_conversation.target != groupId)
        return;
    m_horizons = horizons;
    if (!m_messages.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_messages.size()) - 1), {ReadCountRole});
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

void MessageListModel::setConversation(const ConversationKey &conversation, quint64 readSeq, int unread)
{
    beginResetModel();
    m_conversation = conversation;
    m_messages.clear();
    m_horizons.clear();
    m_loadingOlder = false;
    m_reachedStart = false;
    m_loadingNewer = false;
    m_atLatest = true;
    m_unreadLine = unread > 0;
    m_unreadAfter = readSeq;
    m_awaitingLatest = false;
    // With unread messages nothing counts as seen until the window is there (the view marks the chat read
    // when it shows the newest).
    if (m_unreadLine)
        m_atLatest = false;
    ++m_opened;
    endResetModel();
    if (conversation.isValid() && unread > kUnreadInLatest) {
        openAtUnread();
        return;
    }
    if (conversation.isValid())
        fetchLatestPage();
    // Read horizons for read counts arrive with the group's members, which the chat view asks for.
}

void MessageListModel::fetchLatestPage()
{
    m_awaitingLatest = true;
    m_client.messages()
        .fetchLatest(m_conversation, kInitialPage)
        .then(this, [this, opened = m_opened](const Result<QList<ChatMessage>> &latest) {
            if (opened == m_opened && latest)
                onFetched(latest.value());
        });
}

void MessageListModel::onFetched(const QList<ChatMessage> &messages)
{
    // Messages that arrived between opening and this answer (the cache was read before they were stored)
    // stay: the answer is merged, not taken as the whole.
    QList<ChatMessage> merged = messages + notIn(messages, m_messages);
    std::stable_sort(merged.begin(), merged.end(), before);
    beginResetModel();
    m_messages = merged;
    m_atLatest = true; // the newest page
    m_awaitingLatest = false;
    endResetModel();
}

void MessageListModel::openAtUnread()
{
    openWindowAt(m_unreadAfter, [this](bool opened) {
        if (!opened) // the newest at least, as if there were few unread
            fetchLatestPage();
    });
}

void MessageListModel::openWindowAt(quint64 lastOlderSeq, const std::function<void(bool)> &done)
{
    // A few messages up to `lastOlderSeq` (from the server if the cache lacks them), then as many after it as
    // an opening page holds.
    m_client.messages()
        .fetchOlder(m_conversation, lastOlderSeq + 1, kUnreadContext)
        .then(this, [this, opened = m_opened, lastOlderSeq, done](const Result<HistoryPage> &older) {
            if (opened != m_opened)
                return;
            m_client.messages()
                .fetchNewer(m_conversation, lastOlderSeq, kInitialPage)
                .then(this, [this, opened, older, done](const Result<HistoryPage> &newer) {
                    if (opened != m_opened)
                        return;
                    if (!newer) {
                        done(false);
                        return;
                    }
                    QList<ChatMessage> rows = older ? older->messages : QList<ChatMessage>();
                    rows += notIn(rows, newer->messages);
                    std::stable_sort(rows.begin(), rows.end(), before);
                    beginResetModel();
                    m_messages = rows;
                    m_reachedStart = older && older->reachedEnd;
                    m_atLatest = newer->reachedEnd;
                    endResetModel();
                    done(true);
                });
        });
}

int MessageListModel::rowOfId(qint64 localId) const
{
    for (qsizetype row = 0; row < m_messages.size(); ++row) {
        if (m_messages[row].localId == localId)
            return int(row);
    }
    return -1;
}

int MessageListModel::rowOfSeq(quint64 seq) const
{
    for (qsizetype row = 0; row < m_messages.size(); ++row) {
        if (m_messages[row].conversationSeq == seq)
            return int(row);
    }
    return -1;
}

void MessageListModel::showMessage(quint64 seq)
{
    if (!m_conversation.isValid() || seq == 0)
        return;
    if (const int row = rowOfSeq(seq); row >= 0) {
        Q_EMIT messageShown(row);
        return;
    }
    // A window around it replaces the one shown; answers for the old window are dropped.
    ++m_opened;
    m_loadingOlder = false;
    m_loadingNewer = false;
    m_awaitingLatest = false;
    openWindowAt(seq, [this, seq](bool opened) {
        const int row = opened ? rowOfSeq(seq) : -1;
        if (!opened)
            showLatest(); // the pages it dropped are asked again
        if (row >= 0)
            Q_EMIT messageShown(row);
        else
            Q_EMIT messageNotShown(seq);
    });
}

quint64 MessageListModel::newestSeq() const
{
    quint64 newest = 0;
    for (const ChatMessage &m : m_messages)
        newest = std::max(newest, m.conversationSeq);
    return newest;
}

int MessageListModel::firstUnreadRow() const
{
    if (!m_unreadLine)
        return -1;
    // The first message after the horizon starts the unread part (if the window's top is not just after
    // messages it does not hold); the line goes on the first in it that counts as unread: others', not a
    // notice (as the unread count has it).
    const auto after = std::find_if(m_messages.cbegin(), m_messages.cend(),
                                    [this](const ChatMessage &m) { return m.conversationSeq > m_unreadAfter; });
    if (after == m_messages.cend() ||
        (after == m_messages.cbegin() && !m_reachedStart && after->conversationSeq != m_unreadAfter + 1))
        return -1;
    const auto counted = std::find_if(after, m_messages.cend(), [](const ChatMessage &m) {
        return !m.outgoing && m.conversationSeq > 0 && content::countsAsUnread(m.contentType);
    });
    return counted == m_messages.cend() ? -1 : int(counted - m_messages.cbegin());
}

qsizetype MessageListModel::insertionRow(const ChatMessage &message) const
{
    return std::upper_bound(m_messages.cbegin(), m_messages.cend(), message, before) - m_messages.cbegin();
}

void MessageListModel::onAdded(const ChatMessage &message)
{
    if (message.conversation != m_conversation)
        return;
    if (!m_atLatest && !m_awaitingLatest) {
        Q_EMIT newMessageOutsideWindow(); // it is in the cache; the window reaches it when scrolled down
        return;
    }
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

void MessageListModel::onRemoved(const ChatMessage &message)
{
    for (qsizetype row = 0; row < m_messages.size(); ++row) {
        if (m_messages[row].localId != message.localId)
            continue;
        beginRemoveRows({}, int(row), int(row));
        m_messages.removeAt(row);
        endRemoveRows();
        return;
    }
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (checkIndex(index, CheckIndexOption::IndexIsValid)) {
        const ChatMessage &m = m_messages.at(index.row());
        if (!m.isNotice())
            f |= Qt::ItemIsEditable;
    }
    return f;
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

void MessageListModel::onTransferProgress(qint64 localId, quint64 done, quint64 total)
{
    for (qsizetype row = m_messages.size() - 1; row >= 0; --row) {
        ChatMessage &m = m_messages[row];
        if (m.localId != localId)
            continue;
        m.transfer.done = done;
        m.transfer.total = total;
        m.transfer.state = TransferState::Running;
        const QModelIndex changed = index(int(row));
        Q_EMIT dataChanged(changed, changed, {MessageRole});
        return;
    }
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
    case FirstUnreadRole: return index.row() == firstUnreadRow();
    case OutgoingRole: return m.outgoing;
    case StateRole: return int(m.state);
    case SenderRole: return m.sender;
    case TimestampRole: return QDateTime::fromMSecsSinceEpoch(m.timestampMs);
    case FailureRole: return int(m.failure);
    case LocalIdRole: return m.localId;
    case MessageRole: return QVariant::fromValue(m);
    case ReadCountRole: {
        if (!m.outgoing || m.conversationSeq == 0)
            return 0;
        // Horizons are ascending: the readers are those at or past this message.
        const auto first = std::lower_bound(m_horizons.cbegin(), m_horizons.cend(), m.conversationSeq);
        return int(m_horizons.cend() - first);
    }
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
