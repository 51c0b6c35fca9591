#pragma once

#include "core/api/featureapi.h"
#include "core/messaging/typingthrottle.h"
#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"
#include "core/types/conversationsummary.h"
#include "core/types/historycheck.h"
#include "core/types/historypage.h"
#include "core/types/mentionlist.h"
#include "core/types/typingactivity.h"

#include <QList>
#include <QStringList>

namespace parley {

// Messages and conversations: send, recall, read, history pages, my conversation list, local search. Each
// request is answered on its own Answer; every change, whoever caused it (this device, another one, the peer),
// is announced by the signals. GUI thread.
class MessagesApi : public FeatureApi {
    Q_OBJECT

public:
    static constexpr int kSearchResults = 50;
    static constexpr int kMentionsShown = 200;

    MessagesApi(Engine *engine, QObject *parent);

    void attach(Account &account) override;
    void reset() override;

    // Stores the message and sends it: answered with the stored local echo (messageAdded follows too). The
    // message's fate (sent, delivered, read, failed) arrives as messageChanged. In a group, `mentioned` members
    // are told they are mentioned; mentionEveryone (@all) is for the owner and admins.
    Answer<ChatMessage> sendText(const ConversationKey &conversation, const QString &text,
                                 const QStringList &mentioned = {}, bool mentionEveryone = false);
    // The same, answering an earlier sent message of the conversation (`original`, its local id): the reply
    // quotes it. Refused (NotFound) for a message that is not sent, not of this chat, or a notice.
    Answer<ChatMessage> reply(const ConversationKey &conversation, qint64 original, const QString &text,
                              const QStringList &mentioned = {}, bool mentionEveryone = false);
    Answer<Done> retry(qint64 localId);
    // Forwards sent messages (local ids, of any chats) to each of `targets`: a copy of each in the order they
    // were written, or — asHistory, messages of one chat — one "chat history" message titled `title` that opens
    // in a viewer. Files are not uploaded again. Answered with the stored local echoes (messageAdded follows
    // for each); refused for a message that is not sent, a notice or a recalled one.
    Answer<QList<ChatMessage>> forward(const QList<qint64> &localIds, const QList<ConversationKey> &targets,
                                       bool asHistory = false, const QString &title = {});
    // Takes back one of my sent messages (within the server's time limit): answered once it is recalled, or
    // with why not (too late, not mine).
    Answer<Done> recall(qint64 localId);
    // Changes the text of one of my sent text messages (within the server's time limit): answered once every
    // device is told, or with why not (too late, recalled, not mine).
    Answer<Done> edit(qint64 localId, const QString &text);
    // My reaction to a sent message: one of limits::kReactionEmoji, replacing mine; empty takes it back.
    // Answered once the server has it; every device and participant sees the message's reactions change.
    Answer<Done> react(qint64 localId, const QString &emoji);
    // What I am doing in a one-to-one chat's composer (typing, recording, stopped), as often as it happens: the
    // peer is told at once and then at most every few seconds (TypingThrottle); groups are not told.
    void setTyping(const ConversationKey &conversation, TypingActivity activity);
    // Deletes a message from this device only (messageRemoved follows); it stays on the server.
    Answer<Done> deleteLocally(qint64 localId);
    // I have read the conversation up to its newest message ("Mark as read"); my other devices follow.
    Answer<Done> markRead(const ConversationKey &conversation);
    // I have read it up to the message with this sequence, the newest a view showed: one that arrived meanwhile
    // stays unread. (Never past the newest message there is.)
    Answer<Done> markRead(const ConversationKey &conversation, quint64 upToSeq);
    // The newest `limit` cached messages.
    Answer<QList<ChatMessage>> fetchLatest(const ConversationKey &conversation, int limit);
    // Pull-down history: up to `limit` messages before `beforeSeq` (0: the newest), from the cache or the server.
    Answer<HistoryPage> fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit);
    // Scrolling back down a window of history: up to `limit` cached messages after `afterSeq`.
    Answer<HistoryPage> fetchNewer(const ConversationKey &conversation, quint64 afterSeq, int limit);
    // Self-check: finds holes in the conversation's cached sequence and fills them from the server.
    Answer<HistoryCheck> verifyConversation(const ConversationKey &conversation);
    // My conversation list, pinned first, then by the newest activity.
    Answer<QList<ConversationSummary>> fetchConversations();
    // How I keep a conversation, on all my devices (conversationChanged follows here, and on the others): pinned,
    // muted until a time (0: not muted; limits::kMutedForever: until turned off), marked unread (until read),
    // the draft. Answered once stored on this device; the server takes it when online.
    Answer<Done> setPinned(const ConversationKey &conversation, bool pinned);
    Answer<Done> setMutedUntil(const ConversationKey &conversation, qint64 untilMs);
    Answer<Done> setMarkedUnread(const ConversationKey &conversation, bool unread);
    Answer<Done> saveDraft(const ConversationKey &conversation, const QString &draft);
    // Out of the list on this device (conversationRemoved); it comes back with its next message.
    Answer<Done> removeFromList(const ConversationKey &conversation);
    // Messages in the local cache whose text contains what was typed (Chinese too), newest first.
    Answer<QList<ChatMessage>> search(const QString &typed, int limit = kSearchResults);
    // Messages that mention me (or @all) in any chat, newest first, from the cache, with which are unread.
    Answer<MentionList> fetchMentions(int limit = kMentionsShown);

    // Unread messages of all conversations that are not muted (capped per conversation).
    int totalUnread() const { return m_totalUnread; }

Q_SIGNALS:
    void messageAdded(const parley::ChatMessage &message);
    void messageChanged(const parley::ChatMessage &message);
    void messageRemoved(const parley::ChatMessage &message);
    // Unread count, receipts, last message, pin, mute or draft of a conversation changed.
    void conversationChanged(const parley::ConversationSummary &summary);
    void conversationRemoved(const parley::ConversationKey &conversation);
    void totalUnreadChanged(int total);
    // The peer of a one-to-one chat is typing or recording, or stopped (not stored; shown for a moment).
    void peerTyping(const parley::ConversationKey &conversation, parley::TypingActivity activity);

private:
    int m_totalUnread = 0;
    TypingThrottle m_typing;
};

} // namespace parley
