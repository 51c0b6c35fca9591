// libFuzzer target: the client's handling of what sync brings — an inbox page (PullResult, the reply to MP) or
// one pushed item (the InboxItem of an MN push) — applied to a real cache (LocalDatabase, on tmpfs where there is
// one) by InboxApplier as SyncEngine applies them, then read back as the chat and search views read it.
// Whatever comes in: nothing crashes, and the same items applied a second time add no message (none is shown
// twice). The cache's own user is "me".

#include "core/storage/conversationrepository.h"
#include "core/storage/grouprepository.h"
#include "core/storage/localdatabase.h"
#include "core/storage/messagerepository.h"
#include "core/storage/peoplerepository.h"
#include "core/sync/inboxapplier.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kReadLimit = 50;

struct Cache {
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<QTemporaryDir> dir;
    LocalDatabase db;
    std::unique_ptr<MessageRepository> messages;
    std::unique_ptr<ConversationRepository> conversations;
    std::unique_ptr<PeopleRepository> people;
    std::unique_ptr<GroupRepository> groups;
    std::unique_ptr<InboxApplier> inbox;
};

Cache *g_cache = nullptr; // made once and kept: libFuzzer exits without returning

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    google::protobuf::SetLogHandler(nullptr);
    QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false\n*.warning=false"_s);
    g_cache = new Cache;
    g_cache->app = std::make_unique<QCoreApplication>(*argc, *argv);
    g_cache->dir = QDir(u"/dev/shm"_s).exists() ? std::make_unique<QTemporaryDir>(u"/dev/shm/parley-fuzz-XXXXXX"_s)
                                                : std::make_unique<QTemporaryDir>();
    const QString self = u"me"_s;
    if (!g_cache->db.open(QDir(g_cache->dir->path()).filePath(u"cache.sqlite"_s)))
        __builtin_trap();
    g_cache->messages = std::make_unique<MessageRepository>(g_cache->db, self);
    g_cache->conversations = std::make_unique<ConversationRepository>(g_cache->db, self);
    g_cache->people = std::make_unique<PeopleRepository>(g_cache->db, self);
    g_cache->groups = std::make_unique<GroupRepository>(g_cache->db, self);
    g_cache->inbox = std::make_unique<InboxApplier>(
        g_cache->db, self,
        InboxApplier::Stores{*g_cache->messages, *g_cache->conversations, *g_cache->people, *g_cache->groups});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte says which: a page, or a pushed item.
    QList<v1::InboxItem> items;
    if (data[0] & 1) {
        v1::PullResult page;
        if (!page.ParseFromArray(data + 1, int(size - 1)))
            return 0;
        items = QList<v1::InboxItem>(page.items().begin(), page.items().end());
    } else {
        v1::InboxItem item;
        if (!item.ParseFromArray(data + 1, int(size - 1)))
            return 0;
        items.append(item);
    }
    quint64 syncSeq = g_cache->inbox->syncSeq();
    for (const v1::InboxItem &item : items)
        syncSeq = std::max<quint64>(syncSeq, item.seq());

    const Result<ChangeSet> first = g_cache->inbox->apply(items, syncSeq);
    if (!first)
        return 0; // refused as a whole (a failed statement rolls the page back)
    const Result<ChangeSet> again = g_cache->inbox->apply(items, syncSeq);
    if (again && !again->added.isEmpty())
        __builtin_trap(); // a message stored twice

    g_cache->conversations->summaries();
    for (const ConversationKey &conversation : first->conversations) {
        const QList<ChatMessage> latest = g_cache->messages->latest(conversation, kReadLimit);
        if (!latest.isEmpty())
            g_cache->messages->older(conversation, latest.first().conversationSeq, kReadLimit);
    }
    for (const ChatMessage &message : first->added)
        g_cache->messages->search(message.text.left(8), kReadLimit);
    return 0;
}
