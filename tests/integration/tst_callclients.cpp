// Calls between real clients (engine thread, GStreamer's webrtcbin with test sources, loopback candidates) through
// a real parleyd on 127.0.0.1: a video call rings both of the callee's devices, one answers and the other stops;
// sound and pictures are counted arriving both ways; the camera turned off stops the pictures and not the sound;
// hanging up ends both sides and leaves the same record in every history. Declined, busy, cancelled and
// unanswered calls end with their reasons on both sides. With host candidates off, a call goes through a coturn
// that the test starts, with credentials parleyd hands out; when that relay dies, both sides reconnect and the
// call goes on once it is back, and when it dies for good the call ends as failed after the limit. An answer
// pushed while the caller and another device of the callee were offline is found when they are back, and a call
// declined meanwhile ends there with its record's reason; one answered and hung up meanwhile, found gone before its
// record is synced, ends as "connection lost" until the record says it was answered on another device; a new peer
// connection slower to answer than the first retry is given time to connect.

#include "core/calls/callmanager.h"
#include "core/calls/mediadevices.h"
#include "core/calls/videoframeslot.h"
#include "core/client.h"
#include "core/sync/syncengine.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/faultproxy.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/slowmediasession.h"
#include "tests/support/testcallmedia.h"
#include "tests/support/testphones.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <algorithm>

using namespace parley;
using namespace Qt::StringLiterals;
using Phase = CallState::Phase;

namespace {

constexpr int kWaitMs = 30000;
constexpr int kRingTimeoutS = 6;
// Enough to show a stream flowing: two seconds of Opus (20 ms packets), a second of pictures at 15 per second.
constexpr quint64 kAudioPackets = 100;
constexpr quint64 kVideoPackets = 15;
constexpr int kFrames = 10;

QStringList serverArguments(const QStringList &more = {})
{
    return QStringList{
               u"--code-address-per-hour"_s, u"0"_s,   u"--code-phone-interval"_s, u"0"_s,
               u"--code-phone-per-hour"_s,   u"100"_s, u"--ring-timeout"_s,        QString::number(kRingTimeoutS)} +
           more;
}

ConversationKey with(const ChatWorld::Person &p)
{
    return ConversationKey::withUser(p.userId);
}

const CallState &callOf(const ChatWorld::Person &p)
{
    return p.client->calls().current();
}

bool waitPhase(const ChatWorld::Person &p, Phase phase, int timeoutMs = kWaitMs)
{
    return QTest::qWaitFor([&] { return callOf(p).phase == phase; }, timeoutMs);
}

MediaCounters counters(ChatWorld::Person &p)
{
    const Result<MediaCounters> c = awaitAnswer(p.client->calls().counters());
    return c ? *c : MediaCounters{};
}

// Until the device has received at least this many packets of each kind more than `base`.
bool waitReceived(ChatWorld::Person &p, const MediaCounters &base, quint64 audio, quint64 video)
{
    return QTest::qWaitFor(
        [&] {
            const MediaCounters c = counters(p);
            return c.audioPacketsIn >= base.audioPacketsIn + audio && c.videoPacketsIn >= base.videoPacketsIn + video;
        },
        kWaitMs);
}

// Places a call from `caller` to `callee`, who answers it with the same media once it rings.
bool callAndAnswer(ChatWorld::Person &caller, ChatWorld::Person &callee, int media)
{
    return awaitAnswer(caller.client->calls().call(callee.userId, media)) && waitPhase(callee, Phase::Incoming) &&
           awaitAnswer(callee.client->calls().accept(media));
}

// The call records of a device's conversation, oldest first.
QList<ChatMessage> recordsOf(ChatWorld &world, ChatWorld::Person &p, const ConversationKey &conversation)
{
    QList<ChatMessage> records;
    for (const ChatMessage &m : world.cachedHistory(p, conversation))
        if (m.isCallRecord())
            records.append(m);
    return records;
}

// Starts (or starts again) a coturn on 127.0.0.1:port that checks TURN REST credentials made with `secret`,
// relaying on loopback only; waits until it listens. What it prints is appended to `log`.
bool startCoturn(QProcess &coturn, quint16 port, const QByteArray &secret, const QTemporaryDir &dir, QByteArray &log)
{
    coturn.setProcessChannelMode(QProcess::MergedChannels);
    coturn.start(u"turnserver"_s, {u"-n"_s, u"-v"_s, u"--listening-ip=127.0.0.1"_s, u"--relay-ip=127.0.0.1"_s,
                                   u"--listening-port=%1"_s.arg(port), u"--use-auth-secret"_s,
                                   u"--static-auth-secret="_s + QString::fromLatin1(secret), u"--realm=parley.test"_s,
                                   u"--no-tls"_s, u"--no-dtls"_s, u"--no-tcp-relay"_s, u"--allow-loopback-peers"_s,
                                   u"--no-cli"_s, u"--log-file=stdout"_s, u"--pidfile="_s + dir.filePath(u"turn.pid"_s),
                                   u"--userdb="_s + dir.filePath(u"turn.db"_s)});
    if (!coturn.waitForStarted(kWaitMs)) {
        qWarning("turnserver (Debian's coturn) did not start");
        return false;
    }
    const QByteArray listening = "UDP listener opened on: 127.0.0.1:" + QByteArray::number(port);
    const qsizetype from = log.size();
    return QTest::qWaitFor(
        [&] {
            log += coturn.readAll();
            return log.indexOf(listening, from) >= 0;
        },
        kWaitMs);
}

quint16 freeUdpPort()
{
    QUdpSocket socket;
    socket.bind(QHostAddress::LocalHost, 0);
    return socket.localPort();
}

} // namespace

