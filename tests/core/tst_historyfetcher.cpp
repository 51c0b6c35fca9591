// Pull-down history against a fake server: a page the cache holds without holes is served from it without
// asking; otherwise the server's page is stored and served; with the server away the page is what the cache
// has, with the reason; the self-check fills holes in the cached sequence.

#include "core/sync/historyfetcher.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/cachefixture.h"
#include "tests/support/fakeserver.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

// The server's page of Bob's conversation: messages first..last (ascending), and whether older ones exist.
v1::Result history(quint64 first, quint64 last, bool hasMore)
{
    v1::Result r;
    v1::HistoryResult *h = r.mutable_history();
    for (quint64 seq = first; seq <= last; ++seq)
        *h->add_messages() = CacheFixture::message("bob", "me", seq);
    h->set_has_more(hasMore);
    return r;
}

} // namespace

class TestHistoryFetcher : public QObject {
    Q_OBJECT

    std::unique_ptr<CacheFixture> m_cache;
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<HistoryFetcher> m_history;
    QObject m_home; // where answers arrive
    const ConversationKey m_bob = ConversationKey::withUser(u"bob"_s);

    // Asks for a page through a promise, as Account does.
    Answer<HistoryPage> older(quint64 beforeSeq, int limit)
    {
        Promise<HistoryPage> promise(&m_home);
        m_history->fetchOlder(m_bob, beforeSeq, limit, promise);
        return promise.answer();
    }
    void cacheBob(quint64 first, quint64 last) { QVERIFY(m_cache->storeFrom("bob", first, last)); }
    std::optional<Frame> expectHistory(quint64 beforeSeq)
    {
        const auto request = m_server->nextRequest<v1::HistoryRequest>(SubSignal::LRM);
        if (!request || request->second.before_seq() != beforeSeq)
            return std::nullopt;
        return request->first;
    }

private Q_SLOTS:
    void init()
    {
        m_cache = std::make_unique<CacheFixture>();
        QVERIFY(m_cache->open());
        m_server = std::make_unique<FakeServer>();
        m_history = std::make_unique<HistoryFetcher>(m_cache->db, *m_cache->messages, *m_cache->conversations,
                                                     m_server->connection());
        QVERIFY(m_server->goOnline());
    }

    void cleanup()
    {
        m_server.reset();
        m_history.reset();
        m_cache.reset();
    }

    void aPageTheCacheHoldsIsServedFromIt()
    {
        cacheBob(1, 80);
        const Result<HistoryPage> page = awaitAnswer(older(61, 20));
        QVERIFY(page);
        QCOMPARE(page->messages.size(), 20);
        QCOMPARE(page->messages.first().conversationSeq, quint64(41));
        QCOMPARE(page->messages.last().conversationSeq, quint64(60));
        QVERIFY(!page->reachedEnd);
        QVERIFY(m_server->silentFor(50)); // the server was not asked
        const Result<HistoryPage> first = awaitAnswer(older(11, 20));
        QVERIFY(first && first->reachedEnd); // message 1 is in: nothing older exists
        QCOMPARE(first->messages.size(), 10);
    }

    void aPageBeyondTheCacheComesFromTheServerAndIsKept()
    {
        cacheBob(71, 80); // a new device: only what sync brought
        QSignalSpy changed(m_history.get(), &HistoryFetcher::changed);
        const Answer<HistoryPage> answer = older(71, 20);
        const std::optional<Frame> request = expectHistory(71);
        QVERIFY(request);
        m_server->reply(*request, history(51, 70, true));
        const Result<HistoryPage> page = awaitAnswer(answer);
        QVERIFY(page);
        QCOMPARE(page->messages.size(), 20);
        QCOMPARE(page->messages.first().conversationSeq, quint64(51));
        QVERIFY(!page->reachedEnd);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<ChangeSet>().added.size(), 20);
        // The same page again: from the cache now.
        QVERIFY(awaitAnswer(older(71, 20)));
        QVERIFY(m_server->silentFor(50));
    }

    void withTheServerAwayThePageIsWhatTheCacheHas()
    {
        cacheBob(71, 80);
        m_server->drop();
        QTRY_VERIFY(!m_server->connection().isOnline());
        const Result<HistoryPage> page = awaitAnswer(older(81, 20));
        QVERIFY(page);
        QCOMPARE(page->messages.size(), 10); // short: the cache does not reach further
        QVERIFY(!page->reachedEnd);
        QCOMPARE(page->serverError.code, ErrorCode::ConnectionLost);
    }

    void theSelfCheckFillsHoles()
    {
        cacheBob(1, 30);
        QSqlQuery damage(m_cache->db.db());
        QVERIFY(damage.exec(u"DELETE FROM messages WHERE conversation_seq BETWEEN 10 AND 14"_s));
        Promise<HistoryCheck> promise(&m_home);
        m_history->verify(m_bob, promise);
        // The newest page first (nothing newer than the cache), then the hole.
        std::optional<Frame> request = expectHistory(0);
        QVERIFY(request);
        m_server->reply(*request, history(1, 30, false));
        const Result<HistoryCheck> check = awaitAnswer(promise.answer());
        QVERIFY(check);
        QCOMPARE(check->missingBefore, 5);
        QCOMPARE(check->missingAfter, 0);
        QCOMPARE(m_cache->messages->latest(m_bob, 100).size(), 30);
    }
};

QTEST_GUILESS_MAIN(TestHistoryFetcher)
#include "tst_historyfetcher.moc"
