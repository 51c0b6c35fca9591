// Three parleyd nodes on one PostgreSQL database and one Redis (registered only with the postgres and redis
// fixtures), real clients spread across them. What one node commits reaches devices on the others as a push,
// not when they happen to pull: friend requests and their answers, one-to-one and group messages, receipts,
// read state between two devices of one user on two nodes, a recall, a revoked device. With Redis down a
// device still learns of its messages within ClusterBus::kOutOfTouchHintMs (the node tells its devices to
// pull), a device logged out or suspended elsewhere is closed within --revocation-check even if it never pulls,
// and across a Redis restart under sustained sending nothing is lost, nothing shown twice. Devices that
// know all three nodes move to another when theirs is killed, five times over, and end with every message once,
// in order; so do devices writing on three nodes across restarts of PostgreSQL and Redis. The limits that
// protect users are the cluster's: wrong codes tried at once on three nodes count together, and searches spread
// over three devices on three nodes draw on one budget. Presence too: a user is online while a device of hers
// is connected to any node, and offline once the node of her last one dies. With one files directory for all
// nodes, an upload begun through one node is finished through another and fetched through a third. A call
// rings devices on other nodes, and of two of them answering at once on two nodes, one takes it.

#include "protocol/contenttypes.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"
#include "tests/support/testpostgres.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;
// A push crosses nodes at once; this is far more than it takes, and far less than anything but a push
// would (clients pull only on connect, on a gap, or when their node says so).
constexpr int kPushMs = 2000;
constexpr int kOutOfTouchHintMs = 5000; // ClusterBus::kOutOfTouchHintMs
constexpr int kBeatMs = 5000;           // ClusterPresence::kBeatMs
constexpr int kNodeSilentMs = 15000;    // ClusterPresence::kSilentMs
constexpr int kRevocationCheckS = 1;    // --revocation-check of these nodes (10 s by default)
constexpr int kKeepAliveMs = 5000;      // a raw link pings as often as an app would
constexpr int kRestartMessages = 60;
constexpr int kMovingPeople = 6;
constexpr int kKills = 5;
constexpr int kPerRound = 20;
constexpr int kCodeTries = 5;         // parleyd's --code-max-tries default
constexpr int kLookupBurst = 30;      // --lookup-burst's default
constexpr int kLookupPerMinute = 20;  // --lookup-rate's default
constexpr int kGuessesPerNode = 3;
constexpr qint64 kMiB = 1 << 20; // sent at once on each node: more than kCodeTries in all

ConversationKey with(const ChatWorld::Person &p)
{
    return ConversationKey::withUser(p.userId);
}

