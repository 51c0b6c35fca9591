// The long connection across links, with fake transports: anonymous requests, authentication,
// reconnect with backoff, and the cases where it must not reconnect.

#include "core/net/connection.h"
#include "protocol/protobufbytes.h"
#include "tests/support/faketransport.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

Frame connectAck(quint16 id, v1::ConnectCode code, quint64 head = 0)
{
    v1::ConnectAck ack;
    ack.set_code(code);
    ack.set_inbox_head(head);
    ack.set_heartbeat_interval_s(30);
    return Frame{Signal::ConnectAck, SubSignal::None, id, toBytes(ack)};
}

v1::ConnectRequest credentials()
{
    v1::ConnectRequest c;
    c.set_user_id("alice");
    c.set_token("secret-token");
    c.set_device_id("laptop");
    return c;
}

} // namespace

class TestConnection : public QObject {
    Q_OBJECT

    QList<QPointer<FakeTransport>> m_transports;
    std::unique_ptr<Connection> m_connection;

    FakeTransport *latest() const { return m_transports.last(); }

    // Opens the newest transport and answers its CONNECT.
    void acceptLatest(v1::ConnectCode code = v1::CONNECTION_ACCEPTED, quint64 head = 0)
    {
        latest()->acceptOpen();
        QCOMPARE(latest()->written.size(), 1);
        const Frame connect = latest()->takeFirst();
        QCOMPARE(connect.signal, Signal::Connect);
        const std::optional<v1::ConnectRequest> sent = fromBytes<v1::ConnectRequest>(connect.payload);
        QVERIFY(sent);
        QCOMPARE(sent->token(), "secret-token");
        latest()->inject(connectAck(connect.messageId, code, head));
    }

private Q_SLOTS:
    void init()
    {
        m_transports.clear();
        ConnectionTimings timings;
        timings.backoffInitialMs = 10;
        timings.backoffCapMs = 40;
        m_connection = std::make_unique<Connection>(
            QList<ServerAddress>{{u"chat.example"_s, 7800}},
            [this] {
                auto *t = new FakeTransport;
                m_transports.append(t);
                return t;
            },
            timings);
    }

    void anonymousRequestsOpenALinkAndWait()
    {
        std::optional<Result<v1::Result>> answer;
        m_connection->requestAnonymous(SubSignal::RVC, v1::CodeRequest(), [&](Result<v1::Result> r) { answer = r; });
        QCOMPARE(m_connection->state(), Connection::State::Opening);
        QCOMPARE(m_transports.size(), 1);
        QCOMPARE(latest()->written.size(), 0); // not before the link is open
        latest()->acceptOpen();
        QCOMPARE(m_connection->state(), Connection::State::Open);
        const Frame request = latest()->takeFirst();
        QCOMPARE(request.subSignal, SubSignal::RVC);
        latest()->inject(Frame{Signal::PubAck, SubSignal::RVC, request.messageId, toBytes(v1::Result())});
        QVERIFY(answer && answer->ok());
    }

    void logsInOnTheSameLink()
    {
        m_connection->requestAnonymous(SubSignal::LGN, v1::LoginRequest(), [](Result<v1::Result>) {});
        latest()->acceptOpen();
        latest()->takeFirst();
        QSignalSpy online(m_connection.get(), &Connection::online);
        m_connection->start(credentials());
        QCOMPARE(m_transports.size(), 1);
        const Frame connect = latest()->takeFirst();
        QCOMPARE(connect.signal, Signal::Connect);
        latest()->inject(connectAck(connect.messageId, v1::CONNECTION_ACCEPTED, 17));
        QCOMPARE(online.size(), 1);
        QCOMPARE(online.first().first().toULongLong(), quint64(17));
        QVERIFY(m_connection->isOnline());
    }

    void reconnectsAfterALostLink()
    {
        QSignalSpy online(m_connection.get(), &Connection::online);
        QSignalSpy failed(m_connection.get(), &Connection::attemptFailed);
        m_connection->start(credentials());
        acceptLatest();
        QCOMPARE(online.size(), 1);

        latest()->drop(Error(ErrorCode::ConnectionLost, u"cable pulled"_s));
        QCOMPARE(m_connection->state(), Connection::State::WaitingToRetry);
        QCOMPARE(failed.size(), 1);
        // The retry opens a new link; the first attempt there fails too, the next one succeeds.
        QTRY_COMPARE(m_transports.size(), 2);
        latest()->drop(Error(ErrorCode::NetworkUnreachable, u"no route"_s));
        QTRY_COMPARE(m_transports.size(), 3);
        acceptLatest();
        QCOMPARE(online.size(), 2);
        QVERIFY(m_connection->isOnline());
    }

