// parleyd on a PostgreSQL that others use too (registered only in the postgres fixture). Two nodes on one
// database: Alice from a device on each node and Carol send to Bob at the same moment, both nodes'
// transactions open at once (held behind a lock of the test's until both wait): his inbox sequences are
// gap-free and unique and hold every message once, and each conversation's sequences are 1, 2, 3, ...,
// whichever node gave them and whichever node he asks. Two nodes whose people write to each other, every
// conversation written from both ends at once: no batch deadlocks with the other node's (each takes its
// conversations' and its inboxes' locks in one order); an inbox is written while its person's row is held,
// a profile is written under its person's lock, a message is changed under its own lock (reaction, edit,
// recall) and a group under its group's (every change, and its messages); a file is made of stored content
// under the content's lock, which removing unused content takes. A CONNECT the store is slow to answer
// keeps its handshake slot past the lease. And a PostgreSQL server that restarts under a running parleyd: the
// next message goes through.

#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "server/messaging/conversationlock.h"
#include "server/storage/lockkey.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"
#include "tests/support/testpostgres.h"

#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSqlQuery>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestSharedStore : public QObject {
    Q_OBJECT

    static constexpr int kEach = 150; // messages from each sender, all in flight at once

    static QStringList nodeArguments(const QString &database)
    {
        return {u"--database"_s,
                database,
                u"--send-rate"_s,
                u"0"_s,
                u"--code-address-per-hour"_s,
                u"0"_s,
                u"--code-phone-interval"_s,
                u"0"_s};
    }

    struct Inbox {
        QList<quint64> seqs;
        QStringList messageUids;
    };
    // Everything in the user's inbox, pulled page by page.
    static Inbox pullAll(RawClient &link)
    {
        Inbox inbox;
        quint64 after = 0;
        for (int pages = 0; pages < 100; ++pages) {
            v1::PullRequest pull;
            pull.set_after_seq(after);
            pull.set_limit(100);
            const v1::Result page = social::call(link, SubSignal::MP, pull);
            if (page.code() != v1::ERR_NONE) {
                qWarning("a pull was refused: %s", page.message().c_str());
                break;
            }
            for (const v1::InboxItem &item : page.pulled().items()) {
                inbox.seqs.append(item.seq());
                after = item.seq();
                if (item.has_message())
                    inbox.messageUids.append(QString::number(item.message().message_uid()));
            }
            if (!page.pulled().has_more())
                break;
        }
        return inbox;
    }

    static bool gapFree(const QList<quint64> &seqs)
    {
        for (qsizetype i = 1; i < seqs.size(); ++i) {
            if (seqs[i] != seqs[i - 1] + 1)
                return false;
        }
        return true;
    }

    // Takes the lock of the user's inbox counter (held until the holder's transaction ends).
    static QString holdInbox(const QString &uid)
    {
        return u"INSERT INTO inbox_heads (user_id, seq) SELECT id, 0 FROM users WHERE uid = '%1' "
               "ON CONFLICT (user_id) DO UPDATE SET seq = inbox_heads.seq"_s.arg(uid);
    }

    // Waits until `holder` sees at least `count` lock requests waiting in its database (other tests may share
    // the server).
    static bool waitForWaiters(QSqlDatabase holder, int count)
    {
        QSqlQuery waiting(holder);
        return QTest::qWaitFor(
            [&] {
                return waiting.exec(u"SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                                    "WHERE NOT l.granted AND a.datname = current_database()"_s) &&
                       waiting.next() && waiting.value(0).toInt() >= count;
            },
            RawClient::kWaitMs);
    }

    // One node and one connection of the test's to its database, for the tests of declared locks.
    QString m_lockDatabase;
    std::unique_ptr<ParleydProcess> m_lockNode;
    QSqlDatabase m_holder;

    // Sends `payload` while the test holds the lock `key` (LockKey) in a transaction of m_holder: the request
    // waits for it (its batch takes the lock before it runs), and succeeds once the test lets it go.
    void answeredAfterTheLock(RawClient &link, SubSignal subSignal, const google::protobuf::MessageLite &payload,
                              qint64 key)
    {
        QVERIFY(m_holder.transaction());
        QSqlQuery hold(m_holder);
        const bool locked = hold.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(key));
        const std::optional<quint16> id = locked ? std::optional(link.publish(subSignal, payload)) : std::nullopt;
        const bool waited = locked && waitForWaiters(m_holder, 1);
        QVERIFY(m_holder.commit()); // also when it did not wait, so that the answer below comes
        QVERIFY(id);
        const std::optional<v1::Result> answer = link.answer(*id);
        QVERIFY2(waited, qPrintable(u"sub-signal %1 waits for its lock"_s.arg(int(subSignal))));
        QVERIFY(answer);
        QCOMPARE(answer->code(), v1::ERR_NONE);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_lockDatabase = TestPostgres::createDatabase();
        QVERIFY(!m_lockDatabase.isEmpty());
        m_lockNode = std::make_unique<ParleydProcess>(nodeArguments(m_lockDatabase));
        QVERIFY(m_lockNode->start());
        m_holder = TestPostgres::connect(u"lock holder"_s, m_lockDatabase);
        QVERIFY(m_holder.isOpen());
    }

    void cleanupTestCase()
    {
        m_holder = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"lock holder"_s);
        QCOMPARE(m_lockNode->stop(), 0);
    }

    void twoNodesWriteToOneInboxAtOnce()
    {
        const QString database = TestPostgres::createDatabase();
        QVERIFY(!database.isEmpty());
        ParleydProcess nodeA(nodeArguments(database)), nodeB(nodeArguments(database));
        QVERIFY(nodeA.start() && nodeB.start());
        // Alice writes to Bob from a device on each node (one conversation written by two nodes); Carol from B.
        const QString alicePhone = nextPhone();
        RawUser alice = rawUser(nodeA, alicePhone);
        RawUser bob = rawUser(nodeB, nextPhone());
        RawUser carol = rawUser(nodeB, nextPhone());
        QVERIFY(alice.link && carol.link && bob.link);
        std::unique_ptr<RawClient> aliceOnB = connectRaw(nodeB, logInRaw(nodeB, alicePhone, u"laptop"_s));
        QVERIFY(aliceOnB);

        // Bob's row is held by the test while everything is sent, until both nodes wait on a lock: their
        // transactions are then open at the same time, and go on together when it is let go.
        QSqlDatabase holder = TestPostgres::connect(u"holder"_s, database);
        QVERIFY(holder.isOpen() && holder.transaction());
        QSqlQuery hold(holder);
        QVERIFY(hold.exec(holdInbox(bob.id())));
        const QList<RawClient *> senders{alice.link.get(), aliceOnB.get(), carol.link.get()};
        for (int i = 0; i < kEach; ++i) {
            for (int s = 0; s < senders.size(); ++s)
                senders[s]->sendFrame(Frame{Signal::Publish, SubSignal::MS, quint16(1000 + i),
                                            toBytes(textTo(bob.id(), "hello", testUuid(s * kEach + i)))});
        }
        QVERIFY2(waitForWaiters(holder, 2), "both nodes wait on a lock");
        QVERIFY(holder.commit());

        QList<quint64> aliceSeqs, carolSeqs;
        for (int s = 0; s < senders.size(); ++s) {
            for (int i = 0; i < kEach; ++i) {
                const std::optional<Frame> ack = senders[s]->waitFor(Signal::PubAck);
                QVERIFY(ack);
                const std::optional<v1::Result> result = fromBytes<v1::Result>(ack->payload);
                QVERIFY(result);
                QCOMPARE(result->code(), v1::ERR_NONE);
                (s < 2 ? aliceSeqs : carolSeqs).append(result->sent().conversation_seq());
            }
        }
        std::sort(aliceSeqs.begin(), aliceSeqs.end());
        std::sort(carolSeqs.begin(), carolSeqs.end());
        for (qsizetype i = 0; i < aliceSeqs.size(); ++i)
            QCOMPARE(aliceSeqs[i], quint64(i + 1)); // 1 .. 2 x kEach, whichever node gave it
        for (qsizetype i = 0; i < carolSeqs.size(); ++i)
            QCOMPARE(carolSeqs[i], quint64(i + 1));

        for (ParleydProcess *node : {&nodeA, &nodeB}) {
            std::unique_ptr<RawClient> link = connectRaw(*node, bob.login);
            QVERIFY(link);
            const Inbox inbox = pullAll(*link);
            QCOMPARE(inbox.messageUids.size(), 3 * kEach); // every message,
            QCOMPARE(QSet<QString>(inbox.messageUids.begin(), inbox.messageUids.end()).size(), 3 * kEach); // once
            QVERIFY(gapFree(inbox.seqs)); // no gap, none twice
        }
        holder = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"holder"_s);
        alice.link.reset();
        aliceOnB.reset();
        carol.link.reset();
        bob.link.reset();
        QCOMPARE(nodeA.stop(), 0);
        QCOMPARE(nodeB.stop(), 0);
    }

    void nodesWritingToEachOtherDoNotDeadlock()
    {
        // Four people on each node write to each of the four on the other, all at once: every conversation and
        // every inbox is written by both nodes' batches, which are held open together behind a row of the test's.
        const QString database = TestPostgres::createDatabase();
        QVERIFY(!database.isEmpty());
        ParleydProcess nodeA(nodeArguments(database)), nodeB(nodeArguments(database));
        QVERIFY(nodeA.start() && nodeB.start());
        constexpr int kPeople = 4;  // on each node
        constexpr int kToEach = 12; // messages from each person to each on the other node
        std::vector<RawUser> onA, onB;
        for (int i = 0; i < kPeople; ++i) {
            onA.push_back(rawUser(nodeA, nextPhone()));
            onB.push_back(rawUser(nodeB, nextPhone()));
            QVERIFY(onA.back().link && onB.back().link);
        }
        QSqlDatabase holder = TestPostgres::connect(u"holder"_s, database);
        QVERIFY(holder.isOpen() && holder.transaction());
        QSqlQuery hold(holder);
        QVERIFY(hold.exec(holdInbox(onA.back().id())));
        int uuid = 0;
        for (int n = 0; n < kToEach; ++n) {
            for (int i = 0; i < kPeople; ++i) {
                for (int j = 0; j < kPeople; ++j) {
                    onA[i].link->sendFrame(Frame{Signal::Publish, SubSignal::MS, quint16(++uuid),
                                                 toBytes(textTo(onB[j].id(), "a to b", testUuid(uuid)))});
                    onB[j].link->sendFrame(Frame{Signal::Publish, SubSignal::MS, quint16(++uuid),
                                                 toBytes(textTo(onA[i].id(), "b to a", testUuid(uuid)))});
                }
            }
        }
        QVERIFY2(waitForWaiters(holder, 2), "both nodes wait on a lock");
        QVERIFY(holder.commit());
        for (std::vector<RawUser> *side : {&onA, &onB}) {
            for (RawUser &user : *side) {
                for (int n = 0; n < kPeople * kToEach; ++n) {
                    const std::optional<Frame> ack = user.link->waitFor(Signal::PubAck);
                    QVERIFY(ack);
                    QCOMPARE(fromBytes<v1::Result>(ack->payload)->code(), v1::ERR_NONE);
                }
            }
        }
        for (std::vector<RawUser> *side : {&onA, &onB}) {
            for (RawUser &user : *side) {
                const Inbox inbox = pullAll(*user.link);
                QCOMPARE(inbox.messageUids.size(), 2 * kPeople * kToEach); // what they sent and what they got
                QVERIFY(gapFree(inbox.seqs));
            }
        }

        for (std::vector<RawUser> *side : {&onA, &onB}) {
            for (RawUser &user : *side)
                user.link.reset();
        }
        QCOMPARE(nodeA.stop(), 0);
        QCOMPARE(nodeB.stop(), 0);
        // A backend counts its deadlocks in the database's statistics by the time it has gone.
        QSqlQuery stats(holder);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return stats.exec(u"SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND pid <> pg_backend_pid()"_s) &&
                       stats.next() && stats.value(0).toInt() == 0;
            },
            RawClient::kWaitMs));
        QVERIFY(stats.exec(u"SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"_s));
        QVERIFY(stats.next());
        QCOMPARE(stats.value(0).toLongLong(), 0);
        stats = QSqlQuery();
        hold = QSqlQuery();
        holder = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"holder"_s);
    }

    void anInboxIsWrittenWhileItsPersonsRowIsHeld()
    {
        // A row of users is written during another batch (a profile, a last seen time) and held until that batch
        // commits; a message to its person goes into the inbox meanwhile: the counter is not in that row.
        RawUser alice = rawUser(*m_lockNode, nextPhone());
        RawUser bob = rawUser(*m_lockNode, nextPhone());
        QVERIFY(alice.link && bob.link);
        pullAll(*alice.link); // behind what their connects queued
        pullAll(*bob.link);
        QVERIFY(m_holder.transaction());
        const auto release = qScopeGuard([this] { m_holder.rollback(); }); // it wrote nothing
        QSqlQuery hold(m_holder);
        QVERIFY(hold.exec(u"UPDATE users SET last_seen_at = last_seen_at WHERE uid IN ('%1', '%2')"_s.arg(
            alice.id(), bob.id())));
        const v1::Result sent = social::call(*alice.link, SubSignal::MS, textTo(bob.id(), "past the row", testUuid(1)));
        QCOMPARE(sent.code(), v1::ERR_NONE);
        QVERIFY(bob.link->waitForItem(
            [](const v1::InboxItem &item) { return item.message().content().searchable_content() == "past the row"; }));
    }

    void aProfileIsWrittenUnderItsPersonsLock()
    {
        // Every writer of a users row takes its person's lock before its batch runs, so that two nodes writing
        // the same rows take them in one order: a profile change waits while the test holds that lock.
        RawUser alice = rawUser(*m_lockNode, nextPhone());
        QVERIFY(alice.link);
        QSqlQuery read(m_holder);
        // Her connect's last seen time (which takes the same lock) is written before the test takes it.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return read.exec(u"SELECT last_seen_at FROM users WHERE uid = '%1'"_s.arg(alice.id())) && read.next() &&
                       read.value(0).toLongLong() > 0;
            },
            RawClient::kWaitMs));
        QVERIFY(read.exec(u"SELECT id FROM users WHERE uid = '%1'"_s.arg(alice.id())) && read.next());
        const qint64 key = server::LockKey::ofUser(read.value(0).toLongLong());
        read.finish();
        v1::ModifyMyInfoRequest modify;
        modify.set_nickname("Alice A.");
        answeredAfterTheLock(*alice.link, SubSignal::MMI, modify, key);
    }

    void aMessageIsChangedUnderItsLock()
    {
        // A reaction, an edit and a recall read the message and rewrite it; on two nodes at once, without its lock
        // (LockKey::ofMessage), the later writer would drop what the earlier one wrote.
        RawUser alice = rawUser(*m_lockNode, nextPhone());
        RawUser bob = rawUser(*m_lockNode, nextPhone());
        QVERIFY(alice.link && bob.link);
        const v1::Result sent = social::call(*alice.link, SubSignal::MS, textTo(bob.id(), "to change", testUuid(1)));
        QCOMPARE(sent.code(), v1::ERR_NONE);
        const qint64 uid = sent.sent().message_uid();
        const qint64 key = server::LockKey::ofMessage(uid);
        v1::ReactRequest react;
        react.set_message_uid(uid);
        react.set_emoji(std::string(limits::kReactionEmoji.front()));
        answeredAfterTheLock(*bob.link, SubSignal::MRE, react, key);
        QVERIFY(!QTest::currentTestFailed());
        v1::EditRequest edit;
        edit.set_message_uid(uid);
        edit.set_text("changed");
        answeredAfterTheLock(*alice.link, SubSignal::ME, edit, key);
        QVERIFY(!QTest::currentTestFailed());
        v1::RecallRequest recall;
        recall.set_message_uid(uid);
        answeredAfterTheLock(*alice.link, SubSignal::MR, recall, key);
        QVERIFY(!QTest::currentTestFailed());
    }

    void aGroupIsChangedUnderItsLock()
    {
        // Every change of a group reads its members and rules and writes them and a notice; it takes the lock its
        // messages take (ConversationLock::ofGroup), so that two nodes' changes and messages run in turn.
        RawUser alice = rawUser(*m_lockNode, nextPhone());
        RawUser bob = rawUser(*m_lockNode, nextPhone());
        RawUser carol = rawUser(*m_lockNode, nextPhone());
        RawUser erin = rawUser(*m_lockNode, nextPhone());
        QVERIFY(alice.link && bob.link && carol.link && erin.link);
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QVERIFY(social::befriend(*alice.link, *carol.link, carol.id()));
        QVERIFY(social::befriend(*bob.link, *erin.link, erin.id())); // no admin of the group knows her
        const v1::Result created = social::createGroup(*alice.link, u"club"_s, {bob.id(), carol.id()});
        QCOMPARE(created.code(), v1::ERR_NONE);
        const QString gid = QString::fromStdString(created.group().group_id());
        const qint64 key = server::ConversationLock::ofGroup(gid);
        const auto ref = [&gid]<typename Request>(Request request) {
            request.set_group_id(gid.toStdString());
            return request;
        };
        const v1::Message message = social::text(v1::CONVERSATION_GROUP, gid, "hello", 1);
        v1::ModifyGroupInfoRequest modify = ref(v1::ModifyGroupInfoRequest());
        modify.set_name("book club");
        modify.set_join_approval(true);
        v1::MuteMemberRequest mute = ref(v1::MuteMemberRequest());
        mute.set_user_id(carol.id().toStdString());
        mute.set_duration_s(60);
        v1::GroupMembersRequest carolOnly = ref(v1::GroupMembersRequest());
        carolOnly.add_user_ids(carol.id().toStdString());
        v1::GroupMembersRequest erinOnly = ref(v1::GroupMembersRequest());
        erinOnly.add_user_ids(erin.id().toStdString());
        v1::JoinDecision approve = ref(v1::JoinDecision());
        approve.set_user_id(erin.id().toStdString());
        approve.set_approve(true);
        v1::SetMemberRoleRequest promote = ref(v1::SetMemberRoleRequest());
        promote.set_user_id(bob.id().toStdString());
        promote.set_role(v1::ROLE_ADMIN);
        const v1::GroupRef group = ref(v1::GroupRef());
        RawClient *owner = alice.link.get();
        const std::vector<std::tuple<RawClient *, SubSignal, const google::protobuf::MessageLite *>> changes{
            {owner, SubSignal::MS, &message},
            {owner, SubSignal::GMI, &modify},
            {owner, SubSignal::GMM, &mute},
            {owner, SubSignal::GKM, &carolOnly},
            {owner, SubSignal::GAM, &carolOnly},
            {bob.link.get(), SubSignal::GAM, &erinOnly}, // she asks to join (approval is on)
            {owner, SubSignal::GJH, &approve},
            {owner, SubSignal::GMR, &promote},
            {bob.link.get(), SubSignal::GQ, &group},
            {owner, SubSignal::GDS, &group},
        };
        for (const auto &[link, subSignal, payload] : changes) {
            answeredAfterTheLock(*link, subSignal, *payload, key);
            QVERIFY(!QTest::currentTestFailed());
        }
        QCOMPARE(social::groupRef(*alice.link, SubSignal::GPGI, gid).code(), v1::ERR_GROUP_DISMISSED);
    }

    void aFileOfStoredContentIsMadeUnderItsLock()
    {
        // A node removes an unused blob under its content's lock (LockKey::ofContent), and making a new file of
        // stored content takes that lock too, so that no node removes a blob a file was just made of: a proof of
        // owning the bytes (instant send) waits while the test holds it.
        RawUser alice = rawUser(*m_lockNode, nextPhone());
        RawUser bob = rawUser(*m_lockNode, nextPhone());
        QVERIFY(alice.link && bob.link);
        const QByteArray bytes = files::randomBytes(100 * 1024, 7);
        const qint64 key = server::LockKey::ofContent(files::sha256(bytes));

        // An upload's last step stores its bytes as the content's blob and makes the file.
        HttpsPeer peer(m_lockNode->fingerprint(), m_lockNode->filesPort());
        const QString grant = files::uploadGrant(*alice.link, bytes);
        const QString upload = peer.create(grant, bytes);
        QVERIFY(!upload.isEmpty());
        QVERIFY(m_holder.transaction());
        QSqlQuery hold(m_holder);
        QVERIFY(hold.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(key)));
        const std::unique_ptr<QSslSocket> patch = peer.startPatch(grant, upload, 0, quint64(bytes.size()), bytes);
        QVERIFY(patch);
        const bool waited = waitForWaiters(m_holder, 1);
        QVERIFY(m_holder.commit());
        QVERIFY2(waited, "the upload's last step waits for its content's lock");
        QCOMPARE(HttpsPeer::readStatus(*patch), 204);

        // Bob proves he has the same bytes: a file of the stored content is made for him.
        const v1::Result asked = files::uploadToken(*bob.link, bytes);
        QVERIFY(asked.upload_token().has_challenge());
        const v1::PossessionChallenge &challenge = asked.upload_token().challenge();
        const v1::UploadTokenRequest proof = files::uploadTokenRequest(bytes, QString::fromStdString(challenge.token()),
                                                                       files::proofFor(challenge, bytes));
        answeredAfterTheLock(*bob.link, SubSignal::GQNUT, proof, key);
        QVERIFY(!QTest::currentTestFailed());
    }

    void aConnectKeepsItsHandshakeSlotUntilAnswered()
    {
        // One handshake at a time, and a slot lapses after kLeaseMs unless its link sent a CONNECT: a CONNECT the
        // store is slow to answer (the test holds the session row it writes) keeps the slot, and the next link is
        // let in only once that CONNECT is answered.
        constexpr int kLeaseMs = 300;
        constexpr int kHeldMs = 4 * kLeaseMs; // three lapsed leases, had the slot been leased only
        const QString database = TestPostgres::createDatabase();
        QVERIFY(!database.isEmpty());
        ParleydProcess node(nodeArguments(database) + QStringList{u"--max-handshakes"_s, u"1"_s,
                                                                  u"--handshake-lease-ms"_s,
                                                                  QString::number(kLeaseMs)});
        QVERIFY(node.start());
        const TestLogin alice = logInRaw(node, nextPhone(), u"desk"_s);
        QVERIFY(!alice.token.isEmpty());
        QSqlDatabase holder = TestPostgres::connect(u"holder"_s, database);
        QVERIFY(holder.isOpen());
        const auto cleanup = qScopeGuard([&holder] {
            holder = QSqlDatabase();
            QSqlDatabase::removeDatabase(u"holder"_s);
        });
        QVERIFY(holder.transaction());
        QSqlQuery hold(holder);
        QVERIFY(hold.exec(u"SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.uid = '%1' "
                          "FOR UPDATE OF s"_s.arg(alice.userId)));
        RawClient first(node.fingerprint());
        QVERIFY(first.connectTo(node.tlsPort()));
        v1::ConnectRequest request;
        request.set_user_id(alice.userId.toStdString());
        request.set_token(alice.token.toStdString());
        request.set_device_id(alice.deviceId.toStdString());
        first.sendFrame(Frame{Signal::Connect, SubSignal::None, 1, toBytes(request)});
        const bool waited = waitForWaiters(holder, 1);
        bool secondIn = false;
        QSslSocket second;
        second.setPeerVerifyMode(QSslSocket::QueryPeer); // a test of admission, not of the certificate
        connect(&second, &QSslSocket::encrypted, this, [&secondIn] { secondIn = true; });
        second.connectToHostEncrypted(u"127.0.0.1"_s, node.tlsPort());
        const bool letInEarly = QTest::qWaitFor([&] { return secondIn; }, kHeldMs);
        QVERIFY(holder.commit());
        QVERIFY2(waited, "the CONNECT waits for its session's row");
        QVERIFY2(!letInEarly, "let in while a CONNECT was unanswered");
        const std::optional<Frame> ack = first.waitFor(Signal::ConnectAck);
        QVERIFY(ack);
        QCOMPARE(fromBytes<v1::ConnectAck>(ack->payload)->code(), v1::CONNECTION_ACCEPTED);
        QVERIFY(QTest::qWaitFor([&] { return secondIn; }, RawClient::kWaitMs));
        second.abort();
        QCOMPARE(node.stop(), 0);
    }

    void aRestartedPostgresIsConnectedToAgain()
    {
        // A server of this test's own: restarting the fixture's would cut the other tests' connections.
        QTemporaryDir dir;
        const QString urlFile = dir.filePath(u"pg.url"_s);
        const auto script = [&urlFile](const QString &action) {
            return QProcess::execute(u"sh"_s, {QStringLiteral(PARLEY_THROWAWAY_POSTGRES), action, urlFile});
        };
        QCOMPARE(script(u"start"_s), 0);
        const auto stopServer = qScopeGuard([&script] { script(u"stop"_s); }); // also when a check fails
        QFile file(urlFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString database = TestPostgres::createDatabase(QString::fromUtf8(file.readAll()).trimmed());
        QVERIFY(!database.isEmpty());
        {
            ParleydProcess server({u"--database"_s, database});
            QVERIFY(server.start());
            RawUser alice = rawUser(server, nextPhone());
            RawUser bob = rawUser(server, nextPhone());
            QVERIFY(alice.link && bob.link);
            QCOMPARE(social::call(*alice.link, SubSignal::MS, textTo(bob.id(), "before", testUuid(1))).code(),
                     v1::ERR_NONE);
            QCOMPARE(script(u"restart"_s), 0); // parleyd's connection is gone; it learns so at its next batch
            const v1::Result after = social::call(*alice.link, SubSignal::MS, textTo(bob.id(), "after", testUuid(2)));
            QCOMPARE(after.code(), v1::ERR_NONE);
            QCOMPARE(after.sent().conversation_seq(), quint64(2));
            QVERIFY(bob.link->waitForItem(
                [](const v1::InboxItem &item) { return item.message().content().searchable_content() == "after"; }));
            alice.link.reset();
            bob.link.reset();
            QCOMPARE(server.stop(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestSharedStore)
#include "tst_sharedstore.moc"