QString readUrl(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

// A throwaway-*.sh script's action on the server whose URL is in `urlFile`.
bool throwaway(const char *script, const QString &action, const QString &urlFile)
{
    return QProcess::execute(u"sh"_s, {QString::fromUtf8(script), action, urlFile}) == 0;
}

// On the redis fixture.
bool redis(const QString &action)
{
    return throwaway(PARLEY_THROWAWAY_REDIS, action, qEnvironmentVariable("PARLEY_TEST_REDIS_URL_FILE"));
}

// Whether `count` nodes listen on parley:everyone (ClusterBus::everyoneChannel) of the redis fixture: they are
// back in touch after Redis was away.
bool nodesListening(int count)
{
    const QString url = readUrl(qEnvironmentVariable("PARLEY_TEST_REDIS_URL_FILE"));
    QProcess cli;
    cli.start(u"redis-cli"_s,
              {u"-s"_s, url.mid(url.indexOf(u':') + 1), u"PUBSUB"_s, u"NUMSUB"_s, u"parley:everyone"_s});
    if (!cli.waitForFinished(kWaitMs))
        return false;
    const QList<QByteArray> lines = cli.readAllStandardOutput().split('\n'); // the channel, then its count
    return lines.size() >= 2 && lines.at(1).trimmed().toInt() >= count;
}

// Three nodes on one database and one Redis (and `more`). One certificate for all of them, as a deployment has
// (the first node makes it): a device pinned to it trusts every node it may move to.
bool startCluster(const QString &database, const QString &redisAt, QList<std::shared_ptr<ParleydProcess>> &nodes,
                  const QStringList &more = {})
{
    const QStringList arguments = QStringList{u"--database"_s,
                                              database,
                                              u"--redis"_s,
                                              redisAt,
                                              u"--code-address-per-hour"_s,
                                              u"0"_s,
                                              u"--code-phone-interval"_s,
                                              u"0"_s,
                                              u"--send-rate"_s,
                                              u"0"_s,
                                              u"--revocation-check"_s,
                                              QString::number(kRevocationCheckS)} +
                                  more;
    for (int i = 0; i < 3; ++i) {
        const QString tls = i == 0 ? QString() : nodes.first()->dataDir() + u"/tls/"_s;
        nodes.append(std::make_shared<ParleydProcess>(
            i == 0 ? arguments
                   : arguments + QStringList{u"--cert"_s, tls + u"cert.pem"_s, u"--key"_s, tls + u"key.pem"_s}));
        if (!nodes.last()->start())
            return false;
    }
    return nodes.at(1)->fingerprint() == nodes.at(0)->fingerprint();
}

// Devices that know every node, their own (i % 3) first.
QList<ChatWorld::Person *> spreadPeople(ChatWorld &world, const QList<std::shared_ptr<ParleydProcess>> &nodes)
{
    QList<ChatWorld::Person *> people;
    for (int i = 0; i < kMovingPeople; ++i) {
        QList<ParleydProcess *> order;
        for (int k = 0; k < 3; ++k)
            order.append(nodes.at((i + k) % 3).get());
        people.append(&world.add(nextPhone(), ChatWorld::Keychain::Available, order));
    }
    return people;
}

// `count` more messages among `people`, each to another in turn; `sent` counts them all.
void sendAround(ChatWorld &world, const QList<ChatWorld::Person *> &people, int &sent, int count)
{
    for (int i = 0; i < count; ++i, ++sent)
        world.send(*people[sent % people.size()], *people[(sent + 1 + sent / people.size()) % people.size()],
                   u"around %1"_s.arg(sent));
}

int unread(ChatWorld &world, ChatWorld::Person &device, const ConversationKey &conversation)
{
    const std::optional<ConversationSummary> s = world.summary(device, conversation);
    return s ? s->unreadCount : -1;
}

bool isContact(const ChatWorld::Person &device, const QString &userId)
{
    const QList<Contact> &contacts = device.client->people().contacts();
    return std::any_of(contacts.cbegin(), contacts.cend(),
                       [&](const Contact &c) { return c.userId() == userId && c.isFriend; });
}

std::optional<FriendRequest> awaitingMe(const ChatWorld::Person &device, const QString &fromUserId)
{
    for (const FriendRequest &r : device.client->people().friendRequests()) {
        if (r.incoming && r.from.userId == fromUserId && r.status == FriendRequest::Status::Pending)
            return r;
    }
    return std::nullopt;
}

} // namespace

class TestCluster : public QObject {
    Q_OBJECT

    QList<std::shared_ptr<ParleydProcess>> m_nodes;
    QTemporaryDir m_files; // every node's --files-dir, as a shared mount would be

    ParleydProcess &node(int i) { return *m_nodes.at(i); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString database = TestPostgres::createDatabase();
        QVERIFY(!database.isEmpty());
        const QString redisAt = readUrl(qEnvironmentVariable("PARLEY_TEST_REDIS_URL_FILE"));
        QVERIFY2(!redisAt.isEmpty(), "the redis fixture's URL (PARLEY_TEST_REDIS_URL_FILE)");
        QVERIFY(startCluster(database, redisAt, m_nodes, {u"--files-dir"_s, m_files.path()}));
    }

    // Devices know every node, their own first. Senders on two nodes write without pause while one node after
    // another is killed (five times); its devices move to the others and back. Every acknowledged message
    // ends on every device of its conversation once, in the server's order.
    void aKilledNodesDevicesMoveOn()
    {
        ChatWorld world(node(0), node(0).tlsPort(), ChatWorld::quickTimings());
        const QList<ChatWorld::Person *> people = spreadPeople(world, m_nodes);
        QVERIFY(world.logInAll());
        int sent = 0;
        for (int kill = 0; kill < kKills; ++kill) {
            ParleydProcess &victim = node(kill % 3);
            sendAround(world, people, sent, kPerRound);
            victim.kill();
            sendAround(world, people, sent, kPerRound); // while its devices move
            QVERIFY(world.waitAllOnline(kWaitMs));
            QVERIFY(victim.restart());
        }
        // Every acknowledged message on every device of its conversation once, in the server's order.
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        const QString broken = world.figures().broken(sent);
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
    }

