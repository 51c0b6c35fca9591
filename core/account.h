#pragma once

#include "core/api/answer.h"
#include "core/calls/mediasession.h"
#include "core/types/changeset.h"
#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"
#include "core/types/conversationsummary.h"
#include "core/types/historycheck.h"
#include "core/types/historypage.h"
#include "core/types/mentionlist.h"
#include "core/types/typingactivity.h"
#include "protocol/frame.h"
#include "protocol/result.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace parley::v1 {
class Quote;
class Result;
} // namespace parley::v1

namespace parley {

class Connection;
class ContactBook;
class ConversationRepository;
class GroupBook;
class PresenceBook;
class DeviceActivity;
class ConversationSettingsRepository;
class ConversationSettingsSync;
class GroupRepository;
class PeopleRepository;
class HistoryFetcher;
class InboxApplier;
class LocalDatabase;
class MessageRepository;
class Outbox;
class ReceiptReporter;
class SyncEngine;
class FilesEndpoint;
class Forwarder;
class TransferManager;
class AvatarStore;
class TransferRepository;
class CallManager;

// Everything that exists for the logged-in account: its cache, outbox, sync, receipts and history, and
// the operations on them. Created by Engine when an account opens and deleted when it closes; the
// connection is Engine's. Engine thread.
class Account : public QObject {
    Q_OBJECT

public:
    // The cache's integrity check (it reads the whole file) waits until start-up and the first sync are
    // done, then runs once on a pool thread.
    static constexpr int kCacheCheckDelayMs = 60 * 1000;

    struct Options {
        int sendAttemptTimeoutMs = 0;
        QString pinnedFingerprint; // of the files port too (on the host of the long connection)
        QString mediaDir;          // downloaded and prepared files
        QString deviceId;          // this device's (calls: which signals are meant for it)
        CallMediaOptions callMedia;
        MediaSession::Factory mediaSessionFactory;
    };

    static Result<std::unique_ptr<Account>> open(const QString &cachePath, const QString &userId,
                                                 Connection &connection, const Options &options);
    ~Account() override;

    QString userId() const { return m_userId; }
    bool inSync() const;

    void onOnline(quint64 inboxHead);
    void onOffline();
    void onPush(const Frame &frame);

    // Each operation answers through its promise (on the caller's thread, see Promise); what it changes is also
    // announced by the signals below, for every view.
    // Stores the message (the local echo; answered with it) and sends it.
    // replyTo: the local id of the message this one answers (0: none).
    void sendText(const ConversationKey &conversation, const QString &text, const QByteArray &clientUuid, qint64 nowMs,
                  const QStringList &mentioned, bool mentionEveryone, qint64 replyTo, Promise<ChatMessage> answer);
    void retryMessage(qint64 localId, Promise<Done> answer);
    // Forwards sent messages to each of `targets`: a copy of each, or one chat history titled `title`. Answered
    // with the local echoes, which go to the outbox.
    void forward(const QList<qint64> &localIds, const QList<ConversationKey> &targets, bool asHistory,
                 const QString &title, qint64 nowMs, Promise<QList<ChatMessage>> answer);
    // Takes back one of my sent messages; answered once the server has done it (or said why not).
    void recall(qint64 localId, Promise<Done> answer);
    // Changes the text of one of my sent text messages; answered once the server has done it.
    void edit(qint64 localId, const QString &text, Promise<Done> answer);
    // Sets my reaction to a sent message (an empty emoji takes it back); answered once the server has it.
    void react(qint64 localId, const QString &emoji, Promise<Done> answer);
    // Tells the peer of a one-to-one chat what I am doing there (when online; nothing is kept for later).
    void sendTyping(const QString &peer, TypingActivity activity);
    void deleteLocally(qint64 localId, Promise<Done> answer);
    // Moves my read horizon to `upToSeq` (never past the newest cached message; all of them without one) and
    // tells my other devices.
    void markRead(const ConversationKey &conversation, std::optional<quint64> upToSeq, Promise<Done> answer);
    void fetchLatest(const ConversationKey &conversation, int limit, Promise<QList<ChatMessage>> answer);
    void fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit, Promise<HistoryPage> answer);
    void fetchNewer(const ConversationKey &conversation, quint64 afterSeq, int limit, Promise<HistoryPage> answer);
    void verifyConversation(const ConversationKey &conversation, Promise<HistoryCheck> answer);
    void fetchConversations(Promise<QList<ConversationSummary>> answer);
    // Local search of message texts.
    void searchMessages(const QString &typed, int limit, Promise<QList<ChatMessage>> answer);
    // Messages that mention me, of every chat, newest first.
    void fetchMentions(int limit, Promise<MentionList> answer);
    // How I keep a conversation, the same on all my devices: pin, mute until (0: not muted), marked unread, the
    // draft; answered once stored here (the server takes it when online).
    void setPinned(const ConversationKey &conversation, bool pinned, Promise<Done> answer);
    void setMutedUntil(const ConversationKey &conversation, qint64 untilMs, Promise<Done> answer);
    void setMarkedUnread(const ConversationKey &conversation, bool unread, Promise<Done> answer);
    void saveDraft(const ConversationKey &conversation, const QString &draft, Promise<Done> answer);
    // Out of the list on this device, until the next message.
    void removeFromList(const ConversationKey &conversation, Promise<Done> answer);
    // Emits the cached contacts, requests and groups (when the account opens: the start of every stream).
    void publishPeople();

