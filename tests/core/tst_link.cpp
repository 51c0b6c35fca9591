// The link layer against a fake transport and a hand-moved clock: request/reply pairing, timeouts,
// heartbeat only when idle, dead-link detection, hostile bytes from the server.

#include "core/net/link.h"
#include "protocol/protobufbytes.h"
#include "tests/support/faketransport.h"

#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

Frame reply(quint16 id, v1::Result r, SubSignal sub = SubSignal::MS)
{
    return Frame{Signal::PubAck, sub, id, toBytes(r)};
}

} // namespace

class TestLink : public QObject {
    Q_OBJECT

    qint64 m_now = 0;
    FakeTransport *m_transport = nullptr;
    std::unique_ptr<Link> m_link;
    ConnectionTimings m_timings;

    int pings() const
    {
        return int(std::count_if(m_transport->written.begin(), m_transport->written.end(),
                                 [](const Frame &f) { return f.signal == Signal::Ping; }));
    }

private Q_SLOTS:
    void init()
    {
        m_now = 1000;
        m_timings = ConnectionTimings{};
        m_timings.heartbeatMs = 30000;
        m_timings.pongTimeoutMs = 10000;
        m_timings.requestTimeoutMs = 10000;
        m_transport = new FakeTransport;
        m_link = std::make_unique<Link>(m_transport, m_timings, [this] { return m_now; });
        m_link->open(u"example.org"_s, 7800);
        QCOMPARE(m_transport->lastPort, quint16(7800));
        m_transport->acceptOpen();
        QVERIFY(m_link->isOpen());
    }

    void repliesFindTheirRequestsInAnyOrder()
    {
        QList<std::pair<int, quint64>> answers;
        for (int i = 0; i < 2; ++i)
            m_link->request(SubSignal::MS, v1::Message(), [&answers, i](Result<v1::Result> r) {
                answers.append({i, r ? r->sent().message_uid() : 0});
            });
        QCOMPARE(m_transport->written.size(), 2);
        const Frame first = m_transport->takeFirst();
        const Frame second = m_transport->takeFirst();
        QVERIFY(first.messageId != second.messageId);
        QCOMPARE(first.signal, Signal::Publish);
        v1::Result r;
        r.mutable_sent()->set_message_uid(22);
        m_transport->inject(reply(second.messageId, r));
        r.mutable_sent()->set_message_uid(11);
        m_transport->inject(reply(first.messageId, r));
        QCOMPARE(answers, (QList<std::pair<int, quint64>>{{1, 22}, {0, 11}}));
    }

    void serverErrorsArriveAsErrors()
    {
        std::optional<Error> error;
        m_link->request(SubSignal::RVC, v1::CodeRequest(),
                        [&](Result<v1::Result> r) { error = r ? Error() : r.error(); });
        v1::Result refused;
        refused.set_code(v1::ERR_RATE_LIMITED);
        refused.set_message("slow down");
        refused.set_retry_after_s(42);
        m_transport->inject(reply(m_transport->takeFirst().messageId, refused, SubSignal::RVC));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::RateLimited);
        QCOMPARE(error->message, u"slow down"_s);
        QCOMPARE(error->retryAfterSeconds, quint32(42));
    }

    void requestsTimeOut()
    {
        std::optional<Error> error;
        m_link->request(
            SubSignal::MS, v1::Message(), [&](Result<v1::Result> r) { error = r.error(); }, 5000);
        m_now += 4999;
        m_link->poll();
        QVERIFY(!error);
        m_now += 1;
        m_link->poll();
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::Timeout);
        // A late reply is ignored.
        m_transport->inject(reply(m_transport->takeFirst().messageId, v1::Result()));
    }

    void noHeartbeatWhileTrafficFlowsBothWays()
    {
        for (int i = 0; i < 20; ++i) {
            m_now += m_timings.heartbeatMs / 2;
            m_link->request(SubSignal::MP, v1::PullRequest(), [](Result<v1::Result>) {});
            m_transport->inject(reply(m_transport->written.last().messageId, v1::Result(), SubSignal::MP));
            m_link->poll();
        }
        QCOMPARE(pings(), 0);
    }

    void heartbeatWhenIdle_data()
    {
        QTest::addColumn<bool>("receiving");
        QTest::newRow("silent both ways") << false;
        QTest::newRow("only receiving pushes") << true; // the server must hear from us too
    }

    void heartbeatWhenIdle()
    {
        QFETCH(bool, receiving);
        for (int step = 0; step < 3; ++step) {
            m_now += m_timings.heartbeatMs / 3;
            if (receiving)
                m_transport->inject(Frame{Signal::Push, SubSignal::MN, 1, {}});
            m_link->poll();
        }
        QCOMPARE(pings(), 1);
        m_link->poll();
        QCOMPARE(pings(), 1); // one outstanding at a time
        const Frame ping = m_transport->written.last();
        QCOMPARE(ping.encode().size(), kFrameHeaderSize);
    }

    void missingPongMeansADeadLink()
    {
        QSignalSpy closed(m_link.get(), &Link::closed);
        std::optional<Error> pending;
        m_link->request(
            SubSignal::MS, v1::Message(), [&](Result<v1::Result> r) { pending = r.error(); }, 60000);
        m_now += m_timings.heartbeatMs;
        m_link->poll();
        QCOMPARE(pings(), 1);
        m_now += m_timings.pongTimeoutMs - 1;
        m_link->poll();
        QCOMPARE(closed.size(), 0);
        m_now += 1;
        m_link->poll();
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().value<Error>().code, ErrorCode::ConnectionLost);
        QVERIFY(pending);
        QCOMPARE(pending->code, ErrorCode::ConnectionLost);
        QVERIFY(!m_link->isOpen());
    }

    void anyFrameAnswersTheHeartbeat()
    {
        QSignalSpy closed(m_link.get(), &Link::closed);
        m_now += m_timings.heartbeatMs;
        m_link->poll();
        m_now += m_timings.pongTimeoutMs / 2;
        m_transport->inject(Frame{Signal::Push, SubSignal::MN, 9, {}});
        m_now += m_timings.pongTimeoutMs / 2 + 1;
        m_link->poll();
        QCOMPARE(closed.size(), 0);
    }

    void unreadableBytesCloseTheLink()
    {
        QSignalSpy closed(m_link.get(), &Link::closed);
        m_transport->injectBytes(QByteArray("HTTP/1.1 400 Bad Request\r\n\r\n"));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().value<Error>().code, ErrorCode::ProtocolViolation);
    }

    void serverDisconnectIsReportedThenClosed()
    {
        QSignalSpy told(m_link.get(), &Link::serverDisconnected);
        QSignalSpy closed(m_link.get(), &Link::closed);
        v1::Disconnect bye;
        bye.set_reason(v1::DISCONNECT_TOKEN_REVOKED);
        bye.set_message("revoked");
        m_transport->inject(Frame{Signal::Disconnect, SubSignal::None, 0, toBytes(bye)});
        QCOMPARE(told.size(), 1);
        QCOMPARE(told.first().first().toInt(), int(v1::DISCONNECT_TOKEN_REVOKED));
        QCOMPARE(closed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLink)
#include "tst_link.moc"
