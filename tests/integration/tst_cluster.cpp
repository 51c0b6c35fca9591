// Three parleyd nodes on one PostgreSQL database and one Redis (registered only with the postgres and redis
// fixtures), real clients spread across them. What one node commits reaches devices on the others as a push,
// not when they happen to pull: friend requests and their answers, one-to-one and group messages, receipts,
// read state between two devices of one user on two nodes, a recall, a revoked device. With Redis down a
// device still learns of its messages within ClusterBus::kOutOfTouchHintMs (the node tells its devices to
// pull), and across a Redis restart under sustained sending nothing is lost, nothing shown twice. Devices that
// know all three nodes move to another when theirs is killed, five times over, and end with every message once,
// in order.

#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testphones.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;
// A push crosses nodes at once; this is far more than it takes, and far less than anything but a push
// would (clients pull only on connect, on a gap, or when their node says so).
constexpr int kPushMs = 2000;
constexpr int kOutOfTouchHintMs = 5000; // ClusterBus::kOutOfTouchHintMs
constexpr int kRestartMessages = 60;
constexpr int kMovingPeople = 6;
constexpr int kKills = 5;
constexpr int kPerRound = 20;

ConversationKey with(const ChatWorld::Person &p)
{
    return ConversationKey::withUser(p.userId);
}

QString redisUrl()
{
    QFile f(qEnvironmentVariable("PARLEY_TEST_REDIS_URL_FILE"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

bool redis(const QString &action)
{
    return QProcess::execute(u"sh"_s, {QStringLiteral(PARLEY_THROWAWAY_REDIS), action,
                                       qEnvironmentVariable("PARLEY_TEST_REDIS_URL_FILE")}) == 0;
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

    ParleydProcess &node(int i) { return *m_nodes.at(i); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString database = ParleydProcess::createPostgresDatabase();
        QVERIFY(!database.isEmpty());
        const QString redisAt = redisUrl();
        QVERIFY2(!redisAt.isEmpty(), "the redis fixture's URL (PARLEY_TEST_REDIS_URL_FILE)");
        const QStringList arguments{u"--database"_s,    database, u"--redis"_s, redisAt, u"--code-address-per-hour"_s,
                                    u"0"_s,             u"--code-phone-interval"_s,      u"0"_s,
                                    u"--send-rate"_s,   u"0"_s};
        // One certificate for all nodes, as a deployment has (the first node makes it): a device pinned to it
        // trusts every node it may move to.
        for (int i = 0; i < 3; ++i) {
            const QString tls = i == 0 ? QString() : m_nodes.first()->dataDir() + u"/tls/"_s;
            m_nodes.append(std::make_shared<ParleydProcess>(
                i == 0 ? arguments
                       : arguments + QStringList{u"--cert"_s, tls + u"cert.pem"_s, u"--key"_s, tls + u"key.pem"_s}));
            QVERIFY(m_nodes.last()->start());
        }
        QCOMPARE(node(1).fingerprint(), node(0).fingerprint());
    }

    // Devices know every node, their own first. Senders on two nodes write without pause while one node after
    // another is killed (five times); its devices move to the others and back. Every acknowledged message
    // ends on every device of its conversation once, in the server's order.
    void aKilledNodesDevicesMoveOn()
    {
        ChatWorld world(node(0), node(0).tlsPort(), ChatWorld::quickTimings());
        const auto nodesFrom = [this](int first) {
            return QList<ParleydProcess *>{&node(first), &node((first + 1) % 3), &node((first + 2) % 3)};
        };
        QList<ChatWorld::Person *> people;
        for (int i = 0; i < kMovingPeople; ++i)
            people.append(&world.add(nextPhone(), ChatWorld::Keychain::Available, nodesFrom(i % 3)));
        QVERIFY(world.logInAll());

        int sent = 0;
        const auto sendSome = [&](int count) {
            for (int i = 0; i < count; ++i, ++sent)
                world.send(*people[sent % kMovingPeople], *people[(sent + 1 + sent / kMovingPeople) % kMovingPeople],
                           u"moving %1"_s.arg(sent));
        };
        for (int kill = 0; kill < kKills; ++kill) {
            ParleydProcess &victim = node(kill % 3);
            sendSome(kPerRound);
            victim.kill();
            sendSome(kPerRound); // while its devices move
            QTRY_VERIFY_WITH_TIMEOUT(std::all_of(people.cbegin(), people.cend(),
                                                 [](const ChatWorld::Person *p) {
                                                     return p->client->connectionState() == ConnectionState::Online;
                                                 }),
                                     kWaitMs);
            QVERIFY(victim.restart());
        }
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        const ChatWorld::Figures figures = world.figures();
        QCOMPARE(figures.acknowledgedButLost, 0);
        QCOMPARE(figures.writtenButLost, 0);
        QCOMPARE(figures.duplicatesShown, 0);
        QCOMPARE(figures.duplicatesStored, 0);
        QCOMPARE(figures.conversationsOutOfOrder, 0);
        QCOMPARE(figures.messagesOnServer, sent);
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
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