    ContactBook &contacts() { return *m_contactBook; }
    TransferManager &transfers() { return *m_transfers; }
    AvatarStore &avatars() { return *m_avatars; }
    GroupBook &groups() { return *m_groupBook; }
    PresenceBook &presence() { return *m_presence; }
    DeviceActivity &deviceActivity() { return *m_activity; }
    CallManager &calls() { return *m_calls; }

Q_SIGNALS:
    void messageAdded(const parley::ChatMessage &message);
    void messageChanged(const parley::ChatMessage &message);
    void messageRemoved(const parley::ChatMessage &message);
    void conversationChanged(const parley::ConversationSummary &summary);
    void conversationRemoved(const parley::ConversationKey &conversation);
    void totalUnreadChanged(int total);
    void inSyncChanged(bool inSync);
    void storageFailed(const parley::Error &error);
    void transferProgress(qint64 localId, quint64 done, quint64 total);
    // A peer's typing notice (user id, what they are doing).
    void peerTyping(const QString &peer, parley::TypingActivity activity);

private:
    Account(QString userId, std::unique_ptr<LocalDatabase> database, Connection &connection, const Options &options);

    // Announces a message that changed here, and answers whoever asked for the change.
    void publish(const Result<std::optional<ChatMessage>> &changed, const Promise<Done> &answer);
    // A setting of a conversation changed here (or not): sent, announced, answered.
    void changeSetting(const ConversationKey &conversation, int field, const QVariant &value, Promise<Done> answer);
    // A change made by this device stored (or not): announced, then answered.
    void publish(bool stored, const ChangeSet &changes, const Promise<Done> &answer);
    // What a request about one of my sent messages changes here once the server has done it: stored (false
    // if storing failed), with what changed recorded.
    using StoreReply = std::function<bool(qint64 serverUid, const v1::Result &reply, ChangeSet &changes)>;
    // Recall, edit, react: `request` names the cached message's server uid and goes out; the server's answer is
    // stored here (storeReply), announced and given to `answer`. A message not sent yet: NotFound.
    template <typename Request>
    void changeSentMessage(qint64 localId, SubSignal subSignal, Request request, const StoreReply &storeReply,
                           Promise<Done> answer);
    // Announces what a sync batch or a page of history stored, each change to whoever owns its models.
    void onChanges(const ChangeSet &changes);
    void onConversationsChanged(const QList<ConversationKey> &conversations);
    // A summary as the list shows it: with its last message whole and its title.
    ConversationSummary completed(ConversationSummary summary);
    // The peer's remark or nickname, or the group's name.
    QString titleOf(const ConversationKey &conversation);
    // The quote of a sent message of the conversation, for a reply to it; none if there is no such message.
    std::optional<v1::Quote> quoteOf(const ConversationKey &conversation, qint64 localId);

    QString m_userId;
    Connection &m_connection;
    std::unique_ptr<LocalDatabase> m_database;
    std::unique_ptr<MessageRepository> m_messages;
    std::unique_ptr<ConversationRepository> m_conversations;
    std::unique_ptr<PeopleRepository> m_people;
    std::unique_ptr<GroupRepository> m_groupRepository;
    std::unique_ptr<InboxApplier> m_inbox;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<SyncEngine> m_sync;
    std::unique_ptr<ReceiptReporter> m_receipts;
    std::unique_ptr<HistoryFetcher> m_history;
    std::unique_ptr<ContactBook> m_contactBook;
    std::unique_ptr<GroupBook> m_groupBook;
    std::unique_ptr<PresenceBook> m_presence;
    std::unique_ptr<DeviceActivity> m_activity;
    std::unique_ptr<ConversationSettingsRepository> m_settings;
    std::unique_ptr<ConversationSettingsSync> m_settingsSync;
    std::unique_ptr<Forwarder> m_forwarder;
    std::unique_ptr<TransferRepository> m_transferRepository;
    std::unique_ptr<FilesEndpoint> m_filesEndpoint;
    std::unique_ptr<TransferManager> m_transfers;
    std::unique_ptr<AvatarStore> m_avatars;
    std::unique_ptr<CallManager> m_calls;
    int m_lastTotalUnread = -1;
    QTimer *m_searchCatchUp = nullptr; // indexes new messages for search, a batch at a time, between other work
};

} // namespace parley
