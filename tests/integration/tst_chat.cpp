// The client core end to end against a real parleyd process over TLS: log in with codes from the
// development sender, chat both ways, a WebSocket peer, offline delivery, reconnect after the server
// is killed and restarted with the outbox delivered once, remembered logins, logout.

#include "core/client.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/testphones.h"
#include "tests/support/wspeer.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kOnlineTimeoutMs = 20000;

} // namespace

class TestChat : public QObject {
    Q_OBJECT

    using Person = ChatWorld::Person;

    std::unique_ptr<ParleydProcess> m_server;

    static ConnectionTimings timings()
    {
        ConnectionTimings t;
        t.backoffInitialMs = 200;
        t.backoffCapMs = 1000;
        return t;
    }

    // Logs in with a code from the server's development sender and waits until online.
    static void logIn(ChatWorld &world, Person &p)
    {
        QVERIFY(world.logIn(p));
        QTRY_COMPARE_WITH_TIMEOUT(p.client->connectionState(), ConnectionState::Online, kOnlineTimeoutMs);
    }

    // Alice and Bob logged in and online on `server`, which is then killed (SIGKILL, like a crash).
    static void bothOnlineThenServerKilled(ParleydProcess &server, ChatWorld &world, Person &alice, Person &bob)
    {
        logIn(world, alice);
        logIn(world, bob);
        if (QTest::currentTestFailed())
            return;
        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(alice.client->connectionState() != ConnectionState::Online, kOnlineTimeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(QStringList{u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void init()
    {
        // Thread-affinity mistakes show up only as warnings; make them failures.
        QTest::failOnWarning(QRegularExpression(u"from another thread|Cannot create children for a parent"_s));
    }

    void twoUsersChatBothWays()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), timings());
        Person &alice = world.add(nextPhone());
        Person &bob = world.add(nextPhone());
        logIn(world, alice);
        logIn(world, bob);
        if (QTest::currentTestFailed())
            return;
        const ConversationKey toBob = ConversationKey::withUser(bob.client->userId());
        const ConversationKey toAlice = ConversationKey::withUser(alice.client->userId());

        alice.client->messages().sendText(toBob, u"你好 Bob"_s);
        QTRY_VERIFY_WITH_TIMEOUT(alice.recorder->has(u"你好 Bob"_s, MessageState::Sent), kOnlineTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(bob.recorder->has(u"你好 Bob"_s, MessageState::Received), kOnlineTimeoutMs);
        bob.client->messages().sendText(toAlice, u"Hi Alice, 你好!"_s);
        QTRY_VERIFY_WITH_TIMEOUT(alice.recorder->has(u"Hi Alice, 你好!"_s, MessageState::Received), kOnlineTimeoutMs);
        for (int i = 0; i < 10; ++i)
            (i % 2 ? bob.client->messages().sendText(toAlice, u"ping %1"_s.arg(i))
                   : alice.client->messages().sendText(toBob, u"ping %1"_s.arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(world.cachedHistory(alice, toBob).size(), 12, kOnlineTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(world.cachedHistory(bob, toAlice).size(), 12, kOnlineTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(alice.recorder->latest.cbegin(), alice.recorder->latest.cend(),
                                             [](const ChatMessage &m) { return m.state != MessageState::Sending; }),
                                 kOnlineTimeoutMs);

        // Both devices hold the same conversation in the same order, each message once.
        const QList<ChatMessage> a = world.cachedHistory(alice, toBob);
        const QList<ChatMessage> b = world.cachedHistory(bob, toAlice);
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].serverUid, b[i].serverUid);
            QCOMPARE(a[i].conversationSeq, quint64(i + 1));
            QCOMPARE(a[i].text, b[i].text);
            QCOMPARE(a[i].outgoing, !b[i].outgoing);
        }
        for (int n : std::as_const(bob.recorder->added))
            QCOMPARE(n, 1);
    }

    void webPeerAndDesktopUser()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), timings());
        Person &alice = world.add(nextPhone());
        logIn(world, alice);
        if (QTest::currentTestFailed())
            return;
        WsPeer web;
        QVERIFY(web.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->wsPort()))));
        const QString phone = u"+14155550100"_s;
        QVERIFY(web.call(u"RVC"_s, QJsonObject{{u"phone"_s, phone}}));
        const auto login = web.call(
            u"LGN"_s,
            QJsonObject{{u"phone"_s, phone}, {u"code"_s, m_server->waitForCode(phone)}, {u"deviceId"_s, u"browser"_s}});
        QVERIFY(login);
        const QJsonObject l = login->value(u"login"_s).toObject();
        web.send(QJsonObject{{u"signal"_s, u"CONNECT"_s},
                             {u"messageId"_s, 1},
                             {u"content"_s, QJsonObject{{u"userId"_s, l.value(u"userId"_s)},
                                                        {u"token"_s, l.value(u"token"_s)},
                                                        {u"deviceId"_s, u"browser"_s}}}});
        QVERIFY(web.waitFor(u"CONNECT_ACK"_s));
        const auto sent = web.call(
            u"MS"_s,
            QJsonObject{{u"messageId"_s, qint64(1589955328518)},
                        {u"conversationType"_s, 0},
                        {u"target"_s, alice.client->userId()},
                        {u"content"_s, QJsonObject{{u"type"_s, 1}, {u"searchableContent"_s, u"from a browser"_s}}}});
        QVERIFY(sent);
        QCOMPARE(sent->value(u"code"_s).toInt(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(alice.recorder->has(u"from a browser"_s, MessageState::Received), kOnlineTimeoutMs);
        const ChatMessage received = alice.recorder->withText(u"from a browser"_s).first();
        QCOMPARE(received.sender, l.value(u"userId"_s).toString());

        alice.client->messages().sendText(received.conversation, u"hello browser"_s);
        // The message's push: the browser's own message came back to it before, and Alice's receipt for it may
        // come first, as a progress item.
        const auto fromAlice = [&](const QJsonObject &p) {
            return WsPeer::pushedMessage(p).value(u"from"_s).toString() == alice.client->userId();
        };
        std::optional<QJsonObject> push;
        do
            push = web.waitFor(u"PUSH"_s);
        while (push && !fromAlice(*push));
        QVERIFY(push);
        QCOMPARE(WsPeer::pushedText(*push), u"hello browser"_s);
    }

    void offlineRecipientCatchesUpWhenItComesBack()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), timings());
        Person &alice = world.add(nextPhone());
        Person &bob = world.add(nextPhone());
        logIn(world, alice);
        logIn(world, bob);
        if (QTest::currentTestFailed())
            return;
        const QString bobId = bob.client->userId();
        world.quit(bob); // Bob quits the app

        for (int i = 0; i < 5; ++i)
            alice.client->messages().sendText(ConversationKey::withUser(bobId), u"while you were away %1"_s.arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(world.cachedHistory(alice, ConversationKey::withUser(bobId)).size(), 5, kOnlineTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(alice.recorder->has(u"while you were away 4"_s, MessageState::Sent), kOnlineTimeoutMs);

        // Bob starts the app again: the remembered login resumes without a code and sync fetches the five.
        QVERIFY(world.restart(bob));
        QVERIFY(bob.client->hasRememberedAccount());
        QCOMPARE(bob.client->userId(), bobId);
        QTRY_COMPARE_WITH_TIMEOUT(bob.client->connectionState(), ConnectionState::Online, kOnlineTimeoutMs);
        const QList<ChatMessage> got = world.cachedHistory(bob, ConversationKey::withUser(alice.client->userId()));
        QCOMPARE(got.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(got[i].text, u"while you were away %1"_s.arg(i));
    }

    void reconnectsAfterAServerCrashAndDeliversTheOutboxOnce()
    {
        ParleydProcess server({u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(server.start());
        ChatWorld world(server, server.tlsPort(), timings());
        Person &alice = world.add(nextPhone());
        Person &bob = world.add(nextPhone());
        bothOnlineThenServerKilled(server, world, alice, bob);
        if (QTest::currentTestFailed())
            return;
        const ConversationKey toBob = ConversationKey::withUser(bob.client->userId());
        for (int i = 0; i < 3; ++i)
            alice.client->messages().sendText(toBob, u"written offline %1"_s.arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(alice.recorder->withText(u"written offline 2"_s).size(), 1, kOnlineTimeoutMs);
        QCOMPARE(alice.recorder->withText(u"written offline 0"_s).first().state, MessageState::Sending);

        QVERIFY(server.restart());
        QTRY_COMPARE_WITH_TIMEOUT(alice.client->connectionState(), ConnectionState::Online, kOnlineTimeoutMs);
        for (int i = 0; i < 3; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(alice.recorder->has(u"written offline %1"_s.arg(i), MessageState::Sent),
                                     kOnlineTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(world.cachedHistory(bob, ConversationKey::withUser(alice.client->userId())).size(), 3,
                                  kOnlineTimeoutMs);
        const QList<ChatMessage> got = world.cachedHistory(bob, ConversationKey::withUser(alice.client->userId()));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(got[i].text, u"written offline %1"_s.arg(i)); // in the order written
            QCOMPARE(got[i].conversationSeq, quint64(i + 1));
        }
        for (int n : std::as_const(bob.recorder->added))
            QCOMPARE(n, 1);
        world.quit(alice);
        world.quit(bob);
        QCOMPARE(server.stop(), 0);
    }

    void theOutboxSurvivesAClientRestart()
    {
        ParleydProcess server({u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(server.start());
        ChatWorld world(server, server.tlsPort(), timings());
        Person &alice = world.add(nextPhone());
        Person &bob = world.add(nextPhone());
        bothOnlineThenServerKilled(server, world, alice, bob);
        if (QTest::currentTestFailed())
            return;
        const ConversationKey toBob = ConversationKey::withUser(bob.client->userId());
        // Written while the server is down, then the app quits with both still unsent.
        const Result<ChatMessage> first =
            awaitAnswer(alice.client->messages().sendText(toBob, u"survives a restart 1"_s));
        const Result<ChatMessage> second =
            awaitAnswer(alice.client->messages().sendText(toBob, u"survives a restart 2"_s));
        QVERIFY(first && second);
        QTRY_COMPARE_WITH_TIMEOUT(alice.recorder->withText(u"survives a restart 2"_s).size(), 1, kOnlineTimeoutMs);
        QCOMPARE(alice.recorder->withText(u"survives a restart 1"_s).first().state, MessageState::Sending);
        world.quit(alice);

        // Next start: the remembered login resumes, and the outbox goes out with the same ids, once.
        QVERIFY(server.restart());
        QVERIFY(world.restart(alice));
        QTRY_VERIFY_WITH_TIMEOUT(alice.recorder->has(u"survives a restart 1"_s, MessageState::Sent), kOnlineTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(alice.recorder->has(u"survives a restart 2"_s, MessageState::Sent), kOnlineTimeoutMs);
        QCOMPARE(alice.recorder->withText(u"survives a restart 1"_s).first().clientUuid, first->clientUuid);
        QCOMPARE(alice.recorder->withText(u"survives a restart 2"_s).first().clientUuid, second->clientUuid);
        QTRY_COMPARE_WITH_TIMEOUT(world.cachedHistory(bob, ConversationKey::withUser(alice.client->userId())).size(), 2,
                                  kOnlineTimeoutMs);
        const QList<ChatMessage> got = world.cachedHistory(bob, ConversationKey::withUser(alice.client->userId()));
        QCOMPARE(got[0].clientUuid, first->clientUuid);
        QCOMPARE(got[1].clientUuid, second->clientUuid);
        world.quit(alice);
        world.quit(bob);
        QCOMPARE(server.stop(), 0);
    }

    void withoutAKeychainTheLoginLastsOneRun()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), timings());
        Person &carol = world.add(nextPhone(), ChatWorld::Keychain::Unavailable);
        QSignalSpy remembered(carol.client.get(), &Client::loginRemembered);
        logIn(world, carol);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(remembered.count() || remembered.wait(kOnlineTimeoutMs));
        QCOMPARE(remembered.first().at(0).toBool(), false);
        QCOMPARE(remembered.first().at(1).value<Error>().code, ErrorCode::KeychainUnavailable);
        QVERIFY(carol.keychain->isEmpty());

        world.quit(carol);
        world.start(carol);
        QSignalSpy required(carol.client.get(), &Client::loginRequired);
        carol.client->resumeSession();
        QVERIFY(required.wait(kOnlineTimeoutMs));
    }

    void wrongCodeIsReported()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), timings());
        Person &dave = world.add(nextPhone());
        QVERIFY(awaitAnswer(dave.client->requestCode(dave.phone), kOnlineTimeoutMs));
        const QString code = m_server->waitForCode(dave.phone);
        const Result<LoginInfo> failed =
            awaitAnswer(dave.client->logIn(dave.phone, code == u"000000"_s ? u"111111"_s : u"000000"_s));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::CodeWrong);
        const Result<LoginInfo> loggedIn = awaitAnswer(dave.client->logIn(dave.phone, code), kOnlineTimeoutMs);
        QVERIFY(loggedIn);
        QCOMPARE(loggedIn->userId, dave.client->userId());
    }

    void logOutRevokesTheToken()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), timings());
        Person &erin = world.add(nextPhone());
        logIn(world, erin);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(erin.keychain->size(), 1, kOnlineTimeoutMs);
        const QString token = erin.keychain->cbegin().value();
        const QString userId = erin.client->userId();
        QSignalSpy out(erin.client.get(), &Client::loggedOut);
        erin.client->logOut(true);
        QVERIFY(out.wait(kOnlineTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(erin.keychain->isEmpty(), kOnlineTimeoutMs);
        QVERIFY(!erin.client->hasRememberedAccount());
        QCOMPARE(erin.client->connectionState(), ConnectionState::Offline);

        RawClient thief(m_server->fingerprint());
        QVERIFY(thief.connectTo(m_server->tlsPort()));
        QCOMPARE(thief.connectSession(userId, token, erin.client->deviceId())->code(),
                 v1::CONNECTION_REFUSED_NOT_AUTHORIZED);
    }
};

QTEST_GUILESS_MAIN(TestChat)
#include "tst_chat.moc"