    // The nodes of one service: each failed attempt, and each lost link, sends the next attempt to the next
    // node, in turn; anonymous requests too.
    void failedAttemptsGoToTheNextNode()
    {
        m_connection = std::make_unique<Connection>(
            ServerAddress::parseList(u"a.example:7800, b.example:7801,[::1]:7802"_s, 7800),
            [this] {
                auto *t = new FakeTransport;
                m_transports.append(t);
                return t;
            },
            ConnectionTimings{.backoffInitialMs = 10, .backoffCapMs = 40});
        const auto target = [this] { return u"%1:%2"_s.arg(latest()->lastHost).arg(latest()->lastPort); };
        m_connection->start(credentials());
        QCOMPARE(target(), u"a.example:7800"_s);
        latest()->drop(Error(ErrorCode::NetworkUnreachable, u"node gone"_s));
        QTRY_COMPARE(m_transports.size(), 2);
        QCOMPARE(target(), u"b.example:7801"_s);
        acceptLatest();
        QVERIFY(m_connection->isOnline());
        latest()->drop(Error(ErrorCode::ConnectionLost, u"node killed"_s)); // online, then lost
        QTRY_COMPARE(m_transports.size(), 3);
        QCOMPARE(target(), u"::1:7802"_s);
        latest()->drop(Error(ErrorCode::NetworkUnreachable, u"node gone"_s));
        QTRY_COMPARE(m_transports.size(), 4);
        QCOMPARE(target(), u"a.example:7800"_s); // round again
        QCOMPARE(m_connection->server().toString(), u"a.example:7800"_s);

        // What is not an address is left out of the list.
        const QList<ServerAddress> parsed = ServerAddress::parseList(u"[::1], h.example:70000, ::2, x:1,,[y"_s, 7800);
        const QList<ServerAddress> expected{{u"::1"_s, 7800}, {u"::2"_s, 7800}, {u"x"_s, 1}};
        QCOMPARE(parsed, expected);
    }

    void serverUnavailableIsRetried()
    {
        m_connection->start(credentials());
        acceptLatest(v1::CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        QCOMPARE(m_connection->state(), Connection::State::WaitingToRetry);
        QTRY_COMPARE(m_transports.size(), 2);
    }

    void refusedCredentialsEndTheSession_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("error"); // what the user is told
        QTest::newRow("bad token") << int(v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD)
                                   << int(ErrorCode::ConnectRefused);
        QTest::newRow("revoked") << int(v1::CONNECTION_REFUSED_NOT_AUTHORIZED) << int(ErrorCode::ConnectRefused);
        QTest::newRow("other device") << int(v1::CONNECTION_REFUSED_SESSION_NOT_EXIST) << int(ErrorCode::ConnectRefused);
        QTest::newRow("old protocol") << int(v1::CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION)
                                      << int(ErrorCode::ConnectRefused);
        QTest::newRow("suspended") << int(v1::CONNECTION_REFUSED_ACCOUNT_SUSPENDED) << int(ErrorCode::AccountSuspended);
    }

    void refusedCredentialsEndTheSession()
    {
        QFETCH(int, code);
        QFETCH(int, error);
        QSignalSpy ended(m_connection.get(), &Connection::sessionEnded);
        m_connection->start(credentials());
        acceptLatest(v1::ConnectCode(code));
        QCOMPARE(ended.size(), 1);
        QCOMPARE(int(ended.first().at(0).value<Error>().code), error);
        QCOMPARE(m_connection->state(), Connection::State::Idle);
        QCOMPARE(m_connection->nextRetryInMs(), 0); // nothing scheduled
        QCOMPARE(m_transports.size(), 1);
    }

    void serverSaysWhetherToComeBack_data()
    {
        QTest::addColumn<int>("reason");
        QTest::addColumn<bool>("reconnects");
        QTest::addColumn<int>("error"); // what the user is told when it does not
        QTest::newRow("shutdown") << int(v1::DISCONNECT_SERVER_SHUTDOWN) << true << int(ErrorCode::None);
        QTest::newRow("idle") << int(v1::DISCONNECT_IDLE_TIMEOUT) << true << int(ErrorCode::None);
        QTest::newRow("token revoked") << int(v1::DISCONNECT_TOKEN_REVOKED) << false << int(ErrorCode::ConnectRefused);
        QTest::newRow("device revoked") << int(v1::DISCONNECT_DEVICE_REVOKED) << false << int(ErrorCode::DeviceRevoked);
        QTest::newRow("kicked") << int(v1::DISCONNECT_KICKED) << false << int(ErrorCode::SignedInElsewhere);
        QTest::newRow("suspended") << int(v1::DISCONNECT_ACCOUNT_SUSPENDED) << false << int(ErrorCode::AccountSuspended);
    }

    void serverSaysWhetherToComeBack()
    {
        QFETCH(int, reason);
        QFETCH(bool, reconnects);
        QFETCH(int, error);
        QSignalSpy ended(m_connection.get(), &Connection::sessionEnded);
        m_connection->start(credentials());
        acceptLatest();
        v1::Disconnect bye;
        bye.set_reason(v1::DisconnectReason(reason));
        latest()->inject(Frame{Signal::Disconnect, SubSignal::None, 0, toBytes(bye)});
        if (reconnects) {
            QCOMPARE(m_connection->state(), Connection::State::WaitingToRetry);
            QCOMPARE(ended.size(), 0);
            QTRY_COMPARE(m_transports.size(), 2);
        } else {
            QCOMPARE(m_connection->state(), Connection::State::Idle);
            QCOMPARE(ended.size(), 1);
            QCOMPARE(int(ended.first().at(0).value<Error>().code), error);
            QCOMPARE(m_connection->nextRetryInMs(), 0);
        }
    }

    void stopMeansStop()
    {
        m_connection->start(credentials());
        acceptLatest();
        m_connection->stop(true);
        QCOMPARE(m_connection->state(), Connection::State::Idle);
        QCOMPARE(m_connection->nextRetryInMs(), 0);
        std::optional<Error> error;
        m_connection->request(SubSignal::MS, v1::Message(), [&](Result<v1::Result> r) { error = r.error(); });
        QTRY_VERIFY(error.has_value());
        QCOMPARE(error->code, ErrorCode::ConnectionLost);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
