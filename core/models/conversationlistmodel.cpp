#include "core/models/conversationlistmodel.h"

#include "core/client.h"

namespace parley {

using namespace Qt::StringLiterals;

ConversationListModel::ConversationListModel(Client *client, QObject *parent)
    : KeyedListModel<ConversationSummary>(parent)
{
    if (!client)
        return;
    connect(&client->messages(), &MessagesApi::conversationChanged, this, &ConversationListModel::applyConversation);
    connect(&client->messages(), &MessagesApi::conversationRemoved, this, &ConversationListModel::removeConversation);
    connect(&client->files(), &FilesApi::transferProgress, this, &ConversationListModel::onTransferProgress);
    connect(&client->messages(), &MessagesApi::messageChanged, this, &ConversationListModel::onMessageChanged);
    client->messages().fetchConversations().then(this, [this](const Result<QList<ConversationSummary>> &all) {
        if (all)
            setConversations(all.value());
    });
}

QString ConversationListModel::keyString(const ConversationKey &key)
{
    return (key.type == ConversationKey::Type::Group ? u"g:"_s : u"u:"_s) + key.target;
}

void ConversationListModel::setConversations(const QList<ConversationSummary> &conversations)
{
    QList<ConversationSummary> sorted = conversations;
    std::stable_sort(sorted.begin(), sorted.end(), [](const ConversationSummary &a, const ConversationSummary &b) {
        if (a.pinned != b.pinned)
            return a.pinned;
        return a.lastActivityMs > b.lastActivityMs;
    });
    update(sorted);
}

void ConversationListModel::applyConversation(const ConversationSummary &summary)
{
    QList<ConversationSummary> all = rows();
    const int row = rowOf(summary.key);
    if (row >= 0)
        all[row] = summary;
    else
        all.append(summary);
    setConversations(all);
}

void ConversationListModel::removeConversation(const ConversationKey &key)
{
    QList<ConversationSummary> all = rows();
    all.removeIf([&](const ConversationSummary &s) { return s.key == key; });
    update(all);
}

template <typename Change>
void ConversationListModel::changeLastTransfer(qint64 localId, Change change)
{
    const QList<ConversationSummary> &current = rows();
    const auto it = std::find_if(current.cbegin(), current.cend(),
                                 [&](const ConversationSummary &s) { return s.lastMessage.localId == localId; });
    if (it == current.cend())
        return;
    QList<ConversationSummary> all = current;
    if (change(all[it - current.cbegin()].lastMessage))
        update(all);
}

void ConversationListModel::onTransferProgress(qint64 localId, quint64 done, quint64 total)
{
    changeLastTransfer(localId, [&](ChatMessage &last) {
        if (!last.outgoing)
            return false;
        last.transfer.done = done;
        last.transfer.total = total;
        return true;
    });
}

void ConversationListModel::onMessageChanged(const ChatMessage &message)
{
    changeLastTransfer(message.localId, [&](ChatMessage &last) {
        if (last.transfer == message.transfer)
            return false;
        last.transfer = message.transfer;
        return true;
    });
}

ConversationSummary ConversationListModel::summaryOf(const ConversationKey &key) const
{
    const int row = rowOf(key);
    return row >= 0 ? rows().at(row) : ConversationSummary{key};
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ConversationSummary &s = rows().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return s.title.isEmpty() ? s.key.target : s.title;
    case KeyRole: return QVariant::fromValue(s.key);
    case IsGroupRole: return s.key.type == ConversationKey::Type::Group;
    case LastMessageRole: return QVariant::fromValue(s.lastMessage);
    case UnreadRole: return s.unreadCount;
    case MentionedMeRole: return s.mentionedMe;
    case LastActivityRole: return s.lastActivityMs;
    case PinnedRole: return s.pinned;
    case MutedRole: return s.muted;
    case MutedUntilRole: return s.mutedUntilMs;
    case MarkedUnreadRole: return s.markedUnread;
    case DraftRole: return s.draft;
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {{KeyRole, "key"},
            {TitleRole, "title"},
            {IsGroupRole, "isGroup"},
            {LastMessageRole, "lastMessage"},
            {UnreadRole, "unread"},
            {MentionedMeRole, "mentionedMe"},
            {LastActivityRole, "lastActivity"}};
}

} // namespace parley
