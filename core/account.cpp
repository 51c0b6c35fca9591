#include "core/account.h"

#include "common/securerandom.h"
#include "common/threadaffinity.h"
#include "core/calls/callmanager.h"
#include "core/files/avatarstore.h"
#include "core/files/filesendpoint.h"
#include "core/files/transfermanager.h"
#include "core/logging.h"
#include "core/messaging/forwarder.h"
#include "core/messaging/outbox.h"
#include "core/messaging/receiptreporter.h"
#include "core/net/connection.h"
#include "core/people/contactbook.h"
#include "core/people/deviceactivity.h"
#include "core/people/groupbook.h"
#include "core/people/presencebook.h"
#include "core/storage/conversationrepository.h"
#include "core/storage/conversationsettingsrepository.h"
#include "core/storage/grouprepository.h"
#include "core/storage/localdatabase.h"
#include "core/storage/messagerepository.h"
#include "core/storage/peoplerepository.h"
#include "core/storage/transferrepository.h"
#include "core/sync/conversationsettingssync.h"
#include "core/sync/historyfetcher.h"
#include "core/sync/inboxapplier.h"
#include "core/sync/syncengine.h"
#include "protocol/quotes.h"

#include <QDateTime>
#include <QDir>
#include <QSet>
#include <QTimer>