    // A cluster of its own, on a PostgreSQL and a Redis of its own (restarting the fixtures' would cut the
    // other tests' connections). Devices on three nodes write without pause while PostgreSQL restarts, then
    // while Redis does: requests fail or wait meanwhile, and in the end every acknowledged message is on every
    // device once, in order.
    void restartedServersLoseNothing()
    {
        QTemporaryDir dir;
        const QString pgFile = dir.filePath(u"pg.url"_s);
        const QString redisFile = dir.filePath(u"redis.url"_s);
        QList<std::shared_ptr<ParleydProcess>> nodes;
        const auto cleanup = qScopeGuard([&] {
            for (const auto &n : std::as_const(nodes))
                n->stop();
            throwaway(PARLEY_THROWAWAY_REDIS, u"stop"_s, redisFile);
            throwaway(PARLEY_THROWAWAY_POSTGRES, u"stop"_s, pgFile);
        });
        QVERIFY(throwaway(PARLEY_THROWAWAY_POSTGRES, u"start"_s, pgFile));
        QVERIFY(throwaway(PARLEY_THROWAWAY_REDIS, u"start"_s, redisFile));
        const QString database = TestPostgres::createDatabase(readUrl(pgFile));
        QVERIFY(!database.isEmpty());
        QVERIFY(startCluster(database, readUrl(redisFile), nodes));

        ChatWorld world(*nodes.first(), nodes.first()->tlsPort(), ChatWorld::quickTimings());
        const QList<ChatWorld::Person *> people = spreadPeople(world, nodes);
        QVERIFY(world.logInAll());
        int sent = 0;
        sendAround(world, people, sent, kPerRound);
        QVERIFY(throwaway(PARLEY_THROWAWAY_POSTGRES, u"restart"_s, pgFile));
        sendAround(world, people, sent, kPerRound);
        QVERIFY(throwaway(PARLEY_THROWAWAY_REDIS, u"restart"_s, redisFile));
        sendAround(world, people, sent, kPerRound);
        // Every acknowledged message on every device of its conversation once, in the server's order.
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        const QString broken = world.figures().broken(sent);
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
        for (const auto &n : std::as_const(nodes))
            QCOMPARE(n->stop(), 0);
        nodes.clear();
    }

    void cleanupTestCase()
    {
        for (const auto &n : std::as_const(m_nodes))
            QCOMPARE(n->stop(), 0);
    }

