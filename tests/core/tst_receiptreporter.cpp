// Receipts against a fake server: what this device stored is reported delivered (MDR, with its inbox
// position), what the user read is reported read (MRD); a report counts as made only once the server confirms
// it, so one lost with the link is made again at the next connection, and a confirmed one is not repeated.

#include "core/messaging/receiptreporter.h"
#include "tests/support/cachefixture.h"
#include "tests/support/fakeserver.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestReceiptReporter : public QObject {
    Q_OBJECT

    std::unique_ptr<CacheFixture> m_cache;
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<ReceiptReporter> m_receipts;
    const ConversationKey m_bob = ConversationKey::withUser(u"bob"_s);

    // The next request must be a report of `kind` for Bob's conversation up to `seq`.
    std::optional<Frame> expectReport(SubSignal kind, quint64 seq)
    {
        const auto request = m_server->nextRequest<v1::ProgressReport>(kind);
        if (!request)
            return std::nullopt;
        const v1::ProgressReport &report = request->second;
        if (report.points_size() != 1 || report.points(0).target() != "bob" || report.points(0).seq() != seq)
            return std::nullopt;
        return request->first;
    }

private Q_SLOTS:
    void init()
    {
        m_cache = std::make_unique<CacheFixture>();
        QVERIFY(m_cache->open());
        m_server = std::make_unique<FakeServer>();
        m_receipts = std::make_unique<ReceiptReporter>(*m_cache->conversations, m_server->connection(),
                                                       [this] { return m_cache->inbox->syncSeq(); });
        QVERIFY(m_server->goOnline());
        QVERIFY(m_cache->storeFrom("bob", 1, 3)); // three of Bob's messages, inbox position 3
    }

    void cleanup()
    {
        m_server.reset();
        m_receipts.reset();
        m_cache.reset();
    }

    void deliveredOnceConfirmed()
    {
        m_receipts->schedule();
        const std::optional<Frame> report = expectReport(SubSignal::MDR, 3);
        QVERIFY(report);
        QCOMPARE(FakeServer::payloadOf<v1::ProgressReport>(*report)->inbox_seq(), quint64(3));
        m_server->reply(*report, v1::Result());
        m_receipts->schedule();
        QVERIFY(m_server->silentFor(3 * ReceiptReporter::kCoalesceMs)); // confirmed: not said again
    }

    void aReportLostWithTheLinkIsMadeAgain()
    {
        m_receipts->schedule();
        QVERIFY(expectReport(SubSignal::MDR, 3));
        m_server->drop(); // no confirmation came
        QTRY_VERIFY(!m_server->connection().isOnline());
        QVERIFY(m_server->goOnline());
        m_receipts->onOnline();
        const std::optional<Frame> again = expectReport(SubSignal::MDR, 3);
        QVERIFY(again);
        m_server->reply(*again, v1::Result());
    }

    void readIsReportedAfterDelivered()
    {
        QVERIFY(m_cache->conversations->markRead(m_bob, 2));
        m_receipts->schedule();
        const std::optional<Frame> delivered = expectReport(SubSignal::MDR, 3);
        QVERIFY(delivered);
        m_server->reply(*delivered, v1::Result());
        const std::optional<Frame> read = expectReport(SubSignal::MRD, 2);
        QVERIFY(read);
        m_server->reply(*read, v1::Result());
        QVERIFY(m_server->silentFor(3 * ReceiptReporter::kCoalesceMs));
        QVERIFY(m_cache->conversations->pendingReadReports().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReceiptReporter)
#include "tst_receiptreporter.moc"