namespace parley {

using namespace Qt::StringLiterals;

Result<std::unique_ptr<Account>> Account::open(const QString &cachePath, const QString &userId, Connection &connection,
                                               const Options &options)
{
    auto database = std::make_unique<LocalDatabase>();
    if (const Result<Done> opened = database->open(cachePath); !opened)
        return opened.error();
    return std::unique_ptr<Account>(new Account(userId, std::move(database), connection, options));
}

Account::Account(QString userId, std::unique_ptr<LocalDatabase> database, Connection &connection,
                 const Options &options)
    : m_userId(std::move(userId)),
      m_connection(connection),
      m_database(std::move(database)),
      m_messages(std::make_unique<MessageRepository>(*m_database, m_userId)),
      m_conversations(std::make_unique<ConversationRepository>(*m_database, m_userId)),
      m_people(std::make_unique<PeopleRepository>(*m_database, m_userId)),
      m_groupRepository(std::make_unique<GroupRepository>(*m_database, m_userId)),
      m_inbox(std::make_unique<InboxApplier>(
          *m_database, m_userId, InboxApplier::Stores{*m_messages, *m_conversations, *m_people, *m_groupRepository})),
      m_outbox(std::make_unique<Outbox>(*m_messages, connection)),
      m_sync(std::make_unique<SyncEngine>(*m_inbox, connection)),
      m_receipts(
          std::make_unique<ReceiptReporter>(*m_conversations, connection, [this] { return m_sync->syncedSeq(); })),
      m_history(std::make_unique<HistoryFetcher>(*m_database, *m_messages, *m_conversations, connection)),
      m_contactBook(std::make_unique<ContactBook>(m_userId, *m_people, connection)),
      m_groupBook(std::make_unique<GroupBook>(*m_groupRepository, *m_people, connection)),
      m_presence(std::make_unique<PresenceBook>(connection)),
      m_activity(std::make_unique<DeviceActivity>(connection)),
      m_settings(std::make_unique<ConversationSettingsRepository>(*m_database)),
      m_settingsSync(std::make_unique<ConversationSettingsSync>(*m_settings, connection)),
      m_forwarder(std::make_unique<Forwarder>(*m_messages, *m_people)),
      m_transferRepository(std::make_unique<TransferRepository>(*m_database)),
      m_filesEndpoint(std::make_unique<FilesEndpoint>([&connection] { return connection.server().host; },
                                                      options.pinnedFingerprint)),
      m_transfers(std::make_unique<TransferManager>(*m_messages, *m_transferRepository, connection, *m_filesEndpoint,
                                                    options.mediaDir)),
      m_avatars(std::make_unique<AvatarStore>(
          connection, *m_filesEndpoint,
          [this](bool fresh, std::function<void(const Result<DownloadTask::Grant> &)> done) {
              m_transfers->downloadGrant(fresh, std::move(done));
          },
          QDir(options.mediaDir).filePath(u"avatars"_s))),
      m_calls(std::make_unique<CallManager>(
          connection, CallManager::Options{options.deviceId, options.callMedia, options.mediaSessionFactory, {}, {}}))
{
    if (options.sendAttemptTimeoutMs > 0)
        m_outbox->setAttemptTimeoutMs(options.sendAttemptTimeoutMs);
    // Files: their messages reach the views like any other; an uploaded one goes to the outbox.
    connect(m_transfers.get(), &TransferManager::messageAdded, this, [this](const ChatMessage &message) {
        Q_EMIT messageAdded(message);
        onConversationsChanged({message.conversation});
    });
    connect(m_transfers.get(), &TransferManager::messageChanged, this, &Account::messageChanged);
    connect(m_transfers.get(), &TransferManager::messageRemoved, this, &Account::messageRemoved);
    connect(m_transfers.get(), &TransferManager::transferProgress, this, &Account::transferProgress);
    connect(m_transfers.get(), &TransferManager::storageFailed, this, &Account::storageFailed);
    connect(m_transfers.get(), &TransferManager::uploaded, this,
            [this](const ChatMessage &message) { m_outbox->enqueue(message); });
    m_transfers->resumeUnfinished();
    // Stored messages enter the search index a batch at a time, between other work — once in sync, so that
    // catching up on many messages is not slowed down by indexing them (a search indexes what is left first).
    m_searchCatchUp = new QTimer(this);
    connect(m_searchCatchUp, &QTimer::timeout, this, [this] {
        if (!m_sync->inSync() || !m_messages->searchIndex().catchUp())
            m_searchCatchUp->stop();
    });
    connect(m_sync.get(), &SyncEngine::inSyncChanged, this, [this](bool inSync) {
        if (inSync)
            m_searchCatchUp->start(0);
    });
    m_searchCatchUp->start(0);
    connect(m_contactBook.get(), &ContactBook::storageFailed, this, &Account::storageFailed);
    connect(m_groupBook.get(), &GroupBook::storageFailed, this, &Account::storageFailed);
    connect(m_contactBook.get(), &ContactBook::presenceAudienceChanged, m_presence.get(), &PresenceBook::onAudience);
    // A new name for a person or a group changes the title of its conversation.
    connect(m_contactBook.get(), &ContactBook::contactsReset, this, [this](const QList<Contact> &contacts) {
        QList<ConversationKey> keys;
        for (const Contact &c : contacts)
            keys.append(ConversationKey::withUser(c.userId()));
        onConversationsChanged(keys);
    });
    connect(m_groupBook.get(), &GroupBook::groupChanged, this, [this](const GroupInfo &g) {
        onConversationsChanged({ConversationKey{ConversationKey::Type::Group, g.groupId}});
    });
    QTimer::singleShot(kCacheCheckDelayMs, this, [this] { m_database->checkInBackground(); });
    connect(m_outbox.get(), &Outbox::messageChanged, this, [this](const ChatMessage &m) {
        Q_EMIT messageChanged(m);
        onConversationsChanged({m.conversation});
    });
    connect(m_outbox.get(), &Outbox::storageFailed, this, &Account::storageFailed);
    connect(m_sync.get(), &SyncEngine::changed, this, &Account::onChanges);
    connect(m_sync.get(), &SyncEngine::itemsExpired, this, [this] { m_conversations->markAllHistoryIncomplete(); });
    connect(m_sync.get(), &SyncEngine::inSyncChanged, this, [this](bool inSync) {
        if (inSync)
            m_receipts->schedule(); // tell the server how far this device has come
        Q_EMIT inSyncChanged(inSync);
    });
    connect(m_sync.get(), &SyncEngine::storageFailed, this, &Account::storageFailed);
    connect(m_history.get(), &HistoryFetcher::changed, this, &Account::onChanges);
    connect(m_settingsSync.get(), &ConversationSettingsSync::changed, this, &Account::onConversationsChanged);
}

Account::~Account() = default;

bool Account::inSync() const
{
    PARLEY_ASSERT_OWN_THREAD();
    return m_sync->inSync();
}

void Account::onOnline(quint64 inboxHead)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_sync->onOnline(inboxHead);
    m_outbox->onOnline();
    m_transfers->onOnline();
    m_avatars->onOnline();
    m_receipts->onOnline();
    m_contactBook->onOnline();
    m_groupBook->onOnline();
    m_presence->onOnline();
    m_activity->onOnline();
    m_calls->onOnline();
    m_settingsSync->onOnline();
}

void Account::onOffline()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_sync->onOffline();
    m_presence->onOffline();
    m_activity->onOffline();
    m_settingsSync->onOffline();
}

