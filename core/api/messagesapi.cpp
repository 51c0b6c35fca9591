#include "core/api/messagesapi.h"

#include "common/securerandom.h"
#include "core/api/featureapi_p.h"

#include <QDateTime>

namespace parley {

MessagesApi::MessagesApi(Engine *engine, QObject *parent) : FeatureApi(engine, parent)
{
    connect(this, &MessagesApi::totalUnreadChanged, this, [this](int total) { m_totalUnread = total; });
}

void MessagesApi::attach(Account &account)
{
    connect(&account, &Account::messageAdded, this, &MessagesApi::messageAdded);
    connect(&account, &Account::messageChanged, this, &MessagesApi::messageChanged);
    connect(&account, &Account::messageRemoved, this, &MessagesApi::messageRemoved);
    connect(&account, &Account::conversationChanged, this, &MessagesApi::conversationChanged);
    connect(&account, &Account::conversationRemoved, this, &MessagesApi::conversationRemoved);
    connect(&account, &Account::totalUnreadChanged, this, &MessagesApi::totalUnreadChanged);
    connect(&account, &Account::peerTyping, this, [this](const QString &peer, TypingActivity activity) {
        Q_EMIT peerTyping(ConversationKey::withUser(peer), activity);
    });
}

void MessagesApi::reset()
{
    m_typing = TypingThrottle(); // what was said belongs to the account that said it
    if (m_totalUnread != 0)
        Q_EMIT totalUnreadChanged(0);
}

Answer<ChatMessage> MessagesApi::sendText(const ConversationKey &conversation, const QString &text,
                                          const QStringList &mentioned, bool mentionEveryone)
{
    return reply(conversation, 0, text, mentioned, mentionEveryone);
}

Answer<ChatMessage> MessagesApi::reply(const ConversationKey &conversation, qint64 original, const QString &text,
                                       const QStringList &mentioned, bool mentionEveryone)
{
    // The idempotency key is drawn here, once: every resend of this message carries it.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray uuid = timeOrderedUuid(now);
    return onAccount<ChatMessage>([=](Account &a, Promise<ChatMessage> p) {
        a.sendText(conversation, text, uuid, now, mentioned, mentionEveryone, original, std::move(p));
    });
}

Answer<QList<ChatMessage>> MessagesApi::forward(const QList<qint64> &localIds, const QList<ConversationKey> &targets,
                                                bool asHistory, const QString &title)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return onAccount<QList<ChatMessage>>([=](Account &a, Promise<QList<ChatMessage>> p) {
        a.forward(localIds, targets, asHistory, title, now, std::move(p));
    });
}

Answer<Done> MessagesApi::retry(qint64 localId)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.retryMessage(localId, std::move(p)); });
}

Answer<Done> MessagesApi::recall(qint64 localId)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.recall(localId, std::move(p)); });
}

Answer<Done> MessagesApi::edit(qint64 localId, const QString &text)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.edit(localId, text, std::move(p)); });
}

Answer<Done> MessagesApi::react(qint64 localId, const QString &emoji)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.react(localId, emoji, std::move(p)); });
}

void MessagesApi::setTyping(const ConversationKey &conversation, TypingActivity activity)
{
    if (conversation.type != ConversationKey::Type::Private)
        return;
    const std::optional<TypingActivity> send =
        m_typing.next(conversation, activity, QDateTime::currentMSecsSinceEpoch());
    if (!send)
        return;
    onAccount<Done>([peer = conversation.target, activity = *send](Account &a, Promise<Done> p) {
        a.sendTyping(peer, activity);
        p.resolve(Done{});
    });
}

Answer<Done> MessagesApi::deleteLocally(qint64 localId)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.deleteLocally(localId, std::move(p)); });
}

Answer<Done> MessagesApi::markRead(const ConversationKey &conversation)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.markRead(conversation, std::nullopt, std::move(p)); });
}

Answer<Done> MessagesApi::markRead(const ConversationKey &conversation, quint64 upToSeq)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.markRead(conversation, upToSeq, std::move(p)); });
}

Answer<QList<ChatMessage>> MessagesApi::fetchLatest(const ConversationKey &conversation, int limit)
{
    return onAccount<QList<ChatMessage>>(
        [=](Account &a, Promise<QList<ChatMessage>> p) { a.fetchLatest(conversation, limit, std::move(p)); });
}

Answer<HistoryPage> MessagesApi::fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit)
{
    return onAccount<HistoryPage>(
        [=](Account &a, Promise<HistoryPage> p) { a.fetchOlder(conversation, beforeSeq, limit, std::move(p)); });
}

Answer<HistoryPage> MessagesApi::fetchNewer(const ConversationKey &conversation, quint64 afterSeq, int limit)
{
    return onAccount<HistoryPage>(
        [=](Account &a, Promise<HistoryPage> p) { a.fetchNewer(conversation, afterSeq, limit, std::move(p)); });
}

Answer<HistoryCheck> MessagesApi::verifyConversation(const ConversationKey &conversation)
{
    return onAccount<HistoryCheck>(
        [=](Account &a, Promise<HistoryCheck> p) { a.verifyConversation(conversation, std::move(p)); });
}

Answer<QList<ConversationSummary>> MessagesApi::fetchConversations()
{
    return onAccount<QList<ConversationSummary>>(
        [](Account &a, Promise<QList<ConversationSummary>> p) { a.fetchConversations(std::move(p)); });
}

Answer<Done> MessagesApi::setPinned(const ConversationKey &conversation, bool pinned)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.setPinned(conversation, pinned, std::move(p)); });
}

Answer<Done> MessagesApi::setMutedUntil(const ConversationKey &conversation, qint64 untilMs)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.setMutedUntil(conversation, untilMs, std::move(p)); });
}

Answer<Done> MessagesApi::setMarkedUnread(const ConversationKey &conversation, bool unread)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.setMarkedUnread(conversation, unread, std::move(p)); });
}

Answer<Done> MessagesApi::removeFromList(const ConversationKey &conversation)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.removeFromList(conversation, std::move(p)); });
}

Answer<Done> MessagesApi::saveDraft(const ConversationKey &conversation, const QString &draft)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.saveDraft(conversation, draft, std::move(p)); });
}

Answer<MentionList> MessagesApi::fetchMentions(int limit)
{
    return onAccount<MentionList>([=](Account &a, Promise<MentionList> p) { a.fetchMentions(limit, std::move(p)); });
}

Answer<QList<ChatMessage>> MessagesApi::search(const QString &typed, int limit)
{
    return onAccount<QList<ChatMessage>>(
        [=](Account &a, Promise<QList<ChatMessage>> p) { a.searchMessages(typed, limit, std::move(p)); });
}

} // namespace parley
