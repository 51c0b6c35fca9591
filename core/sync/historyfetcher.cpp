#include "core/sync/historyfetcher.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/storage/conversationrepository.h"
#include "core/storage/localdatabase.h"
#include "core/storage/messagerepository.h"

namespace parley {

namespace {

// True if `page` (ascending) is every sequence from its first message up to beforeSeq - 1.
bool contiguousUpTo(const QList<ChatMessage> &page, quint64 beforeSeq)
{
    if (page.isEmpty())
        return false;
    if (beforeSeq != 0 && page.last().conversationSeq + 1 != beforeSeq)
        return false;
    for (qsizetype i = 1; i < page.size(); ++i) {
        if (page[i].conversationSeq != page[i - 1].conversationSeq + 1)
            return false;
    }
    return true;
}

} // namespace

struct HistoryFetcher::Repair {
    ConversationKey conversation;
    Promise<HistoryCheck> answer;
    int missingBefore = 0;
    int requests = 0;
    bool tailChecked = false;
};

HistoryFetcher::HistoryFetcher(LocalDatabase &db, MessageRepository &messages, ConversationRepository &conversations,
                               Connection &connection, QObject *parent)
    : QObject(parent), m_db(db), m_messages(messages), m_conversations(conversations), m_connection(connection)
{
}

Result<ChangeSet> HistoryFetcher::store(const ConversationKey &conversation, const v1::HistoryResult &page,
                                        bool reachedStart)
{
    ChangeSet changes;
    const bool stored = m_db.inTransaction([&] {
        for (const v1::Message &message : page.messages()) {
            if (!m_messages.applyMessage(message, changes))
                return false;
        }
        if (page.has_peer() && !m_conversations.applyProgress(page.peer(), changes))
            return false;
        if (page.has_mine() && !m_conversations.applyProgress(page.mine(), changes))
            return false;
        return !reachedStart || m_conversations.markHistoryComplete(conversation);
    });
    if (!stored)
        return Error(ErrorCode::StorageFailure, QStringLiteral("could not store the history"));
    // Notices in old history are past events: the groups' state now comes with every connect and every new
    // notice synced, not from scrolling back.
    changes.groupsNoticed.clear();
    return changes;
}

void HistoryFetcher::fetchPage(const ConversationKey &conversation, quint64 beforeSeq, int limit,
                               std::function<void(Result<bool>)> done)
{
    v1::HistoryRequest request;
    request.set_conversation_type(v1::ConversationType(int(conversation.type)));
    request.set_target(conversation.target.toStdString());
    request.set_before_seq(beforeSeq);
    request.set_limit(quint32(std::min(limit, kMaxServerPage)));
    m_connection.request(SubSignal::LRM, request, [this, conversation, done](Result<v1::Result> reply) {
        if (!reply) {
            done(reply.error());
            return;
        }
        const v1::HistoryResult &page = reply->history();
        const bool reachedStart = !page.has_more();
        const Result<ChangeSet> stored = store(conversation, page, reachedStart);
        if (!stored) {
            done(stored.error());
            return;
        }
        Q_EMIT changed(stored.value());
        done(reachedStart);
    });
}

void HistoryFetcher::fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit,
                                Promise<HistoryPage> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    // beforeSeq 0 is "the newest": after the newest cached message, or, on a device that has none yet,
    // whatever the server has.
    const quint64 newestCached = m_conversations.lastSeq(conversation);
    const quint64 before = beforeSeq == 0 ? newestCached + 1 : beforeSeq;
    const QList<ChatMessage> cached = m_messages.older(conversation, before, limit);
    const bool complete = m_conversations.historyComplete(conversation);
    const bool reachesStart = !cached.isEmpty() && cached.first().conversationSeq == 1;
    if ((cached.size() == limit || complete || reachesStart) && contiguousUpTo(cached, before)) {
        answer.resolve(HistoryPage{cached, reachesStart || (complete && cached.size() < limit), {}});
        return;
    }
    if (beforeSeq == 1 || (before == 1 && complete)) {
        answer.resolve(HistoryPage{{}, true, {}});
        return;
    }
    // The cache does not reach back far enough, or has a hole: the server's page is authoritative.
    const quint64 ask = beforeSeq == 0 && newestCached == 0 ? 0 : before;
    fetchPage(conversation, ask, limit, [this, conversation, ask, limit, cached, answer](Result<bool> reachedStart) {
        if (!reachedStart) {
            answer.resolve(HistoryPage{cached, false, reachedStart.error()}); // what the cache has
            return;
        }
        const quint64 upTo = ask != 0 ? ask : m_conversations.lastSeq(conversation) + 1;
        const QList<ChatMessage> page = m_messages.older(conversation, upTo, limit);
        answer.resolve(HistoryPage{page, reachedStart.value() && page.size() < limit, {}});
    });
}

int HistoryFetcher::missingCount(const ConversationKey &conversation)
{
    int missing = 0;
    for (const ConversationRepository::Gap &gap : m_conversations.gaps(conversation))
        missing += int(gap.last - gap.first + 1);
    return missing;
}

void HistoryFetcher::verify(const ConversationKey &conversation, Promise<HistoryCheck> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    auto repair = std::make_shared<Repair>(Repair{conversation, std::move(answer)});
    repair->missingBefore = missingCount(conversation);
    qCInfo(lcSync) << "self-check:" << repair->missingBefore << "messages missing in the cached sequence";
    repairNext(repair);
}

void HistoryFetcher::repairNext(std::shared_ptr<Repair> repair)
{
    const auto finish = [this, repair] {
        repair->answer.resolve(HistoryCheck{repair->missingBefore, missingCount(repair->conversation)});
    };
    if (repair->requests >= kMaxRepairRequests) {
        finish();
        return;
    }
    const auto next = [this, repair, finish](Result<bool> result) {
        if (!result) {
            repair->answer.resolve(result.error());
            return;
        }
        repairNext(repair);
    };
    // First the newest page (messages newer than the cache), then each hole from the newest down.
    if (!repair->tailChecked) {
        repair->tailChecked = true;
        ++repair->requests;
        fetchPage(repair->conversation, 0, kMaxServerPage, next);
        return;
    }
    const QList<ConversationRepository::Gap> gaps = m_conversations.gaps(repair->conversation);
    if (gaps.isEmpty()) {
        finish();
        return;
    }
    const ConversationRepository::Gap &gap = gaps.last();
    ++repair->requests;
    fetchPage(repair->conversation, gap.last + 1, int(std::min<quint64>(gap.last - gap.first + 1, kMaxServerPage)),
              next);
}

} // namespace parley
