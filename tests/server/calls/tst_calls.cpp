// Call signalling over the raw protocol against a real parleyd (CLI, CLA, CLS → CLN): every device of the
// callee rings, the first to answer takes the call and the others stop, signals pass between the two devices
// in the call only, and every way a call ends — hung up, cancelled, declined, busy, unreachable, rung out, lost —
// reaches both sides and leaves one record in the conversation (a missed one counts as unread). Who may call whom
// is who may message whom. TURN credentials follow the TURN REST scheme, checked here against its definition.

#include "parley.pb.h"
#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kRingTimeoutS = 4;
constexpr int kSilenceS = 4;
const QByteArray kTurnSecret = "tst-calls-turn-secret";
constexpr int kTurnTtlS = 600;

// The secret file parleyd reads at start (one per test process).
QString turnSecretFile()
{
    const QString path = QDir::temp().filePath(u"parley-tst-calls-%1.secret"_s.arg(QCoreApplication::applicationPid()));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(kTurnSecret + '\n');
    return path;
}

v1::CallInvite invite(const QString &callee, v1::CallMedia media)
{
    v1::CallInvite i;
    i.set_callee(callee.toStdString());
    i.set_media(media);
    return i;
}

v1::CallAction action(const std::string &callId, const QString &peer, v1::CallActionKind kind,
                      v1::CallMedia media = v1::CALL_MEDIA_UNSPECIFIED)
{
    v1::CallAction a;
    a.set_call_id(callId);
    a.set_peer(peer.toStdString());
    a.set_action(kind);
    a.set_media(media);
    return a;
}

v1::CallSignal offer(const std::string &callId, const QString &peer, const std::string &sdp)
{
    v1::CallSignal s;
    s.set_call_id(callId);
    s.set_peer(peer.toStdString());
    s.mutable_description()->set_type("offer");
    s.mutable_description()->set_sdp(sdp);
    return s;
}

v1::BlockRequest blockRequest(const QString &user)
{
    v1::BlockRequest b;
    b.set_user_id(user.toStdString());
    b.set_blocked(true);
    return b;
}

// The next call notice pushed to `link` (other pushes stay queued).
std::optional<v1::CallNotice> nextNotice(RawClient &link, int timeoutMs = RawClient::kWaitMs)
{
    const std::optional<Frame> push = link.waitForPush(SubSignal::CLN, timeoutMs);
    return push ? fromBytes<v1::CallNotice>(push->payload) : std::nullopt;
}

// The record of call `callId` pushed to `link`, and what it says.
std::optional<std::pair<v1::Message, v1::CallRecord>> nextRecord(RawClient &link, const std::string &callId)
{
    const std::optional<v1::InboxItem> item = link.waitForItem([&](const v1::InboxItem &i) {
        v1::CallRecord r;
        return i.has_message() && content::isCallRecord(i.message().content().type()) &&
               r.ParseFromString(i.message().content().binary_content()) && r.call_id() == callId;
    });
    if (!item)
        return std::nullopt;
    v1::CallRecord record;
    record.ParseFromString(item->message().content().binary_content());
    return std::pair{item->message(), record};
}

} // namespace