void Account::onPush(const Frame &frame)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (frame.subSignal == SubSignal::MTN) { // not an inbox item: shown for a moment, never stored
        if (const std::optional<v1::TypingNotice> notice = fromBytes<v1::TypingNotice>(frame.payload))
            Q_EMIT peerTyping(QString::fromStdString(notice->from()), TypingActivity(notice->activity()));
        return;
    }
    if (frame.subSignal == SubSignal::PSN) { // a friend came online or went offline: not an inbox item either
        if (const std::optional<v1::Presence> presence = fromBytes<v1::Presence>(frame.payload))
            m_presence->onPush(*presence);
        return;
    }
    if (frame.subSignal == SubSignal::CSN) { // another device of mine changed how I keep a conversation
        if (const std::optional<v1::ConversationSettings> s = fromBytes<v1::ConversationSettings>(frame.payload))
            m_settingsSync->onPush(*s);
        return;
    }
    if (frame.subSignal == SubSignal::DAN) { // another device of mine is in use, or not
        if (const std::optional<v1::ActivityNotice> notice = fromBytes<v1::ActivityNotice>(frame.payload))
            m_activity->onPush(*notice);
        return;
    }
    if (frame.subSignal == SubSignal::CLN) { // a call rings, was answered or ended, or its peer signals
        if (const std::optional<v1::CallNotice> notice = fromBytes<v1::CallNotice>(frame.payload))
            m_calls->onPush(*notice);
        return;
    }
    if (frame.subSignal == SubSignal::MNH) // pushes may have been missed: settings are asked for again too
        m_settingsSync->relist();
    m_sync->onPush(frame);
}

void Account::sendTyping(const QString &peer, TypingActivity activity)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_connection.isOnline())
        return; // a moment's news: not worth keeping for later
    v1::TypingRequest request;
    request.set_target(peer.toStdString());
    request.set_activity(v1::TypingActivity(activity));
    m_connection.request(SubSignal::MT, request, [](const Result<v1::Result> &) {});
}

void Account::publish(const Result<std::optional<ChatMessage>> &changed, const Promise<Done> &answer)
{
    if (!changed) {
        Q_EMIT storageFailed(changed.error());
        answer.resolve(changed.error());
        return;
    }
    if (changed.value()) {
        Q_EMIT messageChanged(*changed.value());
        onConversationsChanged({changed.value()->conversation});
    }
    answer.resolve(Done{});
}

void Account::onChanges(const ChangeSet &changes)
{
    if (!changes.added.isEmpty()) {
        m_searchCatchUp->start(0);
        for (const ChatMessage &m : changes.added)
            Q_EMIT messageAdded(m);
        m_transfers->onMessagesArrived(changes.added);
        m_calls->onMessagesArrived(changes.added);
    }
    for (const ChatMessage &m : changes.updated)
        Q_EMIT messageChanged(m);
    if (!changes.conversations.isEmpty())
        onConversationsChanged(changes.conversations.values());
    if (!changes.added.isEmpty() || !changes.conversations.isEmpty())
        m_receipts->schedule(); // "delivered", and this device's inbox position
    if (changes.contactsChanged || changes.requestsChanged)
        m_contactBook->onSynced(changes);
    if (!changes.groupsNoticed.isEmpty() || !changes.groupsRead.isEmpty())
        m_groupBook->onSynced(changes);
}

void Account::onConversationsChanged(const QList<ConversationKey> &conversations)
{
    // Everything is read first and emitted together, so the list and the total badge change in one go.
    QList<ConversationSummary> changed;
    for (const ConversationKey &key : QSet<ConversationKey>(conversations.cbegin(), conversations.cend())) {
        std::optional<ConversationSummary> summary = m_conversations->summary(key);
        if (!summary)
            continue;
        changed.append(completed(*summary));
    }
    const int total = m_conversations->totalUnread();
    for (const ConversationSummary &summary : std::as_const(changed))
        Q_EMIT conversationChanged(summary);
    if (total != m_lastTotalUnread) {
        m_lastTotalUnread = total;
        Q_EMIT totalUnreadChanged(total);
    }
}

std::optional<v1::Quote> Account::quoteOf(const ConversationKey &conversation, qint64 localId)
{
    const std::optional<ChatMessage> original = m_messages->byLocalId(localId);
    if (!original || original->conversation != conversation || original->serverUid == 0 || original->isGroupNotice())
        return std::nullopt;
    v1::Quote quote;
    quote.set_message_uid(original->serverUid);
    quote.set_conversation_seq(original->conversationSeq);
    quote.set_from(original->sender.toStdString());
    quotes::describe(m_messages->contentOf(localId), quote); // the server says the same of its copy
    return quote;
}

