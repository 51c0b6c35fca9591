#pragma once

#include "core/api/answer.h"
#include "core/types/changeset.h"
#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"
#include "core/types/historycheck.h"
#include "core/types/historypage.h"
#include "parley.pb.h"
#include "protocol/result.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace parley {

class Connection;
class ConversationRepository;
class LocalDatabase;
class MessageRepository;

// History older than what sync brought: pull-down paging (the cache first; the server's LRM when the
// cache does not reach back or has a hole), and the self-check that finds holes in a conversation's
// cached sequence and fills them from the server. Engine thread.
class HistoryFetcher : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxServerPage = 100;
    static constexpr int kMaxRepairRequests = 20; // per self-check

    HistoryFetcher(LocalDatabase &db, MessageRepository &messages, ConversationRepository &conversations,
                   Connection &connection, QObject *parent = nullptr);

    // Up to `limit` messages before `beforeSeq` (0: the newest), in conversation order.
    void fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit, Promise<HistoryPage> answer);
    // Checks the cached sequence for holes and the newest page against the server, and fills the holes.
    void verify(const ConversationKey &conversation, Promise<HistoryCheck> answer);

Q_SIGNALS:
    // A page from the server was stored.
    void changed(const parley::ChangeSet &changes);

private:
    struct Repair;
    // One LRM page into the cache; `done` gets whether the server has nothing older, or the error.
    void fetchPage(const ConversationKey &conversation, quint64 beforeSeq, int limit,
                   std::function<void(Result<bool>)> done);
    // Stores a page in one transaction; the sync position does not move. reachedStart: the server has nothing
    // older, so the cache now holds the conversation from its first message.
    Result<ChangeSet> store(const ConversationKey &conversation, const v1::HistoryResult &page, bool reachedStart);
    void repairNext(std::shared_ptr<Repair> repair);
    int missingCount(const ConversationKey &conversation);

    LocalDatabase &m_db;
    MessageRepository &m_messages;
    ConversationRepository &m_conversations;
    Connection &m_connection;
};

} // namespace parley