class TestCalls : public ParleydTestCase {
    Q_OBJECT

public:
    TestCalls()
        : ParleydTestCase(social::strictServerArguments(
              {u"--ring-timeout"_s, QString::number(kRingTimeoutS), u"--call-silence"_s, QString::number(kSilenceS),
               u"--stun"_s, u"stun:127.0.0.1:3478"_s, u"--turn"_s,
               u"turn:127.0.0.1:3478?transport=udp turn:127.0.0.1:3478?transport=tcp"_s, u"--turn-secret-file"_s,
               turnSecretFile(), u"--turn-ttl"_s, QString::number(kTurnTtlS)}))
    {
    }

private:
    // Two friends; the second with a second device ("laptop") online too.
    struct Pair {
        RawUser caller;
        RawUser callee;
        std::unique_ptr<RawClient> calleeLaptop;
    };
    Pair friends(bool laptop = false)
    {
        Pair p;
        p.caller = person();
        const QString phone = nextPhone();
        p.callee = rawUser(*m_server, phone);
        if (!p.caller.link || !p.callee.link || !social::befriend(*p.caller.link, *p.callee.link, p.callee.id()))
            return {};
        if (laptop)
            p.calleeLaptop = connectRaw(*m_server, logInRaw(*m_server, phone, u"laptop"_s));
        return p;
    }

private Q_SLOTS:
    void theFirstDeviceToAnswerTakesTheCallAndSignalsPassBetweenTheTwo()
    {
        Pair p = friends(true);
        QVERIFY(p.calleeLaptop);
        RawClient &alice = *p.caller.link;
        RawClient &bobDesk = *p.callee.link;
        RawClient &bobLaptop = *p.calleeLaptop;
        const QString aliceId = p.caller.id();
        const QString bobId = p.callee.id();

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const v1::Result invited = social::call(alice, SubSignal::CLI, invite(bobId, v1::CALL_VIDEO));
        QCOMPARE(invited.code(), v1::ERR_NONE);
        const v1::CallInfo &info = invited.call();
        const std::string id = info.call_id();
        QCOMPARE(id.size(), size_t(32));
        QCOMPARE(info.ended(), v1::CALL_END_UNSPECIFIED);
        QVERIFY(info.ring_until() >= before + kRingTimeoutS * 1000);
        QVERIFY(info.device().empty()); // not answered yet

        // The ICE servers: STUN as configured, TURN with a credential of the TURN REST scheme for Alice.
        QCOMPARE(info.ice_servers_size(), 2);
        QCOMPARE(info.ice_servers(0).urls_size(), 1);
        QCOMPARE(info.ice_servers(0).urls(0), "stun:127.0.0.1:3478");
        const v1::IceServer &turn = info.ice_servers(1);
        QCOMPARE(turn.urls_size(), 2);
        const QStringList user = QString::fromStdString(turn.username()).split(u':');
        QCOMPARE(user.size(), 2);
        QCOMPARE(user.at(1), aliceId);
        const qint64 expiry = user.at(0).toLongLong();
        QVERIFY(expiry >= before / 1000 + kTurnTtlS && expiry <= QDateTime::currentSecsSinceEpoch() + kTurnTtlS);
        const QByteArray expected = QMessageAuthenticationCode::hash(QByteArray::fromStdString(turn.username()),
                                                                     kTurnSecret, QCryptographicHash::Sha1)
                                        .toBase64();
        QCOMPARE(QByteArray::fromStdString(turn.credential()), expected);

        // Both of Bob's devices ring.
        for (RawClient *device : {&bobDesk, &bobLaptop}) {
            const std::optional<v1::CallNotice> ring = nextNotice(*device);
            QVERIFY(ring);
            QCOMPARE(ring->event(), v1::CALL_INCOMING);
            QCOMPARE(ring->call_id(), id);
            QCOMPARE(QString::fromStdString(ring->caller()), aliceId);
            QCOMPARE(ring->media(), v1::CALL_VIDEO);
            QCOMPARE(ring->ring_until(), info.ring_until());
            QCOMPARE(ring->caller_device(), "desk");
        }
        // Signals wait for an answer.
        QCOMPARE(social::call(alice, SubSignal::CLS, offer(id, bobId, "v=0")).code(), v1::ERR_NOT_FOUND);

        // The laptop answers, with voice only; the desk is too late.
        const v1::Result answered =
            social::call(bobLaptop, SubSignal::CLA, action(id, aliceId, v1::CALL_ACCEPT, v1::CALL_VOICE));
        QCOMPARE(answered.code(), v1::ERR_NONE);
        QCOMPARE(answered.call().media(), v1::CALL_VOICE);
        QCOMPARE(answered.call().ice_servers_size(), 2);
        QVERIFY(QString::fromStdString(answered.call().ice_servers(1).username()).endsWith(u':' + bobId));
        QCOMPARE(social::call(bobDesk, SubSignal::CLA, action(id, aliceId, v1::CALL_ACCEPT, v1::CALL_VIDEO)).code(),
                 v1::ERR_ALREADY_HANDLED);
        for (RawClient *device : {&alice, &bobDesk}) {
            const std::optional<v1::CallNotice> accepted = nextNotice(*device);
            QVERIFY(accepted);
            QCOMPARE(accepted->event(), v1::CALL_ACCEPTED);
            QCOMPARE(accepted->device(), "laptop");
            QCOMPARE(accepted->media(), v1::CALL_VOICE);
        }
        // A device that missed the push finds the answer in the call's state.
        const v1::Result state = social::call(alice, SubSignal::CLA, action(id, bobId, v1::CALL_KEEP_ALIVE));
        QCOMPARE(state.call().device(), "laptop");
        QCOMPARE(state.call().media(), v1::CALL_VOICE);

        // Offer, answer and a candidate pass between Alice's desk and Bob's laptop.
        QCOMPARE(social::call(alice, SubSignal::CLS, offer(id, bobId, "v=0 offer")).code(), v1::ERR_NONE);
        std::optional<v1::CallNotice> signal = nextNotice(bobLaptop);
        QVERIFY(signal);
        QCOMPARE(signal->event(), v1::CALL_SIGNAL);
        QCOMPARE(signal->device(), "laptop");
        QCOMPARE(signal->description().type(), "offer");
        QCOMPARE(signal->description().sdp(), "v=0 offer");
        v1::CallSignal reply = offer(id, aliceId, "v=0 answer");
        reply.mutable_description()->set_type("answer");
        QCOMPARE(social::call(bobLaptop, SubSignal::CLS, reply).code(), v1::ERR_NONE);
        signal = nextNotice(alice);
        QVERIFY(signal);
        QCOMPARE(signal->device(), "desk");
        QCOMPARE(signal->description().type(), "answer");
        v1::CallSignal candidate;
        candidate.set_call_id(id);
        candidate.set_peer(bobId.toStdString());
        candidate.mutable_candidate()->set_candidate("candidate:1 1 UDP 2122252543 127.0.0.1 50000 typ host");
        candidate.mutable_candidate()->set_sdp_mid("0");
        candidate.set_connection(2); // of the caller's second peer connection: the number goes with it
        QCOMPARE(social::call(alice, SubSignal::CLS, candidate).code(), v1::ERR_NONE);
        signal = nextNotice(bobLaptop);
        QVERIFY(signal);
        QCOMPARE(signal->candidate().candidate(), candidate.candidate().candidate());
        QCOMPARE(signal->candidate().sdp_mid(), "0");
        QCOMPARE(signal->connection(), 2u);
        // The desk is not in the call: it may not signal or keep it alive, and it was sent none of the signals
        // (its next notice is the call's end, below).
        QCOMPARE(social::call(bobDesk, SubSignal::CLS, offer(id, aliceId, "v=0")).code(), v1::ERR_ALREADY_HANDLED);
        QCOMPARE(social::call(bobDesk, SubSignal::CLA, action(id, aliceId, v1::CALL_KEEP_ALIVE)).code(),
                 v1::ERR_ALREADY_HANDLED);
        // Someone else knows nothing of it, even with its id.
        RawUser carol = person();
        QCOMPARE(social::call(*carol.link, SubSignal::CLS, offer(id, aliceId, "v=0")).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(social::call(*carol.link, SubSignal::CLA, action(id, aliceId, v1::CALL_HANG_UP)).code(),
                 v1::ERR_NOT_FOUND);
        // Nor does naming the wrong peer work.
        QCOMPARE(social::call(alice, SubSignal::CLA, action(id, carol.id(), v1::CALL_HANG_UP)).code(),
                 v1::ERR_NOT_FOUND);

        // Alice hangs up: both hear it, and both have one record of a voice call.
        const v1::Result hungUp = social::call(alice, SubSignal::CLA, action(id, bobId, v1::CALL_HANG_UP));
        QCOMPARE(hungUp.code(), v1::ERR_NONE);
        QCOMPARE(hungUp.call().ended(), v1::CALL_END_HUNG_UP);
        for (RawClient *device : {&bobDesk, &bobLaptop}) {
            const std::optional<v1::CallNotice> ended = nextNotice(*device);
            QVERIFY(ended);
            QCOMPARE(ended->event(), v1::CALL_ENDED);
            QCOMPARE(ended->reason(), v1::CALL_END_HUNG_UP);
            QCOMPARE(QString::fromStdString(ended->ended_by()), aliceId);
            QCOMPARE(ended->duration_ms(), hungUp.call().duration_ms());
        }
        for (RawClient *device : {&alice, &bobDesk, &bobLaptop}) {
            const auto record = nextRecord(*device, id);
            QVERIFY(record);
            QCOMPARE(record->first.content().type(), content::kCallRecord);
            QCOMPARE(QString::fromStdString(record->first.from()), aliceId);
            QCOMPARE(record->second.media(), v1::CALL_VOICE);
            QCOMPARE(record->second.reason(), v1::CALL_END_HUNG_UP);
            QCOMPARE(record->second.duration_ms(), hungUp.call().duration_ms());
        }
        const v1::HistoryResult history = social::history(bobDesk, v1::CONVERSATION_PRIVATE, aliceId, 0, 10);
        QCOMPARE(history.messages_size(), 1);
        QCOMPARE(history.messages(0).content().type(), content::kCallRecord);
        // It is over: nothing more to do with it.
        QCOMPARE(social::call(alice, SubSignal::CLA, action(id, bobId, v1::CALL_HANG_UP)).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(social::call(bobLaptop, SubSignal::CLS, reply).code(), v1::ERR_NOT_FOUND);
    }

    void declinedCancelledBusyAndUnreachableEndOnBothSides()
    {
        Pair p = friends();
        QVERIFY(p.callee.link);
        RawClient &alice = *p.caller.link;
        RawClient &bob = *p.callee.link;
        const QString aliceId = p.caller.id();
        const QString bobId = p.callee.id();

        // Declined: Alice hears it; the record is not a missed call.
        std::string id = social::call(alice, SubSignal::CLI, invite(bobId, v1::CALL_VOICE)).call().call_id();
        QVERIFY(nextNotice(bob));
        QCOMPARE(social::call(alice, SubSignal::CLA, action(id, bobId, v1::CALL_ACCEPT, v1::CALL_VOICE)).code(),
                 v1::ERR_PERMISSION_DENIED); // the caller does not answer
        QCOMPARE(social::call(bob, SubSignal::CLA, action(id, aliceId, v1::CALL_DECLINE)).call().ended(),
                 v1::CALL_END_DECLINED);
        std::optional<v1::CallNotice> ended = nextNotice(alice);
        QVERIFY(ended);
        QCOMPARE(ended->reason(), v1::CALL_END_DECLINED);
        QCOMPARE(QString::fromStdString(ended->ended_by()), bobId);
        auto record = nextRecord(bob, id);
        QVERIFY(record);
        QCOMPARE(record->first.content().type(), content::kCallRecord);
        QCOMPARE(record->second.reason(), v1::CALL_END_DECLINED);
        QCOMPARE(record->second.duration_ms(), 0);

        // Cancelled by the caller: a missed call for Bob.
        id = social::call(alice, SubSignal::CLI, invite(bobId, v1::CALL_VIDEO)).call().call_id();
        QVERIFY(nextNotice(bob));
        QCOMPARE(social::call(alice, SubSignal::CLA, action(id, bobId, v1::CALL_HANG_UP)).call().ended(),
                 v1::CALL_END_CANCELLED);
        ended = nextNotice(bob);
        QVERIFY(ended);
        QCOMPARE(ended->event(), v1::CALL_ENDED);
        QCOMPARE(ended->reason(), v1::CALL_END_CANCELLED);
        record = nextRecord(bob, id);
        QVERIFY(record);
        QCOMPARE(record->first.content().type(), content::kMissedCall);
        QCOMPARE(record->second.media(), v1::CALL_VIDEO);

        // A device in another call says busy.
        id = social::call(alice, SubSignal::CLI, invite(bobId, v1::CALL_VOICE)).call().call_id();
        QVERIFY(nextNotice(bob));
        QCOMPARE(social::call(bob, SubSignal::CLA, action(id, aliceId, v1::CALL_BUSY)).code(), v1::ERR_NONE);
        ended = nextNotice(alice);
        QVERIFY(ended);
        QCOMPARE(ended->reason(), v1::CALL_END_BUSY);
        QVERIFY(nextRecord(alice, id));

        // Bob in a call with Carol: Alice's call ends busy at once, and Carol may not ring anyone else meanwhile.
        RawUser carol = person();
        QVERIFY(social::befriend(*carol.link, bob, bobId));
        QVERIFY(social::befriend(*carol.link, alice, aliceId));
        const std::string carols =
            social::call(*carol.link, SubSignal::CLI, invite(bobId, v1::CALL_VOICE)).call().call_id();
        QVERIFY(nextNotice(bob));
        QCOMPARE(social::call(bob, SubSignal::CLA, action(carols, carol.id(), v1::CALL_ACCEPT, v1::CALL_VOICE)).code(),
                 v1::ERR_NONE);
        const v1::Result busy = social::call(alice, SubSignal::CLI, invite(bobId, v1::CALL_VOICE));
        QCOMPARE(busy.code(), v1::ERR_NONE);
        QCOMPARE(busy.call().ended(), v1::CALL_END_BUSY);
        record = nextRecord(bob, busy.call().call_id());
        QVERIFY(record);
        QCOMPARE(record->first.content().type(), content::kMissedCall);
        QCOMPARE(social::call(*carol.link, SubSignal::CLI, invite(aliceId, v1::CALL_VOICE)).code(), v1::ERR_IN_CALL);
        QCOMPARE(social::call(bob, SubSignal::CLA, action(carols, carol.id(), v1::CALL_HANG_UP)).call().ended(),
                 v1::CALL_END_HUNG_UP);

        // Nobody online to ring: unreachable at once, a missed call waiting in Dave's inbox.
        const QString davesPhone = nextPhone();
        RawUser dave = rawUser(*m_server, davesPhone);
        QVERIFY(social::befriend(alice, *dave.link, dave.id()));
        dave.link.reset();
        v1::Result unreachable;
        QVERIFY(QTest::qWaitFor(
            [&] { // the server notices the closed link
                unreachable = social::call(alice, SubSignal::CLI, invite(dave.id(), v1::CALL_VOICE));
                if (unreachable.call().ended() == v1::CALL_END_UNSPECIFIED) // it rang after all: cancel, try again
                    social::call(alice, SubSignal::CLA,
                                 action(unreachable.call().call_id(), dave.id(), v1::CALL_HANG_UP));
                return unreachable.call().ended() == v1::CALL_END_UNREACHABLE;
            },
            RawClient::kWaitMs));
        const std::unique_ptr<RawClient> back = connectRaw(*m_server, dave.login);
        QVERIFY(back);
        v1::PullRequest pull;
        pull.set_limit(100);
        const v1::PullResult pulled = social::call(*back, SubSignal::MP, pull).pulled();
        const auto missed = std::find_if(pulled.items().cbegin(), pulled.items().cend(), [&](const v1::InboxItem &i) {
            v1::CallRecord r;
            return i.has_message() && r.ParseFromString(i.message().content().binary_content()) &&
                   r.call_id() == unreachable.call().call_id();
        });
        QVERIFY(missed != pulled.items().cend());
        QCOMPARE(missed->message().content().type(), content::kMissedCall);
    }

    void anUnansweredCallRingsOutAndOneNobodyKeepsAliveIsLost()
    {
        Pair p = friends();
        QVERIFY(p.callee.link);
        RawClient &alice = *p.caller.link;
        RawClient &bob = *p.callee.link;
        const QString aliceId = p.caller.id();
        const QString bobId = p.callee.id();

        QElapsedTimer rang;
        rang.start();
        std::string id = social::call(alice, SubSignal::CLI, invite(bobId, v1::CALL_VOICE)).call().call_id();
        QVERIFY(nextNotice(bob));
        for (RawClient *device : {&alice, &bob}) {
            const std::optional<v1::CallNotice> ended = nextNotice(*device, (kRingTimeoutS + 10) * 1000);
            QVERIFY(ended);
            QCOMPARE(ended->event(), v1::CALL_ENDED);
            QCOMPARE(ended->reason(), v1::CALL_END_NO_ANSWER);
            QVERIFY(ended->ended_by().empty());
        }
        QVERIFY(rang.elapsed() >= kRingTimeoutS * 1000 - 100);
        auto record = nextRecord(bob, id);
        QVERIFY(record);
        QCOMPARE(record->first.content().type(), content::kMissedCall);
        QCOMPARE(record->second.reason(), v1::CALL_END_NO_ANSWER);

        // Answered, and kept alive by both for longer than the silence limit; then only Alice speaks up, and the
        // call is lost all the same when Bob has been silent too long.
        id = social::call(alice, SubSignal::CLI, invite(bobId, v1::CALL_VOICE)).call().call_id();
        QVERIFY(nextNotice(bob));
        QCOMPARE(social::call(bob, SubSignal::CLA, action(id, aliceId, v1::CALL_ACCEPT, v1::CALL_VOICE)).code(),
                 v1::ERR_NONE);
        QVERIFY(nextNotice(alice)); // accepted
        QElapsedTimer kept;
        kept.start();
        while (kept.elapsed() < kSilenceS * 1500) {
            const v1::Result alive = social::call(alice, SubSignal::CLA, action(id, bobId, v1::CALL_KEEP_ALIVE));
            QCOMPARE(alive.code(), v1::ERR_NONE);
            QCOMPARE(alive.call().ice_servers_size(), 2); // fresh TURN credentials with each
            QCOMPARE(social::call(bob, SubSignal::CLA, action(id, aliceId, v1::CALL_KEEP_ALIVE)).code(), v1::ERR_NONE);
            QVERIFY(!nextNotice(bob, 500)); // still on
        }
        const qint64 bobsLast = kept.elapsed();
        std::optional<v1::CallNotice> lost;
        while (!lost && kept.elapsed() < bobsLast + (kSilenceS + 10) * 1000) {
            QCOMPARE(social::call(alice, SubSignal::CLA, action(id, bobId, v1::CALL_KEEP_ALIVE)).code(), v1::ERR_NONE);
            lost = nextNotice(alice, 500);
        }
        QVERIFY(lost);
        QCOMPARE(lost->reason(), v1::CALL_END_CONNECTION_LOST);
        QVERIFY(kept.elapsed() >= bobsLast + kSilenceS * 1000 - 1000); // Bob's silence ended it, not Alice's
        QVERIFY(lost->duration_ms() >= kSilenceS * 1500 - 1000);       // until Bob's last word
        QVERIFY(lost->duration_ms() <= bobsLast + 1000);
        record = nextRecord(alice, id);
        QVERIFY(record);
        QCOMPARE(record->first.content().type(), content::kCallRecord);
        QCOMPARE(record->second.duration_ms(), lost->duration_ms());
    }

    void onlyWhoMayMessageMayCall()
    {
        RawUser alice = person();
        const QString bobsNumber = nextPhone();
        RawUser bob = rawUser(*m_server, bobsNumber);
        RawUser stranger = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QCOMPARE(social::call(*stranger.link, SubSignal::CLI, invite(bob.id(), v1::CALL_VOICE)).code(),
                 v1::ERR_NOT_FRIENDS);
        QCOMPARE(social::call(*alice.link, SubSignal::CLI, invite(alice.id(), v1::CALL_VOICE)).code(), v1::ERR_SELF);
        QCOMPARE(social::call(*alice.link, SubSignal::CLI, invite(u"nobody"_s, v1::CALL_VOICE)).code(),
                 v1::ERR_NOT_FOUND);
        QCOMPARE(social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CALL_MEDIA_UNSPECIFIED)).code(),
                 v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CallMedia(7))).code(),
                 v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::call(*alice.link, SubSignal::CLA, action({}, bob.id(), v1::CALL_HANG_UP)).code(),
                 v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::call(*alice.link, SubSignal::CLA, action("x", bob.id(), v1::CALL_ACCEPT)).code(),
                 v1::ERR_MALFORMED_REQUEST); // accepted with neither voice nor video
        v1::CallSignal huge = offer("x", bob.id(), std::string(limits::kMaxSdpBytes + 1, 'a'));
        QCOMPARE(social::call(*alice.link, SubSignal::CLS, huge).code(), v1::ERR_TOO_LARGE);
        v1::CallSignal strange = offer("x", bob.id(), "v=0");
        strange.mutable_description()->set_type("pranswer");
        QCOMPARE(social::call(*alice.link, SubSignal::CLS, strange).code(), v1::ERR_MALFORMED_REQUEST);
        v1::CallSignal empty;
        empty.set_call_id("x");
        empty.set_peer(bob.id().toStdString());
        QCOMPARE(social::call(*alice.link, SubSignal::CLS, empty).code(), v1::ERR_MALFORMED_REQUEST);

        // Blocked during a call: the block ends it, as Bob's hang-up, with its record on both sides (and on
        // Bob's other device). Then refused in the words a message gets, and Bob's devices do not ring.
        const std::unique_ptr<RawClient> bobsPhone = connectRaw(*m_server, logInRaw(*m_server, bobsNumber, u"phone"_s));
        QVERIFY(bobsPhone);
        const std::string id =
            social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CALL_VOICE)).call().call_id();
        QVERIFY(nextNotice(*bob.link));
        QVERIFY(nextNotice(*bobsPhone));
        QCOMPARE(
            social::call(*bob.link, SubSignal::CLA, action(id, alice.id(), v1::CALL_ACCEPT, v1::CALL_VOICE)).code(),
            v1::ERR_NONE);
        QVERIFY(nextNotice(*alice.link));
        QVERIFY(nextNotice(*bobsPhone)); // answered on the desk
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, blockRequest(alice.id())).code(), v1::ERR_NONE);
        for (RawClient *device : {alice.link.get(), bob.link.get(), bobsPhone.get()}) {
            const std::optional<v1::CallNotice> ended = nextNotice(*device);
            QVERIFY(ended);
            QCOMPARE(ended->event(), v1::CALL_ENDED);
            QCOMPARE(ended->reason(), v1::CALL_END_HUNG_UP);
            QCOMPARE(QString::fromStdString(ended->ended_by()), bob.id());
            const auto record = nextRecord(*device, id);
            QVERIFY(record);
            QCOMPARE(record->first.content().type(), content::kCallRecord);
            QCOMPARE(record->second.reason(), v1::CALL_END_HUNG_UP);
        }
        QCOMPARE(social::call(*bobsPhone, SubSignal::CLA, action(id, alice.id(), v1::CALL_HANG_UP)).code(),
                 v1::ERR_NOT_FOUND);
        QCOMPARE(social::call(*alice.link, SubSignal::CLS, offer(id, bob.id(), "v=0")).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CALL_VIDEO)).code(), v1::ERR_REFUSED);
        QVERIFY(!nextNotice(*bob.link, 500));
    }

    void aBlockEndsARingingCallWithTheOtherOnly()
    {
        // The callee blocks the caller while it rings: declined by the callee. Blocking someone else first ends
        // nothing.
        Pair p = friends();
        QVERIFY(p.callee.link);
        std::string id =
            social::call(*p.caller.link, SubSignal::CLI, invite(p.callee.id(), v1::CALL_VOICE)).call().call_id();
        QVERIFY(nextNotice(*p.callee.link));
        QCOMPARE(social::call(*p.callee.link, SubSignal::BLK, blockRequest(person().id())).code(), v1::ERR_NONE);
        const v1::Result ringing =
            social::call(*p.caller.link, SubSignal::CLA, action(id, p.callee.id(), v1::CALL_KEEP_ALIVE));
        QCOMPARE(ringing.code(), v1::ERR_NONE);
        QCOMPARE(ringing.call().ended(), v1::CALL_END_UNSPECIFIED);
        QCOMPARE(social::call(*p.callee.link, SubSignal::BLK, blockRequest(p.caller.id())).code(), v1::ERR_NONE);
        for (RawClient *device : {p.caller.link.get(), p.callee.link.get()}) {
            const std::optional<v1::CallNotice> ended = nextNotice(*device);
            QVERIFY(ended);
            QCOMPARE(ended->event(), v1::CALL_ENDED);
            QCOMPARE(ended->reason(), v1::CALL_END_DECLINED);
            QCOMPARE(QString::fromStdString(ended->ended_by()), p.callee.id());
            const auto record = nextRecord(*device, id);
            QVERIFY(record);
            QCOMPARE(record->first.content().type(), content::kCallRecord);
        }
        QCOMPARE(social::call(*p.caller.link, SubSignal::CLA, action(id, p.callee.id(), v1::CALL_HANG_UP)).code(),
                 v1::ERR_NOT_FOUND);

        // The caller blocks the callee while it rings: cancelled, a missed call for the callee.
        Pair q = friends();
        QVERIFY(q.callee.link);
        id = social::call(*q.caller.link, SubSignal::CLI, invite(q.callee.id(), v1::CALL_VIDEO)).call().call_id();
        QVERIFY(nextNotice(*q.callee.link));
        QCOMPARE(social::call(*q.caller.link, SubSignal::BLK, blockRequest(q.callee.id())).code(), v1::ERR_NONE);
        const std::optional<v1::CallNotice> ended = nextNotice(*q.callee.link);
        QVERIFY(ended);
        QCOMPARE(ended->reason(), v1::CALL_END_CANCELLED);
        const auto record = nextRecord(*q.callee.link, id);
        QVERIFY(record);
        QCOMPARE(record->first.content().type(), content::kMissedCall);
    }

    void anInviteSentAgainWhileItRingsIsTheSameCall()
    {
        // Alice's device sends its invite again (the answer to the first was lost with the link): the same call,
        // ringing no one again. Another of her devices, or the same one with other media, is in a call already.
        const QString alicesNumber = nextPhone();
        RawUser alice = rawUser(*m_server, alicesNumber);
        RawUser bob = person();
        QVERIFY(alice.link && bob.link && social::befriend(*alice.link, *bob.link, bob.id()));
        const v1::Result first = social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CALL_VIDEO));
        QCOMPARE(first.code(), v1::ERR_NONE);
        QVERIFY(nextNotice(*bob.link));
        const v1::Result again = social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CALL_VIDEO));
        QCOMPARE(again.code(), v1::ERR_NONE);
        QCOMPARE(again.call().call_id(), first.call().call_id());
        QCOMPARE(again.call().ring_until(), first.call().ring_until());
        QCOMPARE(again.call().ice_servers_size(), first.call().ice_servers_size());
        QCOMPARE(social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CALL_VOICE)).code(), v1::ERR_IN_CALL);
        const std::unique_ptr<RawClient> alicesLaptop =
            connectRaw(*m_server, logInRaw(*m_server, alicesNumber, u"laptop"_s));
        QVERIFY(alicesLaptop);
        QCOMPARE(social::call(*alicesLaptop, SubSignal::CLI, invite(bob.id(), v1::CALL_VIDEO)).code(), v1::ERR_IN_CALL);

        // Answered, it is no longer an invite to repeat.
        const std::string id = first.call().call_id();
        QCOMPARE(
            social::call(*bob.link, SubSignal::CLA, action(id, alice.id(), v1::CALL_ACCEPT, v1::CALL_VIDEO)).code(),
            v1::ERR_NONE);
        QCOMPARE(social::call(*alice.link, SubSignal::CLI, invite(bob.id(), v1::CALL_VIDEO)).code(), v1::ERR_IN_CALL);
        QCOMPARE(social::call(*alice.link, SubSignal::CLA, action(id, bob.id(), v1::CALL_HANG_UP)).code(),
                 v1::ERR_NONE);
        // Bob rang once: after the ring, his next notice is the call's end.
        const std::optional<v1::CallNotice> ended = nextNotice(*bob.link);
        QVERIFY(ended);
        QCOMPARE(ended->event(), v1::CALL_ENDED);
    }
};

QTEST_GUILESS_MAIN(TestCalls)
#include "tst_calls.moc"