void Account::sendText(const ConversationKey &conversation, const QString &text, const QByteArray &clientUuid,
                       qint64 nowMs, const QStringList &mentioned, bool mentionEveryone, qint64 replyTo,
                       Promise<ChatMessage> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    std::optional<v1::Quote> quote;
    if (replyTo != 0 && !(quote = quoteOf(conversation, replyTo))) {
        answer.resolve(Error(ErrorCode::NotFound, u"the message replied to is not a sent message of this chat"_s));
        return;
    }
    const Result<ChatMessage> stored =
        m_messages->addOutgoing(conversation, clientUuid, text, nowMs, mentioned, mentionEveryone, quote);
    if (!stored) {
        Q_EMIT storageFailed(stored.error());
        answer.resolve(stored.error());
        return;
    }
    Q_EMIT messageAdded(stored.value());
    onConversationsChanged({conversation});
    answer.resolve(stored.value());
    m_outbox->enqueue(stored.value());
    m_settingsSync->send(); // the draft went
    m_searchCatchUp->start(0);
}

void Account::forward(const QList<qint64> &localIds, const QList<ConversationKey> &targets, bool asHistory,
                      const QString &title, qint64 nowMs, Promise<QList<ChatMessage>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const Result<QList<v1::MessageContent>> contents = m_forwarder->contents(localIds, asHistory, title);
    if (!contents) {
        answer.resolve(contents.error());
        return;
    }
    QList<ChatMessage> echoes;
    for (const ConversationKey &target : targets) {
        for (const v1::MessageContent &content : *contents) {
            const Result<ChatMessage> stored = m_messages->addForwarded(target, timeOrderedUuid(nowMs), content, nowMs);
            if (!stored) {
                Q_EMIT storageFailed(stored.error());
                answer.resolve(stored.error());
                return; // what was stored before goes out; the answer says the rest did not
            }
            Q_EMIT messageAdded(stored.value());
            m_outbox->enqueue(stored.value());
            echoes.append(stored.value());
        }
    }
    onConversationsChanged(targets);
    answer.resolve(echoes);
    m_searchCatchUp->start(0);
}

void Account::retryMessage(qint64 localId, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_transfers->retryUpload(localId)) // a file whose upload failed is uploaded first
        m_outbox->retry(localId);
    answer.resolve(Done{});
}

template <typename Request>
void Account::changeSentMessage(qint64 localId, SubSignal subSignal, Request request, const StoreReply &storeReply,
                                Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const std::optional<ChatMessage> message = m_messages->byLocalId(localId);
    if (!message || message->serverUid == 0) {
        answer.resolve(Error(ErrorCode::NotFound, u"the message has not been sent"_s));
        return;
    }
    request.set_message_uid(message->serverUid);
    m_connection.request(subSignal, request,
                         [this, answer, storeReply, uid = message->serverUid](const Result<v1::Result> &reply) {
                             if (!reply) {
                                 answer.resolve(reply.error());
                                 return;
                             }
                             ChangeSet changes;
                             publish(storeReply(uid, reply.value(), changes), changes, answer);
                         });
}

void Account::recall(qint64 localId, Promise<Done> answer)
{
    changeSentMessage(
        localId, SubSignal::MR, v1::RecallRequest(),
        [this](qint64 uid, const v1::Result &, ChangeSet &changes) {
            return m_messages->markRecalled(uid, QDateTime::currentMSecsSinceEpoch(), changes);
        },
        std::move(answer));
}

void Account::edit(qint64 localId, const QString &text, Promise<Done> answer)
{
    v1::EditRequest request;
    request.set_text(text.toStdString());
    changeSentMessage(
        localId, SubSignal::ME, request,
        [this, text](qint64 uid, const v1::Result &reply, ChangeSet &changes) {
            return m_messages->markEdited(uid, text, reply.edited().edited_at(), changes);
        },
        std::move(answer));
}

void Account::react(qint64 localId, const QString &emoji, Promise<Done> answer)
{
    v1::ReactRequest request;
    request.set_emoji(emoji.toStdString());
    changeSentMessage(
        localId, SubSignal::MRE, request,
        [this](qint64 uid, const v1::Result &reply, ChangeSet &changes) {
            return m_messages->setReactions(uid, reply.reacted().reactions(), changes);
        },
        std::move(answer));
}

void Account::publish(bool stored, const ChangeSet &changes, const Promise<Done> &answer)
{
    if (!stored) {
        const Error failed(ErrorCode::StorageFailure, u"could not store the change"_s);
        Q_EMIT storageFailed(failed);
        answer.resolve(failed);
        return;
    }
    onChanges(changes);
    answer.resolve(Done{});
}

