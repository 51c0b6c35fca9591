// libFuzzer target: the client's handling of what sync brings — an inbox page (PullResult, the reply to MP) or
// one pushed item (the InboxItem of an MN push) — applied to a real cache (CacheFixture: LocalDatabase and its
// repositories in a temporary directory) by InboxApplier as SyncEngine applies them, then read back as the chat
// and search views read it. Whatever comes in: nothing crashes, and the same items applied a second time add no
// message (none is shown twice). The cache's own user is "me".

#include "tests/support/cachefixture.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kReadLimit = 50;

QCoreApplication *g_app = nullptr; // made once and kept: libFuzzer exits without returning
CacheFixture *g_cache = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    google::protobuf::SetLogHandler(nullptr);
    QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false\n*.warning=false"_s);
    g_app = new QCoreApplication(*argc, *argv);
    g_cache = new CacheFixture;
    if (!g_cache->open())
        __builtin_trap();
    std::atexit([] { g_cache->dir.remove(); }); // libFuzzer ends a run with exit()
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