class TestCallClients : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        QVERIFY2(MediaDevices::available(&why), qPrintable(why));
        m_server = std::make_unique<ParleydProcess>(serverArguments());
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void aVideoCallCarriesSoundAndPicturesBothWays()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        world.setCallMedia(testCallMedia());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());

        // Bob calls: both of Alice's devices ring; the laptop answers and the desktop stops.
        const Result<CallState> placed = awaitAnswer(bob.client->calls().call(laptop.userId, content::kCallVideo));
        QVERIFY2(placed, qPrintable(placed ? QString() : placed.error().message));
        QCOMPARE(placed->phase, Phase::Ringing);
        QVERIFY(waitPhase(laptop, Phase::Incoming));
        QVERIFY(waitPhase(desktop, Phase::Incoming));
        QCOMPARE(callOf(laptop).peer, bob.userId);
        QVERIFY(callOf(laptop).isVideo());
        QCOMPARE(callOf(laptop).callId, placed->callId);
        const Result<Done> accepted = awaitAnswer(laptop.client->calls().accept(content::kCallVideo));
        QVERIFY2(accepted, qPrintable(accepted ? QString() : accepted.error().message));
        QVERIFY(waitPhase(desktop, Phase::Ended));
        QVERIFY(callOf(desktop).answeredElsewhere);

        // Media flows both ways: counted packets of sound and pictures, and decoded pictures.
        QVERIFY(waitPhase(bob, Phase::Active));
        QVERIFY(waitPhase(laptop, Phase::Active));
        QVERIFY(waitReceived(bob, {}, kAudioPackets, kVideoPackets));
        QVERIFY(waitReceived(laptop, {}, kAudioPackets, kVideoPackets));
        QTRY_VERIFY_WITH_TIMEOUT(bob.client->calls().remoteVideo().framesPut() >= kFrames, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(laptop.client->calls().remoteVideo().framesPut() >= kFrames, kWaitMs);
        QVERIFY(bob.client->calls().localVideo().framesPut() > 0);
        const QImage frame = laptop.client->calls().remoteVideo().take();
        QCOMPARE(frame.size(), QSize(320, 240));

        // Bob's camera off: his pictures stop reaching Alice, his sound does not (two seconds of it later, at most
        // the packets that were on their way).
        bob.client->calls().setCameraOn(false);
        QTRY_VERIFY_WITH_TIMEOUT(!callOf(bob).cameraOn, kWaitMs);
        const MediaCounters cameraOff = counters(laptop);
        QVERIFY(waitReceived(laptop, cameraOff, kAudioPackets, 0));
        const MediaCounters later = counters(laptop);
        QVERIFY2(later.videoPacketsIn - cameraOff.videoPacketsIn <= kVideoPackets,
                 qPrintable(u"%1 video packets after the camera went off"_s.arg(later.videoPacketsIn -
                                                                                cameraOff.videoPacketsIn)));
        bob.client->calls().setCameraOn(true);
        QVERIFY(waitReceived(laptop, later, 0, kVideoPackets));

        // Bob hangs up: over on both sides, with its length, and one record in every history.
        QVERIFY(awaitAnswer(bob.client->calls().hangUp()));
        QCOMPARE(callOf(bob).phase, Phase::Ended);
        QCOMPARE(callOf(bob).ended, content::CallEnd::HungUp);
        QVERIFY(waitPhase(laptop, Phase::Ended));
        QCOMPARE(callOf(laptop).ended, content::CallEnd::HungUp);
        QVERIFY(!callOf(laptop).endedByMe);
        QVERIFY(callOf(laptop).durationMs > 0);
        for (ChatWorld::Person *device : {&bob, &laptop, &desktop}) {
            const ConversationKey conversation = device == &bob ? with(laptop) : with(bob);
            QTRY_COMPARE_WITH_TIMEOUT(recordsOf(world, *device, conversation).size(), 1, kWaitMs);
            const ChatMessage record = recordsOf(world, *device, conversation).first();
            QCOMPARE(record.contentType, content::kCallRecord);
            QCOMPARE(record.call.reason, content::CallEnd::HungUp);
            QVERIFY(record.call.isVideo());
            QVERIFY(record.call.durationMs > 0);
        }
        QCOMPARE(world.summary(laptop, with(bob))->unreadCount, 0); // an answered call is not unread
    }

    void declinedBusyCancelledAndUnanswered()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        world.setCallMedia(testCallMedia());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        ChatWorld::Person &carol = world.add(nextPhone());
        QVERIFY(world.logInAll());

        // Declined.
        QVERIFY(awaitAnswer(bob.client->calls().call(alice.userId, content::kCallVoice)));
        QVERIFY(waitPhase(alice, Phase::Incoming));
        QVERIFY(awaitAnswer(alice.client->calls().decline()));
        QCOMPARE(callOf(alice).ended, content::CallEnd::Declined);
        QVERIFY(waitPhase(bob, Phase::Ended));
        QCOMPARE(callOf(bob).ended, content::CallEnd::Declined);

        // Carol's phone rings for Bob: Alice finds her busy; Bob, in a call, cannot place another.
        QVERIFY(awaitAnswer(bob.client->calls().call(carol.userId, content::kCallVideo)));
        QVERIFY(waitPhase(carol, Phase::Incoming));
        const Result<CallState> busy = awaitAnswer(alice.client->calls().call(carol.userId, content::kCallVoice));
        QVERIFY(busy);
        QCOMPARE(busy->phase, Phase::Ended);
        QCOMPARE(busy->ended, content::CallEnd::Busy);
        const Result<CallState> second = awaitAnswer(bob.client->calls().call(alice.userId, content::kCallVoice));
        QVERIFY(!second);
        QCOMPARE(second.error().code, ErrorCode::InCall);

        // Bob gives up before Carol answers: cancelled on both sides, a missed call for Carol.
        QVERIFY(awaitAnswer(bob.client->calls().hangUp()));
        QCOMPARE(callOf(bob).ended, content::CallEnd::Cancelled);
        QVERIFY(waitPhase(carol, Phase::Ended));
        QCOMPARE(callOf(carol).ended, content::CallEnd::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(recordsOf(world, carol, with(bob)).size(), 1, kWaitMs);
        QCOMPARE(recordsOf(world, carol, with(bob)).first().contentType, content::kMissedCall);
        QTRY_COMPARE_WITH_TIMEOUT(world.summary(carol, with(bob))->unreadCount, 1, kWaitMs);

        // Nobody answers Alice's call: after the ring timeout, over on both sides.
        QVERIFY(awaitAnswer(alice.client->calls().call(bob.userId, content::kCallVoice)));
        QVERIFY(waitPhase(bob, Phase::Incoming));
        QVERIFY(waitPhase(alice, Phase::Ended, kRingTimeoutS * 1000 + kWaitMs));
        QCOMPARE(callOf(alice).ended, content::CallEnd::NoAnswer);
        QVERIFY(waitPhase(bob, Phase::Ended));
        QCOMPARE(callOf(bob).ended, content::CallEnd::NoAnswer);
        QTRY_COMPARE_WITH_TIMEOUT(recordsOf(world, bob, with(alice)).size(), 2, kWaitMs);
        QCOMPARE(recordsOf(world, bob, with(alice)).last().call.reason, content::CallEnd::NoAnswer);
        QCOMPARE(recordsOf(world, bob, with(alice)).first().call.reason, content::CallEnd::Declined);
    }

    void whatHappenedWhileAwayIsFoundOnReturn()
    {
        // The caller's link and that of the callee's second device drop while it rings, and the callee answers on
        // the first meanwhile: back online, the caller's side learns of the answer from the call's state and
        // connects, and the second device stops ringing. Then the same with a call the callee declines: both
        // learn from its record why it is over. Last, a call whose record the second device syncs only after its
        // keep-alive found the call gone.
        FaultProxy proxy(m_server->tlsPort());
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        world.setCallMedia(testCallMedia());
        ChatWorld::Person &alice = world.add(nextPhone());
        const QString bobPhone = nextPhone();
        ChatWorld::Person &bob = world.add(bobPhone);
        ChatWorld::Person &bobLaptop = world.add(bobPhone);
        for (ChatWorld::Person *away : {&alice, &bobLaptop}) {
            away->port = proxy.port();
            world.start(*away);
        }
        QVERIFY(world.logInAll());
        QVERIFY(awaitAnswer(alice.client->calls().call(bob.userId, content::kCallVoice)));
        QVERIFY(waitPhase(bob, Phase::Incoming));
        QVERIFY(waitPhase(bobLaptop, Phase::Incoming));
        // The proxy cuts every link through it and lets none in until it is told to; true once `away` are offline.
        const auto goAway = [&](const QList<ChatWorld::Person *> &away) {
            proxy.setRefusing(true);
            proxy.cutAll();
            return QTest::qWaitFor(
                [&] {
                    return std::all_of(away.cbegin(), away.cend(), [](const ChatWorld::Person *p) {
                        return p->client->connectionState() != ConnectionState::Online;
                    });
                },
                kWaitMs);
        };
        QVERIFY(goAway({&alice, &bobLaptop}));
        QVERIFY(awaitAnswer(bob.client->calls().accept(content::kCallVoice)));
        QCOMPARE(callOf(alice).phase, Phase::Ringing);
        QCOMPARE(callOf(bobLaptop).phase, Phase::Incoming);
        proxy.setRefusing(false);
        QVERIFY(waitPhase(bobLaptop, Phase::Ended));
        QVERIFY(callOf(bobLaptop).answeredElsewhere);
        QVERIFY(waitPhase(alice, Phase::Active));
        QVERIFY(waitPhase(bob, Phase::Active));
        QVERIFY(waitReceived(alice, counters(alice), kAudioPackets, 0));
        QVERIFY(awaitAnswer(bob.client->calls().hangUp()));
        QVERIFY(waitPhase(alice, Phase::Ended));
        QCOMPARE(callOf(alice).ended, content::CallEnd::HungUp);

        // Declined on the desktop while the others are away: the call is over when they return, and its record,
        // synced, says how it ended — not "connection lost".
        QVERIFY(awaitAnswer(alice.client->calls().call(bob.userId, content::kCallVoice)));
        QVERIFY(waitPhase(bob, Phase::Incoming));
        QVERIFY(waitPhase(bobLaptop, Phase::Incoming));
        QVERIFY(goAway({&alice, &bobLaptop}));
        QVERIFY(awaitAnswer(bob.client->calls().decline()));
        proxy.setRefusing(false);
        // (A device back online asks for its first sync page before it sends its keep-alive, and parleyd answers
        // one link's requests in order: the record, in that first page, ends the call still ringing there.)
        QTRY_COMPARE_WITH_TIMEOUT(callOf(bobLaptop).ended, content::CallEnd::Declined, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(callOf(alice).ended, content::CallEnd::Declined, kWaitMs);
        QCOMPARE(callOf(bobLaptop).phase, Phase::Ended);
        QVERIFY(!callOf(bobLaptop).answeredElsewhere);

        // Answered and hung up on the desktop while only the laptop is away, with more than a sync page of Bob's
        // messages before the call's record: back online, the laptop's keep-alive is answered after the first page
        // (above) and before the second, which it asks for only then — so it finds the call gone (ERR_NOT_FOUND)
        // and ends as "connection lost" first; the record, in the second page, then corrects that (within
        // CallManager::kRecordWaitMs) to a call that rang there and was answered on another device.
        alice.port = m_server->tlsPort(); // Alice stays online from here on
        world.quit(alice);
        world.start(alice);
        QVERIFY(world.logIn(alice));
        QVERIFY(world.waitAllOnline());
        QVERIFY(awaitAnswer(alice.client->calls().call(bob.userId, content::kCallVoice)));
        QVERIFY(waitPhase(bob, Phase::Incoming));
        QVERIFY(waitPhase(bobLaptop, Phase::Incoming));
        QList<CallState> laptopStates;
        connect(&bobLaptop.client->calls(), &CallsApi::stateChanged, this,
                [&laptopStates](const CallState &state) { laptopStates.append(state); });
        QVERIFY(goAway({&bobLaptop}));
        QVERIFY(awaitAnswer(bob.client->calls().accept(content::kCallVoice)));
        const QString sentByBob =
            u"SELECT COUNT(*) FROM messages m JOIN users u ON u.id = m.sender_id WHERE u.uid = ?"_s;
        const qint64 before = world.serverValue(sentByBob, {bob.userId}).toLongLong();
        constexpr int kAhead = SyncEngine::kPageSize + 1;
        for (int i = 0; i < kAhead; ++i)
            world.send(bob, alice, u"while the laptop is away %1"_s.arg(i));
        QTRY_VERIFY_WITH_TIMEOUT(world.serverValue(sentByBob, {bob.userId}).toLongLong() == before + kAhead, kWaitMs);
        QVERIFY(awaitAnswer(bob.client->calls().hangUp()));
        QCOMPARE(callOf(bobLaptop).phase, Phase::Incoming);
        proxy.setRefusing(false);
        QTRY_COMPARE_WITH_TIMEOUT(callOf(bobLaptop).ended, content::CallEnd::HungUp, kWaitMs);
        QVERIFY(callOf(bobLaptop).answeredElsewhere);
        const auto firstEnded = std::find_if(laptopStates.cbegin(), laptopStates.cend(),
                                             [](const CallState &s) { return s.phase == Phase::Ended; });
        QVERIFY(firstEnded != laptopStates.cend());
        QCOMPARE(firstEnded->ended, content::CallEnd::ConnectionLost);
    }

    void aSlowNewConnectionIsGivenTimeToConnect()
    {
        // The caller's side stops hearing its peer; the callee's, on a loaded machine, answers each new peer
        // connection later than the caller's first retry comes. Each retry waits longer, so one connects.
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        world.setCallMedia(testCallMedia());
        const auto callerFaults = std::make_shared<SlowMediaSession::Faults>();
        const auto calleeFaults = std::make_shared<SlowMediaSession::Faults>();
        calleeFaults->answerDelayMs = CallManager::kRenegotiateAfterMs + 3000; // later than the first retry
        world.setMediaSessionFactory(SlowMediaSession::factory(callerFaults));
        ChatWorld::Person &alice = world.add(nextPhone());
        world.setMediaSessionFactory(SlowMediaSession::factory(calleeFaults));
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        QVERIFY(callAndAnswer(alice, bob, content::kCallVoice));
        QVERIFY(waitPhase(alice, Phase::Active));

        callerFaults->deafUpTo = 1;
        QVERIFY(waitPhase(alice, Phase::Reconnecting));
        QElapsedTimer reconnecting;
        reconnecting.start();
        QVERIFY(waitPhase(alice, Phase::Active, CallManager::kReconnectLimitMs));
        // The second connection was replaced before its answer came; a later one connected.
        QVERIFY(reconnecting.elapsed() >= CallManager::kRenegotiateAfterMs + calleeFaults->answerDelayMs);
        QVERIFY(callerFaults->created >= 3);
        QCOMPARE(calleeFaults->created.load(), callerFaults->created.load());
        QVERIFY(waitPhase(bob, Phase::Active));
        QVERIFY(waitReceived(bob, counters(bob), kAudioPackets, 0));
        QVERIFY(awaitAnswer(alice.client->calls().hangUp()));
        QVERIFY(waitPhase(bob, Phase::Ended));
        QCOMPARE(callOf(bob).ended, content::CallEnd::HungUp);
    }

    void throughTurnOnlyAndBackAfterADrop()
    {
        // A coturn of the test's own, on loopback, checking parleyd's TURN REST credentials.
        QTemporaryDir dir;
        const QByteArray secret = "turn-secret-for-the-test";
        QFile secretFile(dir.filePath(u"turn.secret"_s));
        QVERIFY(secretFile.open(QIODevice::WriteOnly));
        secretFile.write(secret);
        secretFile.close();
        const quint16 turnPort = freeUdpPort();
        QProcess coturn;
        QByteArray turnLog;
        QVERIFY(startCoturn(coturn, turnPort, secret, dir, turnLog));

        ParleydProcess server(serverArguments({u"--turn"_s, u"turn:127.0.0.1:%1?transport=udp"_s.arg(turnPort),
                                               u"--turn-secret-file"_s, secretFile.fileName()}));
        QVERIFY(server.start());
        {
            ChatWorld world(server, server.tlsPort(), ChatWorld::quickTimings());
            world.setCallMedia(testCallMedia(true));
            ChatWorld::Person &alice = world.add(nextPhone());
            ChatWorld::Person &bob = world.add(nextPhone());
            QVERIFY(world.logInAll());
            QVERIFY(callAndAnswer(alice, bob, content::kCallVideo));
            QVERIFY(waitReceived(alice, {}, kAudioPackets, kVideoPackets));
            QVERIFY(waitReceived(bob, {}, kAudioPackets, kVideoPackets));
            // Only relayed candidates were offered, so the media went through coturn, which allocated for both.
            turnLog += coturn.readAll();
            QVERIFY2(turnLog.count("ALLOCATE processed, success") >= 2, turnLog.right(4000).constData());

            // The relay goes: both sides say they are reconnecting, and the call goes on, a new connection made,
            // once it is back.
            coturn.kill();
            QVERIFY(coturn.waitForFinished(kWaitMs));
            QVERIFY(waitPhase(alice, Phase::Reconnecting));
            QVERIFY(waitPhase(bob, Phase::Reconnecting));
            QVERIFY(startCoturn(coturn, turnPort, secret, dir, turnLog));
            QVERIFY(waitPhase(alice, Phase::Active));
            QVERIFY(waitPhase(bob, Phase::Active));
            QCOMPARE(callOf(alice).callId, callOf(bob).callId);
            QVERIFY(waitReceived(bob, {}, kAudioPackets, kVideoPackets)); // counted by the new connection

            // Gone for good: after the limit, the call ends as failed on both sides.
            coturn.kill();
            QVERIFY(coturn.waitForFinished(kWaitMs));
            QVERIFY(waitPhase(alice, Phase::Reconnecting));
            QVERIFY(waitPhase(alice, Phase::Ended, CallManager::kReconnectLimitMs + kWaitMs));
            QCOMPARE(callOf(alice).ended, content::CallEnd::Failed);
            QVERIFY(waitPhase(bob, Phase::Ended));
            QCOMPARE(callOf(bob).ended, content::CallEnd::Failed);
            QTRY_COMPARE_WITH_TIMEOUT(recordsOf(world, bob, with(alice)).size(), 1, kWaitMs);
            QCOMPARE(recordsOf(world, bob, with(alice)).first().call.reason, content::CallEnd::Failed);
        }
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCallClients)
#include "tst_callclients.moc"