void Account::deleteLocally(qint64 localId, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const Result<std::optional<ChatMessage>> deleted = m_messages->deleteLocally(localId);
    if (!deleted) {
        Q_EMIT storageFailed(deleted.error());
        answer.resolve(deleted.error());
        return;
    }
    if (deleted.value()) {
        Q_EMIT messageRemoved(*deleted.value());
        onConversationsChanged({deleted.value()->conversation});
    }
    answer.resolve(Done{});
}

void Account::markRead(const ConversationKey &conversation, std::optional<quint64> upToSeq, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const quint64 last = m_conversations->lastSeq(conversation);
    const bool moved = m_conversations->markRead(conversation, upToSeq ? std::min(*upToSeq, last) : last);
    if (moved)
        m_receipts->schedule();
    const bool unmarked = m_settings->change(conversation, ConversationSettingsRepository::MarkedUnread, false);
    if (unmarked)
        m_settingsSync->send();
    if (moved || unmarked)
        onConversationsChanged({conversation});
    answer.resolve(Done{});
}

void Account::fetchLatest(const ConversationKey &conversation, int limit, Promise<QList<ChatMessage>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    answer.resolve(m_messages->latest(conversation, limit));
}

void Account::fetchNewer(const ConversationKey &conversation, quint64 afterSeq, int limit, Promise<HistoryPage> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    HistoryPage page;
    page.messages = m_messages->newer(conversation, afterSeq, limit + 1);
    page.reachedEnd = page.messages.size() <= limit;
    if (!page.reachedEnd)
        page.messages.resize(limit);
    answer.resolve(page);
}

void Account::fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit, Promise<HistoryPage> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_history->fetchOlder(conversation, beforeSeq, limit, std::move(answer));
}

void Account::verifyConversation(const ConversationKey &conversation, Promise<HistoryCheck> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_history->verify(conversation, std::move(answer));
}

void Account::fetchConversations(Promise<QList<ConversationSummary>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    QList<ConversationSummary> summaries = m_conversations->summaries();
    for (ConversationSummary &s : summaries)
        s = completed(s);
    answer.resolve(summaries);
}

void Account::changeSetting(const ConversationKey &conversation, int field, const QVariant &value, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_settings->change(conversation, ConversationSettingsRepository::Field(field), value)) {
        if (field == ConversationSettingsRepository::MutedUntil)
            m_settingsSync->rewindClock();
        m_settingsSync->send();
        onConversationsChanged({conversation});
    }
    answer.resolve(Done{});
}

void Account::setPinned(const ConversationKey &conversation, bool pinned, Promise<Done> answer)
{
    changeSetting(conversation, ConversationSettingsRepository::Pinned, pinned, std::move(answer));
}

void Account::setMutedUntil(const ConversationKey &conversation, qint64 untilMs, Promise<Done> answer)
{
    changeSetting(conversation, ConversationSettingsRepository::MutedUntil, untilMs, std::move(answer));
}

void Account::setMarkedUnread(const ConversationKey &conversation, bool unread, Promise<Done> answer)
{
    changeSetting(conversation, ConversationSettingsRepository::MarkedUnread, unread, std::move(answer));
}

void Account::saveDraft(const ConversationKey &conversation, const QString &draft, Promise<Done> answer)
{
    changeSetting(conversation, ConversationSettingsRepository::Draft, draft, std::move(answer));
}

void Account::removeFromList(const ConversationKey &conversation, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_conversations->setHidden(conversation, true))
        Q_EMIT conversationRemoved(conversation);
    answer.resolve(Done{});
}

void Account::searchMessages(const QString &typed, int limit, Promise<QList<ChatMessage>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    while (m_messages->searchIndex().catchUp()) {
        // what is stored is searchable: the rest of the index first (usually nothing or one batch)
    }
    answer.resolve(m_messages->search(typed, limit));
}

void Account::fetchMentions(int limit, Promise<MentionList> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    answer.resolve(m_messages->mentions(limit));
}

void Account::publishPeople()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_contactBook->publishCached();
    m_groupBook->publishCached();
}

ConversationSummary Account::completed(ConversationSummary summary)
{
    if (std::optional<ChatMessage> last = m_messages->byLocalId(summary.lastMessage.localId))
        summary.lastMessage = *last;
    summary.title = titleOf(summary.key);
    return summary;
}

QString Account::titleOf(const ConversationKey &conversation)
{
    return conversation.type == ConversationKey::Type::Group ? m_groupBook->title(conversation.target)
                                                             : m_people->displayName(conversation.target);
}

} // namespace parley