    void everythingCrossesNodes()
    {
        ChatWorld world(node(0), node(0).tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone, ChatWorld::Keychain::Available, {&node(0)});
        ChatWorld::Person &desktop = world.add(alicePhone, ChatWorld::Keychain::Available, {&node(1)});
        ChatWorld::Person &bob = world.add(nextPhone(), ChatWorld::Keychain::Available, {&node(1)});
        ChatWorld::Person &carol = world.add(nextPhone(), ChatWorld::Keychain::Available, {&node(2)});
        QVERIFY(world.logInAll());

        // A friend request from node 2 reaches both of Alice's devices (nodes 0 and 1); her answer on node 0
        // reaches Carol and Alice's other device.
        QVERIFY(awaitAnswer(carol.client->people().sendFriendRequest(laptop.userId, u"hi"_s), kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(awaitingMe(laptop, carol.userId).has_value(), kPushMs);
        QTRY_VERIFY_WITH_TIMEOUT(awaitingMe(desktop, carol.userId).has_value(), kPushMs);
        QVERIFY(awaitAnswer(laptop.client->people().answerFriendRequest(awaitingMe(laptop, carol.userId)->id, true),
                            kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(isContact(carol, laptop.userId), kPushMs);
        QTRY_VERIFY_WITH_TIMEOUT(isContact(desktop, carol.userId), kPushMs);
        QVERIFY(awaitAnswer(bob.client->people().sendFriendRequest(laptop.userId, u"hello"_s), kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(awaitingMe(desktop, bob.userId).has_value(), kPushMs);
        QVERIFY(awaitAnswer(desktop.client->people().answerFriendRequest(awaitingMe(desktop, bob.userId)->id, true),
                            kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(isContact(laptop, bob.userId), kPushMs);

        // One-to-one from node 0 to node 1, the receipt back; the same text on Alice's other device.
        world.send(laptop, bob, u"to bob across nodes"_s);
        QTRY_VERIFY_WITH_TIMEOUT(bob.recorder->has(u"to bob across nodes"_s, MessageState::Received), kPushMs);
        QTRY_VERIFY_WITH_TIMEOUT(!desktop.recorder->withText(u"to bob across nodes"_s).isEmpty(), kPushMs);
        QVERIFY(awaitAnswer(bob.client->messages().markRead(with(laptop)), kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(world.summary(laptop, with(bob)) && world.summary(laptop, with(bob))->peerReadSeq == 1,
                                 kPushMs);
        QCOMPARE(world.cachedHistory(laptop, with(bob)).value(0).state, MessageState::Read);

        // Read state: Carol (node 2) writes to Alice; read on her desktop (node 1), cleared on her laptop (node 0).
        world.send(carol, laptop, u"from carol"_s);
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, laptop, with(carol)), 1, kPushMs);
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, desktop, with(carol)), 1, kPushMs);
        QVERIFY(awaitAnswer(desktop.client->messages().markRead(with(carol)), kWaitMs));
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, laptop, with(carol)), 0, kPushMs);

        // A recall made on node 0 empties the message on node 1.
        const QList<ChatMessage> sent = laptop.recorder->withText(u"to bob across nodes"_s);
        QCOMPARE(sent.size(), 1);
        QVERIFY(awaitAnswer(laptop.client->messages().recall(sent.first().localId), kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(bob.recorder->latest.cbegin(), bob.recorder->latest.cend(),
                        [](const ChatMessage &m) { return m.isRecalled(); }),
            kPushMs);

        // A group with members on every node: created on node 0, written to from node 1.
        const Result<GroupInfo> group =
            awaitAnswer(laptop.client->groups().create(u"three nodes"_s, {bob.userId, carol.userId}), kWaitMs);
        QVERIFY(group);
        const ConversationKey inGroup{ConversationKey::Type::Group, group->groupId};
        QTRY_VERIFY_WITH_TIMEOUT(world.summary(carol, inGroup).has_value(), kPushMs);
        QVERIFY(awaitAnswer(bob.client->messages().sendText(inGroup, u"hello group"_s), kWaitMs));
        for (ChatWorld::Person *member : {&laptop, &desktop, &carol})
            QTRY_VERIFY_WITH_TIMEOUT(member->recorder->has(u"hello group"_s, MessageState::Received), kPushMs);
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));

        // A device revoked from node 0 is logged out on node 1.
        QSignalSpy ended(desktop.client.get(), &Client::sessionEnded);
        QVERIFY(awaitAnswer(laptop.client->devices().revoke(desktop.client->deviceId()), kWaitMs));
        QVERIFY(ended.count() == 1 || ended.wait(kPushMs));
        QCOMPARE(ended.first().at(0).value<Error>().code, ErrorCode::DeviceRevoked);
    }

    void presenceIsTheClusters()
    {
        ChatWorld world(node(0), node(0).tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone, ChatWorld::Keychain::Available, {&node(0)});
        ChatWorld::Person &desktop = world.add(alicePhone, ChatWorld::Keychain::Available, {&node(1)});
        ChatWorld::Person &bob = world.add(nextPhone(), ChatWorld::Keychain::Available, {&node(2)});
        QVERIFY(world.logInAll());
        const QString alice = laptop.userId;
        // Bob's second device, a raw link on node 0, sees every presence push, a repeated state too.
        const std::unique_ptr<RawClient> watcher = connectRaw(node(0), logInRaw(node(0), bob.phone, u"watcher"_s));
        QVERIFY(watcher);
        const auto toldOfAlice = [&watcher, &alice]() -> std::optional<v1::Presence> {
            while (const std::optional<Frame> push = watcher->waitFor(Signal::Push, kPushMs)) {
                const std::optional<v1::Presence> p = fromBytes<v1::Presence>(push->payload);
                if (push->subSignal == SubSignal::PSN && p && QString::fromStdString(p->user_id()) == alice)
                    return p;
            }
            return std::nullopt;
        };
        QVERIFY(awaitAnswer(bob.client->people().sendFriendRequest(alice, u"hi"_s), kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(awaitingMe(laptop, bob.userId).has_value(), kPushMs);
        QVERIFY(awaitAnswer(laptop.client->people().answerFriendRequest(awaitingMe(laptop, bob.userId)->id, true),
                            kWaitMs));
        std::optional<v1::Presence> told = toldOfAlice(); // friends now: what each sees of the other
        QVERIFY(told);
        QCOMPARE(told->state(), v1::PRESENCE_ONLINE);

        // Her laptop goes: node 0 tells Bob's device there what is true — she is still online, on node 1 (for
        // node 2 nothing changed).
        world.quit(laptop);
        told = toldOfAlice();
        QVERIFY(told);
        QCOMPARE(told->state(), v1::PRESENCE_ONLINE);
        const Result<QList<Presence>> asked = awaitAnswer(bob.client->people().fetchPresence({alice}), kWaitMs);
        QVERIFY(asked && asked->size() == 1);
        QCOMPARE(asked->first().state, PresenceState::Online);

        // Her desktop goes too: offline, on both of Bob's nodes.
        const auto bobSeesAlice = [&bob, &alice] { return bob.client->people().presence(alice).state; };
        world.quit(desktop);
        QTRY_COMPARE_WITH_TIMEOUT(bobSeesAlice(), PresenceState::LastSeen, kPushMs);
        told = toldOfAlice();
        QVERIFY(told);
        QCOMPARE(told->state(), v1::PRESENCE_LAST_SEEN);

        // Back on node 1, which then dies: nobody says she left; the other nodes notice its silence.
        QVERIFY(world.restart(desktop));
        QTRY_COMPARE_WITH_TIMEOUT(bobSeesAlice(), PresenceState::Online, kPushMs);
        node(1).kill();
        QElapsedTimer took;
        took.start();
        QTRY_COMPARE_WITH_TIMEOUT(bobSeesAlice(), PresenceState::LastSeen, kNodeSilentMs + 2 * kBeatMs + kPushMs);
        qInfo() << "a dead node's user was seen offline after" << took.elapsed() << "ms";
        QVERIFY(node(1).restart());
    }

    void limitsHoldAcrossNodes()
    {
        // A code requested on node 0, then guessed on all three nodes at once (none waits for an answer):
        // of all those tries, kCodeTries count; after them even the right code is refused, on every node.
        const QString phone = nextPhone();
        std::vector<std::unique_ptr<RawClient>> links;
        for (int i = 0; i < 3; ++i) {
            links.push_back(std::make_unique<RawClient>(node(i).fingerprint()));
            QVERIFY(links.back()->connectTo(node(i).tlsPort()));
        }
        v1::CodeRequest codeRequest;
        codeRequest.set_phone(phone.toStdString());
        QCOMPARE(social::call(*links[0], SubSignal::RVC, codeRequest).code(), v1::ERR_NONE);
        const QString code = node(0).waitForCode(phone);
        QVERIFY(!code.isEmpty());
        const auto login = [&phone](const QString &guess) {
            v1::LoginRequest r;
            r.set_phone(phone.toStdString());
            r.set_code(guess.toStdString());
            r.set_device_id("guesser");
            r.set_platform("test");
            return r;
        };
        const QString wrong = code == u"000000"_s ? u"111111"_s : u"000000"_s;
        quint16 id = 5000;
        for (auto &link : links) {
            for (int i = 0; i < kGuessesPerNode; ++i)
                link->sendFrame(Frame{Signal::Publish, SubSignal::LGN, id++, toBytes(login(wrong))});
        }
        QMap<int, int> answers; // code → how many
        for (auto &link : links) {
            for (int i = 0; i < kGuessesPerNode; ++i) {
                const std::optional<Frame> ack = link->waitFor(Signal::PubAck);
                QVERIFY(ack);
                ++answers[fromBytes<v1::Result>(ack->payload).value_or(v1::Result()).code()];
            }
        }
        QCOMPARE(answers.value(v1::ERR_CODE_WRONG), kCodeTries - 1);
        QCOMPARE(answers.value(v1::ERR_CODE_TRIES_EXHAUSTED) + answers.value(v1::ERR_CODE_EXPIRED),
                 3 * kGuessesPerNode - (kCodeTries - 1));
        for (auto &link : links)
            QCOMPARE(social::call(*link, SubSignal::LGN, login(code)).code(), v1::ERR_CODE_EXPIRED);

        // One user on three devices, one per node: searches taken in turns from all three draw on one budget
        // (each link's own would allow three times as many).
        const QString searcher = nextPhone();
        std::vector<std::unique_ptr<RawClient>> devices;
        for (int i = 0; i < 3; ++i) {
            const TestLogin device = logInRaw(node(i), searcher, u"device-%1"_s.arg(i));
            QVERIFY(!device.userId.isEmpty());
            devices.push_back(connectRaw(node(i), device));
            QVERIFY(devices.back());
        }
        QElapsedTimer took;
        took.start();
        int accepted = 0;
        v1::Result last;
        for (int i = 0; i < 4 * kLookupBurst && last.code() != v1::ERR_RATE_LIMITED; ++i) {
            v1::UserSearchRequest search;
            search.set_query(u"+86139%1"_s.arg(i, 8, 10, QChar(u'0')).toStdString());
            last = social::call(*devices[size_t(i % 3)], SubSignal::US, search);
            accepted += last.code() == v1::ERR_NONE ? 1 : 0;
        }
        QCOMPARE(last.code(), v1::ERR_RATE_LIMITED);
        QVERIFY(last.retry_after_s() >= 1);
        const int refilled = int(took.elapsed() * kLookupPerMinute / 60000) + 1;
        QVERIFY2(accepted >= kLookupBurst && accepted <= kLookupBurst + refilled,
                 qPrintable(u"%1 searches accepted in %2 ms"_s.arg(accepted).arg(took.elapsed())));
    }

    void redisDownSlowsDeliveryButLosesNothing()
    {
        ChatWorld world(node(0), node(0).tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &dan = world.add(nextPhone(), ChatWorld::Keychain::Available, {&node(0)});
        ChatWorld::Person &erin = world.add(nextPhone(), ChatWorld::Keychain::Available, {&node(2)});
        QVERIFY(world.logInAll());
        world.send(dan, erin, u"before"_s);
        QTRY_VERIFY_WITH_TIMEOUT(erin.recorder->has(u"before"_s, MessageState::Received), kPushMs);

        // Redis gone: nothing is pushed across nodes, and Erin's node tells her to pull within the interval.
        QVERIFY(redis(u"down"_s));
        auto restoreRedis = qScopeGuard([] { redis(u"up"_s); });
        QElapsedTimer took;
        took.start();
        world.send(dan, erin, u"while redis is down"_s);
        QTRY_VERIFY_WITH_TIMEOUT(erin.recorder->has(u"while redis is down"_s, MessageState::Received),
                                 kOutOfTouchHintMs + kPushMs);
        qInfo() << "with Redis down, a message crossed nodes in" << took.elapsed() << "ms";
        // The budgets Redis keeps are not there: each link's own stands in, and nothing is refused for it.
        QVERIFY(awaitAnswer(erin.client->people().searchUser(dan.phone), kWaitMs));

        // Back: pushes again. Then Redis restarts while both write: everything arrives once, in order.
        QVERIFY(redis(u"up"_s));
        restoreRedis.dismiss();
        world.send(erin, dan, u"after"_s);
        QTRY_VERIFY_WITH_TIMEOUT(dan.recorder->has(u"after"_s, MessageState::Received), kOutOfTouchHintMs + kPushMs);
        for (int i = 0; i < kRestartMessages; ++i) {
            if (i == kRestartMessages / 2)
                QVERIFY(redis(u"restart"_s));
            world.send(i % 2 ? dan : erin, i % 2 ? erin : dan, u"across a restart %1"_s.arg(i));
        }
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        const ChatWorld::Figures figures = world.figures();
        QCOMPARE(figures.duplicatesShown, 0);
        QCOMPARE(figures.acknowledgedButLost, 0);
        for (int i = 0; i < kRestartMessages; ++i) {
            ChatWorld::Person &to = i % 2 ? erin : dan;
            QVERIFY(to.recorder->has(u"across a restart %1"_s.arg(i), MessageState::Received));
        }
    }

    // Redis gone when one device logs another out: the word waits on the revoking node (and would go with it, were
    // it killed), but the revoked device is closed all the same — by its pull, which its node asks for meanwhile,
    // or by RevocationWatch, whichever comes first (these nodes look every second; tst_syncprotocol has the pull
    // alone).
    void aDeviceRevokedWhileRedisIsDownIsLoggedOut()
    {
        ChatWorld world(node(0), node(0).tlsPort(), ChatWorld::quickTimings());
        const QString phone = nextPhone();
        ChatWorld::Person &laptop = world.add(phone, ChatWorld::Keychain::Available, {&node(0)});
        ChatWorld::Person &desktop = world.add(phone, ChatWorld::Keychain::Available, {&node(1)});
        QVERIFY(world.logInAll());
        QVERIFY(redis(u"down"_s));
        const auto restoreRedis = qScopeGuard([] {
            redis(u"up"_s);
            if (!QTest::qWaitFor([] { return nodesListening(3); }, kWaitMs)) // the next test counts on pushes
                qWarning("the nodes do not all listen to parley:everyone again");
        });
        QSignalSpy ended(desktop.client.get(), &Client::sessionEnded);
        QVERIFY(awaitAnswer(laptop.client->devices().revoke(desktop.client->deviceId()), kWaitMs));
        QVERIFY(ended.count() == 1 || ended.wait(kOutOfTouchHintMs + kPushMs));
        QCOMPARE(ended.first().at(0).value<Error>().code, ErrorCode::DeviceRevoked);
    }

    // Redis gone while a device logs in again through one node and an operator then suspends the account there:
    // the words wait on that node, and the device's links on another node, a modified client that never pulls,
    // are still closed within --revocation-check, each told why (RevocationWatch) — the old session's link first,
    // while the new session's stays until the suspension.
    void devicesRevokedWhileRedisIsDownAreClosedEvenIfTheyNeverPull()
    {
        const QString phone = nextPhone();
        RawUser mallory = rawUser(node(1), phone);
        QVERIFY(mallory.link);
        mallory.link->keepAlive(kKeepAliveMs);
        QVERIFY(redis(u"down"_s));
        const auto restoreRedis = qScopeGuard([] {
            redis(u"up"_s);
            if (!QTest::qWaitFor([] { return nodesListening(3); }, kWaitMs))
                qWarning("the nodes do not all listen to parley:everyone again");
        });
        const TestLogin again = logInRaw(node(0), phone, mallory.login.deviceId);
        QVERIFY(!again.token.isEmpty());
        const std::unique_ptr<RawClient> newer = connectRaw(node(1), again);
        QVERIFY(newer);
        newer->keepAlive(kKeepAliveMs);
        QVERIFY(mallory.link->waitClosed(kRevocationCheckS * 1000 + kWaitMs));
        QVERIFY(mallory.link->lastDisconnect());
        QVERIFY(!newer->waitClosed(kRevocationCheckS * 1000 + kPushMs)); // matched by session, not device id

        QProcess admin;
        admin.start(QStringLiteral(PARLEYD_PATH), {u"admin"_s, u"--data-dir"_s, node(0).dataDir(), u"ban"_s, phone});
        QVERIFY(admin.waitForFinished(kWaitMs));
        QCOMPARE(admin.exitCode(), 0);
        QElapsedTimer took;
        took.start();
        QVERIFY(newer->waitClosed(kRevocationCheckS * 1000 + kWaitMs));
        qInfo() << "the suspended account's device on another node was closed" << took.elapsed() << "ms after the ban";
        QVERIFY(newer->lastDisconnect());
        QCOMPARE(newer->lastDisconnect()->reason(), v1::DISCONNECT_ACCOUNT_SUSPENDED);
    }

    // A call across nodes: Alice on node 0 rings Bob's desk on node 1 and laptop on node 2; both answer at the same
    // moment and exactly one takes the call; signals cross the nodes to that device only, the end to all; each
    // side has one record.
    void aCallAcrossNodesIsTakenByOneDevice()
    {
        RawUser alice = rawUser(node(0), nextPhone());
        const QString phone = nextPhone();
        RawUser bob = rawUser(node(1), phone);
        QVERIFY(alice.link && bob.link);
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        const std::unique_ptr<RawClient> laptop = connectRaw(node(2), logInRaw(node(2), phone, u"laptop"_s));
        QVERIFY(laptop);
        v1::CallInvite invite;
        invite.set_callee(bob.id().toStdString());
        invite.set_media(v1::CALL_VIDEO);
        const v1::Result invited = social::call(*alice.link, SubSignal::CLI, invite);
        QCOMPARE(invited.code(), v1::ERR_NONE);
        const std::string id = invited.call().call_id();
        for (RawClient *device : {bob.link.get(), laptop.get()}) {
            const std::optional<Frame> ring = device->waitForPush(SubSignal::CLN);
            QVERIFY(ring);
            QCOMPARE(fromBytes<v1::CallNotice>(ring->payload)->event(), v1::CALL_INCOMING);
        }
        v1::CallAction accept;
        accept.set_call_id(id);
        accept.set_peer(alice.id().toStdString());
        accept.set_action(v1::CALL_ACCEPT);
        accept.set_media(v1::CALL_VIDEO);
        const quint16 fromDesk = bob.link->publish(SubSignal::CLA, accept);
        const quint16 fromLaptop = laptop->publish(SubSignal::CLA, accept);
        const std::optional<v1::Result> desk = bob.link->answer(fromDesk);
        const std::optional<v1::Result> lap = laptop->answer(fromLaptop);
        QVERIFY(desk && lap);
        QVERIFY((desk->code() == v1::ERR_NONE) != (lap->code() == v1::ERR_NONE));
        QCOMPARE(desk->code() == v1::ERR_NONE ? lap->code() : desk->code(), v1::ERR_ALREADY_HANDLED);
        const char *winner = desk->code() == v1::ERR_NONE ? "desk" : "laptop";
        RawClient &inCall = desk->code() == v1::ERR_NONE ? *bob.link : *laptop;
        std::optional<Frame> notice = alice.link->waitForPush(SubSignal::CLN);
        QVERIFY(notice);
        QCOMPARE(fromBytes<v1::CallNotice>(notice->payload)->device(), winner);

        v1::CallSignal offer;
        offer.set_call_id(id);
        offer.set_peer(bob.id().toStdString());
        offer.mutable_description()->set_type("offer");
        offer.mutable_description()->set_sdp("v=0 across nodes");
        QCOMPARE(social::call(*alice.link, SubSignal::CLS, offer).code(), v1::ERR_NONE);
        for (;;) { // the ACCEPTED notice the other device of Bob's got may come first
            notice = inCall.waitForPush(SubSignal::CLN);
            QVERIFY(notice);
            if (fromBytes<v1::CallNotice>(notice->payload)->event() == v1::CALL_SIGNAL)
                break;
        }
        QCOMPARE(fromBytes<v1::CallNotice>(notice->payload)->description().sdp(), "v=0 across nodes");

        v1::CallAction hangUp = accept;
        hangUp.set_action(v1::CALL_HANG_UP);
        QCOMPARE(social::call(inCall, SubSignal::CLA, hangUp).call().ended(), v1::CALL_END_HUNG_UP);
        for (;;) {
            notice = alice.link->waitForPush(SubSignal::CLN);
            QVERIFY(notice);
            if (fromBytes<v1::CallNotice>(notice->payload)->event() == v1::CALL_ENDED)
                break;
        }
        // Bob's other device, on the third node, was sent none of the signals: after the answer, the end.
        RawClient &other = &inCall == bob.link.get() ? *laptop : *bob.link;
        for (;;) {
            notice = other.waitForPush(SubSignal::CLN);
            QVERIFY(notice);
            const v1::CallEvent event = fromBytes<v1::CallNotice>(notice->payload)->event();
            QVERIFY(event != v1::CALL_SIGNAL);
            if (event == v1::CALL_ENDED)
                break;
        }
        for (RawClient *device : {alice.link.get(), bob.link.get(), laptop.get()}) {
            QVERIFY(device->waitForItem([](const v1::InboxItem &i) {
                return i.has_message() && i.message().content().type() == content::kCallRecord;
            }));
        }
    }

    // The nodes share one files directory: an upload begun through node 0 is finished through node 1, and its
    // recipient, on node 2, fetches it through node 2. Each PATCH's answered offset is what the other node's HEAD
    // tells at once (over a link already open, so the HEAD follows the answer by about a millisecond).
    void filesFromAnyNode()
    {
        RawUser alice = rawUser(node(0), nextPhone());
        RawUser bob = rawUser(node(2), nextPhone());
        QVERIFY(alice.link && bob.link);
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        const QByteArray bytes = files::randomBytes(3 * kMiB + 123, 14);
        const QString grant = files::uploadGrant(*alice.link, bytes);
        QVERIFY(!grant.isEmpty());
        HttpsPeer first(node(0).fingerprint(), node(0).filesPort());
        HttpsPeer second(node(1).fingerprint(), node(1).filesPort());
        const QString upload = first.create(grant, bytes);
        QVERIFY(!upload.isEmpty());
        QCOMPARE(second.offset(grant, upload), 0);
        for (qint64 offset = 0; offset < 2 * kMiB; offset += kMiB / 2) {
            QCOMPARE(first.patch(grant, upload, offset, bytes.mid(offset, kMiB / 2)).status, 204);
            QCOMPARE(second.offset(grant, upload), offset + kMiB / 2);
        }
        const HttpsPeer::Response last = second.patch(grant, upload, 2 * kMiB, bytes.mid(2 * kMiB));
        QCOMPARE(last.status, 204);
        const QString fileId = QString::fromLatin1(last.header("Parley-File-Id"));
        QVERIFY(!fileId.isEmpty());
        const v1::Message message = files::mediaTo(bob.id(), v1::CONTENT_FILE, fileId, testUuid(1));
        QCOMPARE(social::call(*alice.link, SubSignal::MS, message).code(), v1::ERR_NONE);
        QVERIFY(bob.link->waitForItem([](const v1::InboxItem &i) { return i.has_message(); }));
        HttpsPeer third(node(2).fingerprint(), node(2).filesPort());
        const HttpsPeer::Response fetched = third.get(files::downloadGrant(*bob.link), fileId);
        QCOMPARE(fetched.status, 200);
        QVERIFY(fetched.body == bytes);
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
