// parleyd as a process on 127.0.0.1 with a temporary SQLite file, driven through the raw protocol:
// login and token refusal, server-assigned ids, idempotent send, order, offline delivery, multi-device
// copies, typed errors, hostile frames, deadlines, WebSocket JSON peers, restart after SIGKILL.

#include "parley.pb.h"
#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/wspeer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

v1::Message textTo(const QString &target, const std::string &text, const QByteArray &uuid)
{
    v1::Message m;
    m.set_conversation_type(v1::CONVERSATION_PRIVATE);
    m.set_target(target.toStdString());
    m.set_client_uuid(uuid.constData(), size_t(uuid.size()));
    m.mutable_content()->set_type(v1::CONTENT_TEXT);
    m.mutable_content()->set_searchable_content(text);
    return m;
}

QByteArray uuid(int n)
{
    QByteArray u(16, '\0');
    qToBigEndian<quint32>(quint32(n), u.data() + 12);
    u[0] = char(0xA5);
    return u;
}

v1::InboxItem inboxItem(const Frame &push)
{
    return fromBytes<v1::InboxItem>(push.payload).value_or(v1::InboxItem());
}

} // namespace

class TestParleyd : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;
    int m_phones = 0;

    QString nextPhone() { return u"+86139%1"_s.arg(++m_phones, 8, 10, QChar(u'0')); }

    // A logged-in, connected raw client.
    std::unique_ptr<RawClient> online(const TestLogin &login) { return connectRaw(*m_server, login); }

    TestLogin newUser(const QString &device = u"device-1"_s) { return logInRaw(*m_server, nextPhone(), device); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(QStringList{u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(m_server->start());
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_server->stop(), 0); // a clean exit: no sanitizer report, no leak
    }

    void logInAndConnect()
    {
        const TestLogin login = newUser();
        QVERIFY(!login.userId.isEmpty());
        QCOMPARE(QByteArray::fromBase64(login.token.toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
        const auto ack = client.connectSession(login.userId, login.token, login.deviceId);
        QVERIFY(ack);
        QCOMPARE(ack->code(), v1::CONNECTION_ACCEPTED);
        QVERIFY(ack->heartbeat_interval_s() > 0);
        QVERIFY(ack->server_time_ms() > 0);
        QCOMPARE(ack->inbox_head(), quint64(0));
    }

    void sameNumberIsTheSameUser()
    {
        const QString phone = nextPhone();
        const TestLogin first = logInRaw(*m_server, phone, u"laptop"_s);
        QVERIFY(!first.userId.isEmpty());
        // A second login of the same number must wait out the per-phone interval: refused with a typed error.
        RawClient link(m_server->fingerprint());
        QVERIFY(link.connectTo(m_server->tlsPort()));
        v1::CodeRequest again;
        again.set_phone(phone.toStdString());
        const auto limited = link.call(SubSignal::RVC, again);
        QVERIFY(limited);
        QCOMPARE(limited->code(), v1::ERR_RATE_LIMITED);
        QVERIFY(limited->retry_after_s() > 0);
    }

    void tokenRefusal()
    {
        const TestLogin login = newUser(u"phone-a"_s);
        const TestLogin other = newUser(u"phone-b"_s);
        struct Case {
            QString userId, token, device;
            v1::ConnectCode expected;
        };
        const QList<Case> cases{
            {login.userId, u"not-a-token"_s, login.deviceId, v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD},
            {other.userId, login.token, login.deviceId, v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD},
            {login.userId, login.token, u"someone-elses-device"_s, v1::CONNECTION_REFUSED_SESSION_NOT_EXIST},
            {login.userId, login.token, QString(), v1::CONNECTION_REFUSED_IDENTIFIER_REJECTED},
            {login.userId, QString(), login.deviceId, v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD},
        };
        for (const Case &c : cases) {
            RawClient client(m_server->fingerprint());
            QVERIFY(client.connectTo(m_server->tlsPort()));
            const auto ack = client.connectSession(c.userId, c.token, c.device);
            QVERIFY(ack);
            QCOMPARE(ack->code(), c.expected);
            QVERIFY(client.waitClosed());
        }
    }

    void revokedTokenIsRefused()
    {
        const TestLogin login = newUser(u"old-laptop"_s);
        {
            auto client = online(login);
            QVERIFY(client);
            const auto out = client->call(SubSignal::LGO, v1::LogoutRequest());
            QVERIFY(out);
            QCOMPARE(out->code(), v1::ERR_NONE);
            QVERIFY(client->waitClosed());
            QVERIFY(client->lastDisconnect());
            QCOMPARE(client->lastDisconnect()->reason(), v1::DISCONNECT_CLIENT_LOGOUT);
        }
        RawClient again(m_server->fingerprint());
        QVERIFY(again.connectTo(m_server->tlsPort()));
        const auto ack = again.connectSession(login.userId, login.token, login.deviceId);
        QVERIFY(ack);
        QCOMPARE(ack->code(), v1::CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    void serverAssignsIdsAndIgnoresTheClients()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = online(alice);
        auto b = online(bob);
        QVERIFY(a && b);
        v1::Message forged = textTo(bob.userId, "hello", uuid(1));
        forged.set_from(bob.userId.toStdString()); // pretends to be Bob
        forged.set_message_uid(999999);
        forged.set_timestamp(1);
        forged.set_conversation_seq(77);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto sent = a->call(SubSignal::MS, forged);
        QVERIFY(sent);
        QCOMPARE(sent->code(), v1::ERR_NONE);
        QVERIFY(sent->sent().message_uid() != 999999);
        QCOMPARE(sent->sent().conversation_seq(), quint64(1));
        QVERIFY(sent->sent().timestamp() >= before - 1000);
        QVERIFY(!sent->sent().duplicate());

        const auto push = b->waitFor(Signal::Push);
        QVERIFY(push);
        QCOMPARE(push->subSignal, SubSignal::MN);
        const v1::InboxItem item = inboxItem(*push);
        QCOMPARE(item.seq(), quint64(1));
        QCOMPARE(QString::fromStdString(item.message().from()), alice.userId); // not Bob
        QCOMPARE(item.message().message_uid(), sent->sent().message_uid());
        QCOMPARE(item.message().timestamp(), sent->sent().timestamp());
        QCOMPARE(item.message().content().searchable_content(), "hello");
    }

    void repeatedSendReturnsTheOriginal()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = online(alice);
        auto b = online(bob);
        QVERIFY(a && b);
        const auto first = a->call(SubSignal::MS, textTo(bob.userId, "once", uuid(7)));
        const auto second = a->call(SubSignal::MS, textTo(bob.userId, "once", uuid(7)));
        QVERIFY(first && second);
        QVERIFY(!first->sent().duplicate());
        QVERIFY(second->sent().duplicate());
        QCOMPARE(second->sent().message_uid(), first->sent().message_uid());
        QCOMPARE(second->sent().conversation_seq(), first->sent().conversation_seq());
        QCOMPARE(second->sent().timestamp(), first->sent().timestamp());
        const auto next = a->call(SubSignal::MS, textTo(bob.userId, "twice", uuid(8)));
        QVERIFY(next);
        QCOMPARE(next->sent().conversation_seq(), first->sent().conversation_seq() + 1);

        // Bob got "once" a single time: his next push after it is "twice".
        const auto p1 = b->waitFor(Signal::Push);
        const auto p2 = b->waitFor(Signal::Push);
        QVERIFY(p1 && p2);
        QCOMPARE(inboxItem(*p1).message().content().searchable_content(), "once");
        QCOMPARE(inboxItem(*p2).message().content().searchable_content(), "twice");
        QCOMPARE(inboxItem(*p2).seq(), inboxItem(*p1).seq() + 1);
    }

    void webPeersWithoutUuidAreKeyedByMessageId()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = online(alice);
        QVERIFY(a);
        v1::Message m = textTo(bob.userId, "legacy", {});
        m.set_message_id(1589955328518);
        const auto first = a->call(SubSignal::MS, m);
        const auto second = a->call(SubSignal::MS, m);
        QVERIFY(first && second);
        QCOMPARE(first->code(), v1::ERR_NONE);
        QVERIFY(second->sent().duplicate());
        m.set_message_id(0);
        const auto neither = a->call(SubSignal::MS, m);
        QCOMPARE(neither->code(), v1::ERR_MALFORMED_REQUEST);
    }

    void orderIsPerConversationAndBothWays()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = online(alice);
        auto b = online(bob);
        QVERIFY(a && b);
        for (int i = 0; i < 10; ++i) {
            auto &sender = i % 2 ? b : a;
            const QString target = i % 2 ? alice.userId : bob.userId;
            const auto sent = sender->call(SubSignal::MS, textTo(target, std::to_string(i), uuid(100 + i)));
            QVERIFY(sent);
            QCOMPARE(sent->sent().conversation_seq(), quint64(i + 1));
        }
        // Each side's inbox holds all ten in the same order, its own messages included.
        for (auto *client : {a.get(), b.get()}) {
            v1::PullRequest pull;
            pull.set_after_seq(0);
            const auto page = client->call(SubSignal::MP, pull);
            QVERIFY(page);
            QCOMPARE(page->pulled().items_size(), 10);
            for (int i = 0; i < 10; ++i) {
                QCOMPARE(page->pulled().items(i).seq(), quint64(i + 1));
                QCOMPARE(page->pulled().items(i).message().conversation_seq(), quint64(i + 1));
                QCOMPARE(page->pulled().items(i).message().content().searchable_content(), std::to_string(i));
            }
            QVERIFY(!page->pulled().has_more());
        }
    }

    void offlineRecipientGetsMessagesWhenItConnects()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = online(alice);
        QVERIFY(a);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(a->call(SubSignal::MS, textTo(bob.userId, "while you were out", uuid(200 + i)))->code(),
                     v1::ERR_NONE);
        RawClient b(m_server->fingerprint());
        QVERIFY(b.connectTo(m_server->tlsPort()));
        const auto ack = b.connectSession(bob.userId, bob.token, bob.deviceId);
        QCOMPARE(ack->inbox_head(), quint64(5));
        v1::PullRequest pull;
        pull.set_after_seq(2);
        pull.set_limit(2);
        const auto page = b.call(SubSignal::MP, pull);
        QCOMPARE(page->pulled().items_size(), 2);
        QCOMPARE(page->pulled().items(0).seq(), quint64(3));
        QVERIFY(page->pulled().has_more());
        QCOMPARE(page->pulled().head_seq(), quint64(5));
    }

    void sendersOtherDevicesGetACopy()
    {
        const QString phone = nextPhone();
        const TestLogin laptop = logInRaw(*m_server, phone, u"laptop"_s);
        const TestLogin bob = newUser();
        auto a1 = online(laptop);
        QVERIFY(a1);
        // The second device of the same user (rate limit: a second code needs the interval; reuse by
        // connecting the same session from another link would be the same device, so log in again later).
        RawClient a2(m_server->fingerprint());
        QVERIFY(a2.connectTo(m_server->tlsPort()));
        QCOMPARE(a2.connectSession(laptop.userId, laptop.token, laptop.deviceId)->code(), v1::CONNECTION_ACCEPTED);
        const auto sent = a1->call(SubSignal::MS, textTo(bob.userId, "from the laptop", uuid(300)));
        QVERIFY(sent);
        const auto copy = a2.waitFor(Signal::Push);
        QVERIFY(copy);
        QCOMPARE(inboxItem(*copy).message().message_uid(), sent->sent().message_uid());
        QCOMPARE(QString::fromStdString(inboxItem(*copy).message().from()), laptop.userId);
    }

    void typedErrors()
    {
        const TestLogin alice = newUser();
        auto a = online(alice);
        QVERIFY(a);
        QCOMPARE(a->call(SubSignal::GQNUT, v1::LogoutRequest())->code(), v1::ERR_NOT_IMPLEMENTED);
        QCOMPARE(a->call(SubSignal::US, v1::UserSearchRequest())->code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(a->call(SubSignal(200), v1::LogoutRequest())->code(), v1::ERR_UNKNOWN_SUB_SIGNAL);
        QCOMPARE(a->call(SubSignal::MS, textTo(u"nobody-here"_s, "x", uuid(400)))->code(), v1::ERR_NOT_FOUND);
        QCOMPARE(a->call(SubSignal::MS, textTo(alice.userId, std::string(17 * 1024, 'x'), uuid(401)))->code(),
                 v1::ERR_TOO_LARGE);
        v1::Message notice = textTo(alice.userId, "fake notice", uuid(402));
        notice.mutable_content()->set_type(v1::CONTENT_NOTICE_RECALLED);
        QCOMPARE(a->call(SubSignal::MS, notice)->code(), v1::ERR_PERMISSION_DENIED);
        v1::Message group = textTo(u"g1"_s, "x", uuid(403));
        group.set_conversation_type(v1::CONVERSATION_GROUP);
        QCOMPARE(a->call(SubSignal::MS, group)->code(), v1::ERR_NOT_MEMBER);
        QCOMPARE(a->call(SubSignal::RVC, v1::CodeRequest())->code(), v1::ERR_ALREADY_AUTHENTICATED);

        // Garbage where a Message should be: an error for that request, and the link stays usable.
        a->sendFrame(Frame{Signal::Publish, SubSignal::MS, 999, QByteArray("\xff\xff\xff\xff", 4)});
        const auto bad = a->waitFor(Signal::PubAck);
        QVERIFY(bad);
        QCOMPARE(bad->messageId, quint16(999));
        const v1::Result r = fromBytes<v1::Result>(bad->payload).value_or(v1::Result());
        QCOMPARE(r.code(), v1::ERR_MALFORMED_REQUEST);
        QVERIFY(!r.message().empty());
        QCOMPARE(a->call(SubSignal::MS, textTo(alice.userId, "still here", uuid(404)))->code(), v1::ERR_NONE);
    }

    void requestsBeforeConnect()
    {
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
        QCOMPARE(client.call(SubSignal::MS, textTo(u"x"_s, "x", uuid(500)))->code(), v1::ERR_NOT_AUTHENTICATED);
        v1::CodeRequest bad;
        bad.set_phone("12345");
        QCOMPARE(client.call(SubSignal::RVC, bad)->code(), v1::ERR_INVALID_PHONE);
        v1::LoginRequest login;
        login.set_phone(nextPhone().toStdString());
        login.set_code("123456");
        login.set_device_id("d");
        QCOMPARE(client.call(SubSignal::LGN, login)->code(), v1::ERR_CODE_EXPIRED); // none was requested
    }

    void pingGetsPong()
    {
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
        client.sendFrame(Frame{Signal::Ping, SubSignal::None, 4242, {}});
        const auto pong = client.waitFor(Signal::Pong);
        QVERIFY(pong);
        QCOMPARE(pong->messageId, quint16(4242));
        QVERIFY(pong->payload.isEmpty());
    }

    void hostileFramesCloseTheLink_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QByteArray oversized = Frame{Signal::Publish, SubSignal::MS, 1, {}}.encode();
        qToBigEndian<quint32>(kMaxPayloadSize + 1, oversized.data() + 3);
        QByteArray badMagic = Frame{Signal::Ping, SubSignal::None, 1, {}}.encode();
        badMagic[0] = 'G';
        QByteArray badSignal = Frame{Signal::Ping, SubSignal::None, 1, {}}.encode();
        badSignal[2] = char(99);
        QTest::newRow("over 1 MiB") << oversized;
        QTest::newRow("wrong magic") << badMagic;
        QTest::newRow("unknown signal") << badSignal;
        QTest::newRow("client sends PUSH") << Frame{Signal::Push, SubSignal::MN, 1, {}}.encode();
    }

    void hostileFramesCloseTheLink()
    {
        QFETCH(QByteArray, bytes);
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
        client.sendRaw(bytes);
        QVERIFY(client.waitClosed());
        QVERIFY(client.lastDisconnect());
        QCOMPARE(client.lastDisconnect()->reason(), v1::DISCONNECT_PROTOCOL_ERROR);
        // Others are unaffected.
        RawClient next(m_server->fingerprint());
        QVERIFY(next.connectTo(m_server->tlsPort()));
        next.sendFrame(Frame{Signal::Ping, SubSignal::None, 1, {}});
        QVERIFY(next.waitFor(Signal::Pong));
    }

    void otherProtocolVersionIsToldSo()
    {
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
        QByteArray connect = Frame{Signal::Connect, SubSignal::None, 1, {}}.encode();
        connect[1] = char(kProtocolVersion + 1);
        client.sendRaw(connect);
        const auto ack = client.waitFor(Signal::ConnectAck);
        QVERIFY(ack);
        const v1::ConnectAck a = fromBytes<v1::ConnectAck>(ack->payload).value_or(v1::ConnectAck());
        QCOMPARE(a.code(), v1::CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        QVERIFY(client.waitClosed());
    }

    void webSocketPeerSpeaksJson()
    {
        const TestLogin tlsUser = newUser();
        auto t = online(tlsUser);
        QVERIFY(t);

        WsPeer web;
        QVERIFY(web.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->wsPort()))));
        const QString phone = nextPhone();
        const auto codeSent = web.call(u"RVC"_s, QJsonObject{{u"phone"_s, phone}});
        QVERIFY(codeSent);
        QCOMPARE(codeSent->value(u"code"_s).toInt(), 0);
        QCOMPARE(codeSent->value(u"codeSent"_s).toObject().value(u"expiresInS"_s).toInt(), 300);
        const auto login = web.call(u"LGN"_s, QJsonObject{{u"phone"_s, phone},
                                                          {u"code"_s, m_server->waitForCode(phone)},
                                                          {u"deviceId"_s, u"browser-1"_s}});
        QVERIFY(login);
        const QString webUser = login->value(u"login"_s).toObject().value(u"userId"_s).toString();
        QVERIFY(!webUser.isEmpty());
        web.send(
            QJsonObject{{u"signal"_s, u"CONNECT"_s},
                        {u"messageId"_s, 90},
                        {u"content"_s, QJsonObject{{u"userId"_s, webUser},
                                                   {u"token"_s, login->value(u"login"_s).toObject().value(u"token"_s)},
                                                   {u"deviceId"_s, u"browser-1"_s}}}});
        const auto ack = web.waitFor(u"CONNECT_ACK"_s);
        QVERIFY(ack);
        QCOMPARE(ack->value(u"messageId"_s).toInt(), 90);
        QCOMPARE(ack->value(u"content"_s).toObject().value(u"code"_s).toInt(), 0);

        // The documented message shape, verbatim, from the web to the TLS user.
        web.sendText(uR"({"signal":"PUBLISH","subSignal":"MS","messageId":81,"content":{"from":"%1",
            "content":{"type":1,"searchableContent":"hello from the web","mentionedType":0,"mentionedTargets":[]},
            "messageId":1589955328518,"timestamp":1589955328518,"conversationType":0,"target":"%2","line":0}})"_s.arg(
            webUser, tlsUser.userId));
        const auto pubAck = web.waitFor(u"PUB_ACK"_s);
        QVERIFY(pubAck);
        QCOMPARE(pubAck->value(u"subSignal"_s).toString(), u"MS"_s);
        QCOMPARE(pubAck->value(u"messageId"_s).toInt(), 81);
        QCOMPARE(pubAck->value(u"content"_s).toObject().value(u"code"_s).toInt(), 0);
        const auto push = t->waitFor(Signal::Push);
        QVERIFY(push);
        QCOMPARE(inboxItem(*push).message().content().searchable_content(), "hello from the web");

        // People over JSON: find the TLS user by id, ask to be friends; the request reaches him as an item.
        const auto found = web.call(u"US"_s, QJsonObject{{u"query"_s, tlsUser.userId}});
        QVERIFY(found);
        QCOMPARE(found->value(u"users"_s).toObject().value(u"users"_s).toArray().first().toObject().value(u"userId"_s),
                 tlsUser.userId);
        const auto asked =
            web.call(u"FAR"_s, QJsonObject{{u"userId"_s, tlsUser.userId}, {u"greeting"_s, u"from the browser"_s}});
        QVERIFY(asked);
        QCOMPARE(asked->value(u"code"_s).toInt(), 0);
        const auto request = t->waitForItem([](const v1::InboxItem &i) { return i.has_friend_request(); });
        QVERIFY(request);
        QCOMPARE(request->friend_request().greeting(), "from the browser");
        QCOMPARE(QString::fromStdString(inboxItem(*push).message().from()), webUser);

        // And back: the web peer receives a JSON PUSH.
        QCOMPARE(t->call(SubSignal::MS, textTo(webUser, "hello, browser", uuid(600)))->code(), v1::ERR_NONE);
        const auto webPush = web.waitFor(u"PUSH"_s);
        QVERIFY(webPush);
        QCOMPARE(webPush->value(u"subSignal"_s).toString(), u"MN"_s);
        const QJsonObject message = webPush->value(u"content"_s).toObject().value(u"message"_s).toObject();
        QCOMPARE(message.value(u"content"_s).toObject().value(u"searchableContent"_s).toString(), u"hello, browser"_s);
        QCOMPARE(message.value(u"from"_s).toString(), tlsUser.userId);
        QCOMPARE(message.value(u"conversationType"_s).toInt(), 0);

        // Broken JSON closes the link with a reason.
        web.sendText(u"{this is not json"_s);
        const auto bye = web.waitFor(u"DISCONNECT"_s);
        QVERIFY(bye);
        QCOMPARE(bye->value(u"content"_s).toObject().value(u"reason"_s).toInt(), int(v1::DISCONNECT_PROTOCOL_ERROR));
        QVERIFY(web.waitClosed());
    }

    void secureWebSocket()
    {
        WsPeer web;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::QueryPeer);
        web.socket().setSslConfiguration(tls);
        QVERIFY(web.open(QUrl(u"wss://127.0.0.1:%1"_s.arg(m_server->wssPort()))));
        web.send(QJsonObject{{u"signal"_s, u"PING"_s}, {u"messageId"_s, 5}});
        const auto pong = web.waitFor(u"PONG"_s);
        QVERIFY(pong);
        QCOMPARE(pong->value(u"messageId"_s).toInt(), 5);
    }

    void deadlinesCloseSilentLinks()
    {
        ParleydProcess strict(
            {u"--auth-timeout"_s, u"1"_s, u"--idle-timeout"_s, u"3"_s, u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(strict.start());
        RawClient silent(strict.fingerprint());
        QVERIFY(silent.connectTo(strict.tlsPort()));
        QVERIFY(silent.waitClosed(5000));
        QCOMPARE(silent.lastDisconnect()->reason(), v1::DISCONNECT_AUTH_TIMEOUT);

        // A WebSocket port visitor that never even sends the upgrade request is closed too.
        QTcpSocket mute;
        mute.connectToHost(QHostAddress::LocalHost, strict.wsPort());
        QVERIFY(mute.waitForConnected(RawClient::kWaitMs));
        QVERIFY(QTest::qWaitFor([&] { return mute.state() == QAbstractSocket::UnconnectedState; }, 5000));

        const TestLogin login = logInRaw(strict, u"+8613700000001"_s, u"d"_s);
        RawClient idle(strict.fingerprint());
        QVERIFY(idle.connectTo(strict.tlsPort()));
        QCOMPARE(idle.connectSession(login.userId, login.token, login.deviceId)->code(), v1::CONNECTION_ACCEPTED);
        QVERIFY(idle.waitClosed(8000));
        QCOMPARE(idle.lastDisconnect()->reason(), v1::DISCONNECT_IDLE_TIMEOUT);

        // An upgraded and authenticated WebSocket outlives the upgrade deadline: it ends by the idle rule.
        WsPeer web;
        QVERIFY(web.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(strict.wsPort()))));
        web.send(QJsonObject{
            {u"signal"_s, u"CONNECT"_s},
            {u"messageId"_s, 1},
            {u"content"_s,
             QJsonObject{{u"userId"_s, login.userId}, {u"token"_s, login.token}, {u"deviceId"_s, login.deviceId}}}});
        QCOMPARE(web.waitFor(u"CONNECT_ACK"_s)->value(u"content"_s).toObject().value(u"code"_s).toInt(), 0);
        const auto bye = web.waitFor(u"DISCONNECT"_s, 8000);
        QVERIFY(bye);
        QCOMPARE(bye->value(u"content"_s).toObject().value(u"reason"_s).toInt(), int(v1::DISCONNECT_IDLE_TIMEOUT));
        QCOMPARE(strict.stop(), 0);
    }

    void dataSurvivesAKill()
    {
        ParleydProcess server({u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(server.start());
        const TestLogin alice = logInRaw(server, u"+8613600000001"_s, u"a"_s);
        const TestLogin bob = logInRaw(server, u"+8613600000002"_s, u"b"_s);
        quint64 lastSeq = 0;
        {
            RawClient a(server.fingerprint());
            QVERIFY(a.connectTo(server.tlsPort()));
            QCOMPARE(a.connectSession(alice.userId, alice.token, alice.deviceId)->code(), v1::CONNECTION_ACCEPTED);
            for (int i = 0; i < 20; ++i) {
                const auto sent = a.call(SubSignal::MS, textTo(bob.userId, "durable", uuid(700 + i)));
                QVERIFY(sent);
                lastSeq = sent->sent().conversation_seq();
            }
        }
        server.kill();
        QVERIFY(server.restart());
        RawClient b(server.fingerprint());
        QVERIFY(b.connectTo(server.tlsPort()));
        const auto ack = b.connectSession(bob.userId, bob.token, bob.deviceId);
        QCOMPARE(ack->code(), v1::CONNECTION_ACCEPTED); // the token survived
        QCOMPARE(ack->inbox_head(), quint64(20));       // every acknowledged message survived
        QCOMPARE(lastSeq, quint64(20));
        QCOMPARE(server.stop(), 0);
    }

    void connectionLimitAndShutdownNotice()
    {
        ParleydProcess server({u"--max-connections-per-address"_s, u"2"_s, u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(server.start());
        RawClient first(server.fingerprint()), second(server.fingerprint()), third(server.fingerprint());
        QVERIFY(first.connectTo(server.tlsPort()));
        QVERIFY(second.connectTo(server.tlsPort()));
        QVERIFY(!third.connectTo(server.tlsPort())); // refused at once: no handshake for a third link

        // Log in over the first link (no other link is opened, so the count above stays exact).
        v1::CodeRequest code;
        code.set_phone("+8613400000001");
        QCOMPARE(first.call(SubSignal::RVC, code)->code(), v1::ERR_NONE);
        v1::LoginRequest login;
        login.set_phone("+8613400000001");
        login.set_code(server.waitForCode(u"+8613400000001"_s).toStdString());
        login.set_device_id("d");
        const auto loggedIn = first.call(SubSignal::LGN, login);
        QCOMPARE(loggedIn->code(), v1::ERR_NONE);
        QCOMPARE(first
                     .connectSession(QString::fromStdString(loggedIn->login().user_id()),
                                     QString::fromStdString(loggedIn->login().token()), u"d"_s)
                     ->code(),
                 v1::CONNECTION_ACCEPTED);

        // A clean stop tells connected clients why, so they come back later.
        QCOMPARE(server.stop(), 0);
        QVERIFY(first.waitClosed());
        QVERIFY(first.lastDisconnect());
        QCOMPARE(first.lastDisconnect()->reason(), v1::DISCONNECT_SERVER_SHUTDOWN);
    }

    void oneServerPerDataDirectory()
    {
        QProcess second;
        second.start(QStringLiteral(PARLEYD_PATH),
                     {u"--data-dir"_s, m_server->dataDir(), u"--tls-port"_s, u"0"_s, u"--ws-port"_s, u"off"_s});
        QVERIFY(second.waitForFinished(ParleydProcess::kStartTimeoutMs));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY(second.readAllStandardError().contains("another parleyd"));
        // The running one is unaffected.
        RawClient client(m_server->fingerprint());
        QVERIFY(client.connectTo(m_server->tlsPort()));
    }

    void webhookDeliversCodes()
    {
        // A stand-in SMS gateway: answers 200 to the first request and 500 to the second.
        QTcpServer gateway;
        QVERIFY(gateway.listen(QHostAddress::LocalHost));
        QList<QJsonObject> received;
        int answered = 0;
        connect(&gateway, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = gateway.nextPendingConnection();
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket, buffer] {
                *buffer += socket->readAll();
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                const qsizetype lengthAt = buffer->toLower().indexOf("content-length:");
                const int length =
                    buffer->mid(lengthAt + 15, buffer->indexOf('\r', lengthAt) - lengthAt - 15).trimmed().toInt();
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                received.append(QJsonDocument::fromJson(buffer->mid(headerEnd + 4, length)).object());
                const QByteArray status = answered++ == 0 ? "200 OK" : "500 Internal Server Error";
                socket->write("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
        ParleydProcess server({u"--code-sender"_s, u"webhook"_s, u"--code-webhook-url"_s,
                               u"http://127.0.0.1:%1/sms"_s.arg(gateway.serverPort())});
        QVERIFY(server.start());
        RawClient link(server.fingerprint());
        QVERIFY(link.connectTo(server.tlsPort()));
        v1::CodeRequest request;
        request.set_phone("+44 20 7946 0000");
        const auto ok = link.call(SubSignal::RVC, request);
        QVERIFY(ok);
        QCOMPARE(ok->code(), v1::ERR_NONE);
        QCOMPARE(received.size(), 1);
        QCOMPARE(received[0].value(u"phone"_s).toString(), u"+442079460000"_s);
        QCOMPARE(received[0].value(u"code"_s).toString().size(), 6);
        QCOMPARE(server.codesSentTo(u"+442079460000"_s), 0); // nothing printed by the webhook sender

        request.set_phone("+442079460001");
        const auto failed = link.call(SubSignal::RVC, request);
        QVERIFY(failed);
        QCOMPARE(failed->code(), v1::ERR_UNAVAILABLE);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestParleyd)
#include "tst_parleyd.moc"
