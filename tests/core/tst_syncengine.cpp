// Sync against a fake server: a push that is the next number is applied at once; a gap leads to a pull from
// the last number held; a pull cut by a lost link resumes from where it stopped, and nothing is applied twice;
// items the server no longer has move the position to the head.

#include "core/sync/syncengine.h"
#include "tests/support/cachefixture.h"
#include "tests/support/fakeserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

// The server's page of my inbox: Bob's messages from..to.
v1::Result page(quint64 from, quint64 to, bool hasMore, quint64 head)
{
    v1::Result r;
    v1::PullResult *p = r.mutable_pulled();
    for (const v1::InboxItem &item : CacheFixture::itemsFrom("bob", from, to))
        *p->add_items() = item;
    p->set_has_more(hasMore);
    p->set_head_seq(head);
    return r;
}

v1::InboxItem message(quint64 seq)
{
    return CacheFixture::item(seq, CacheFixture::message("bob", CacheFixture::kSelf, seq));
}

} // namespace

class TestSyncEngine : public QObject {
    Q_OBJECT

    std::unique_ptr<CacheFixture> m_cache;
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<SyncEngine> m_sync;

    // The next request must be a pull from `afterSeq`.
    std::optional<Frame> expectPull(quint64 afterSeq)
    {
        const auto request = m_server->nextRequest<v1::PullRequest>(SubSignal::MP);
        if (!request || request->second.after_seq() != afterSeq)
            return std::nullopt;
        return request->first;
    }
    int cached() { return int(m_cache->messages->latest(ConversationKey::withUser(u"bob"_s), 100000).size()); }

    void online(quint64 head)
    {
        QVERIFY(m_server->goOnline(head));
        m_sync->onOnline(head);
    }

private Q_SLOTS:
    void init()
    {
        m_cache = std::make_unique<CacheFixture>();
        QVERIFY(m_cache->open());
        m_server = std::make_unique<FakeServer>();
        m_sync = std::make_unique<SyncEngine>(*m_cache->inbox, m_server->connection());
        connect(&m_server->connection(), &Connection::pushReceived, m_sync.get(), &SyncEngine::onPush);
    }

    void cleanup()
    {
        m_server.reset();
        m_sync.reset();
        m_cache.reset();
    }

    void theNextPushIsAppliedAtOnce()
    {
        QSignalSpy changed(m_sync.get(), &SyncEngine::changed);
        online(0);
        QVERIFY(m_sync->inSync());
        m_server->push(message(1));
        QTRY_COMPARE(m_sync->syncedSeq(), quint64(1));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<ChangeSet>().added.size(), 1);
        QCOMPARE(m_cache->inbox->syncSeq(), quint64(1)); // stored with the item
        m_server->push(message(1));                      // the same again: already there
        QVERIFY(m_server->silentFor(50));
        QCOMPARE(cached(), 1);
        QVERIFY(m_sync->inSync());
    }

    void aGapIsPulledFromTheLastNumberHeld()
    {
        online(0);
        m_server->push(message(1));
        QTRY_COMPARE(m_sync->syncedSeq(), quint64(1));
        m_server->push(message(4)); // 2 and 3 were lost on the way
        const std::optional<Frame> pull = expectPull(1);
        QVERIFY(pull);
        QVERIFY(!m_sync->inSync());
        m_server->reply(*pull, page(2, 4, false, 4));
        QTRY_VERIFY(m_sync->inSync());
        QCOMPARE(m_sync->syncedSeq(), quint64(4));
        QCOMPARE(cached(), 4);
    }

    void aPullCutByALostLinkResumesWhereItStopped()
    {
        QSignalSpy changed(m_sync.get(), &SyncEngine::changed);
        online(450); // 450 items missed while the device was off
        std::optional<Frame> pull = expectPull(0);
        QVERIFY(pull);
        m_server->reply(*pull, page(1, SyncEngine::kPageSize, true, 450));
        pull = expectPull(SyncEngine::kPageSize);
        QVERIFY(pull);
        m_server->drop(); // before the second page came
        QTRY_VERIFY(!m_server->connection().isOnline());
        m_sync->onOffline();
        QVERIFY(!m_sync->inSync());

        online(450);
        pull = expectPull(SyncEngine::kPageSize); // not from 0: the first page is kept, with its position
        QVERIFY(pull);
        m_server->reply(*pull, page(SyncEngine::kPageSize + 1, 2 * SyncEngine::kPageSize, true, 450));
        pull = expectPull(2 * SyncEngine::kPageSize);
        QVERIFY(pull);
        m_server->reply(*pull, page(2 * SyncEngine::kPageSize + 1, 450, false, 450));
        QTRY_VERIFY(m_sync->inSync());
        QCOMPARE(m_sync->syncedSeq(), quint64(450));
        QCOMPARE(cached(), 450);
        int added = 0;
        for (const QList<QVariant> &args : std::as_const(changed))
            added += int(args.at(0).value<ChangeSet>().added.size());
        QCOMPARE(added, 450); // each item announced once
    }

    void aPushDuringAPullIsPulledNotApplied()
    {
        online(3);
        const std::optional<Frame> pull = expectPull(0);
        QVERIFY(pull);
        m_server->push(message(4)); // arrives while the page is on its way
        m_server->reply(*pull, page(1, 3, false, 3));
        const std::optional<Frame> again = expectPull(3); // pulled again, from the page's end
        QVERIFY(again);
        m_server->reply(*again, page(4, 4, false, 4));
        QTRY_VERIFY(m_sync->inSync());
        QCOMPARE(cached(), 4);
    }

    void expiredItemsMoveThePositionToTheHead()
    {
        QSignalSpy expired(m_sync.get(), &SyncEngine::itemsExpired);
        online(900);
        const std::optional<Frame> pull = expectPull(0);
        QVERIFY(pull);
        v1::Result gone;
        gone.mutable_pulled()->set_items_expired(true);
        gone.mutable_pulled()->set_head_seq(900);
        m_server->reply(*pull, gone);
        QTRY_VERIFY(m_sync->inSync());
        QCOMPARE(expired.size(), 1);
        QCOMPARE(m_sync->syncedSeq(), quint64(900));
        QCOMPARE(m_cache->inbox->syncSeq(), quint64(900));
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
