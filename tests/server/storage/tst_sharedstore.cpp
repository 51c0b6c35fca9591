// parleyd on a PostgreSQL that others use too (registered only in the postgres fixture). Two nodes on one
// database: Alice from a device on each node and Carol send to Bob at the same moment, both nodes'
// transactions open at once (held behind a lock of the test's until both wait): his inbox sequences are
// gap-free and unique and hold every message once, and each conversation's sequences are 1, 2, 3, ...,
// whichever node gave them and whichever node he asks. And a PostgreSQL server that restarts under a
// running parleyd: the next message goes through.

#include "protocol/protobufbytes.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestSharedStore : public QObject {
    Q_OBJECT

    static constexpr int kEach = 150; // messages from each sender, all in flight at once

private Q_SLOTS:
    void twoNodesWriteToOneInboxAtOnce()
    {
        const QString database = ParleydProcess::createPostgresDatabase();
        QVERIFY(!database.isEmpty());
        const QStringList arguments{u"--database"_s,
                                    database,
                                    u"--send-rate"_s,
                                    u"0"_s,
                                    u"--code-address-per-hour"_s,
                                    u"0"_s,
                                    u"--code-phone-interval"_s,
                                    u"0"_s};
        ParleydProcess nodeA(arguments);
        ParleydProcess nodeB(arguments);
        QVERIFY(nodeA.start());
        QVERIFY(nodeB.start());
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
        QSqlDatabase holder = ParleydProcess::connectPostgres(u"holder"_s, database);
        QVERIFY(holder.isOpen() && holder.transaction());
        QSqlQuery hold(holder);
        QVERIFY(hold.exec(u"UPDATE users SET inbox_seq = inbox_seq WHERE uid = '%1'"_s.arg(bob.id())));
        const QList<RawClient *> senders{alice.link.get(), aliceOnB.get(), carol.link.get()};
        for (int i = 0; i < kEach; ++i) {
            for (int s = 0; s < senders.size(); ++s)
                senders[s]->sendFrame(Frame{Signal::Publish, SubSignal::MS, quint16(1000 + i),
                                            toBytes(textTo(bob.id(), "hello", testUuid(s * kEach + i)))});
        }
        QSqlQuery waiting(holder);
        QVERIFY2(QTest::qWaitFor(
                     [&waiting] {
                         return waiting.exec(u"SELECT COUNT(*) FROM pg_locks WHERE NOT granted"_s) && waiting.next() &&
                                waiting.value(0).toInt() >= 2;
                     },
                     RawClient::kWaitMs),
                 "both nodes wait on a lock");
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
            QList<quint64> seqs;
            QStringList messages;
            quint64 after = 0;
            for (int pages = 0; pages < 100; ++pages) {
                v1::PullRequest pull;
                pull.set_after_seq(after);
                pull.set_limit(100);
                const v1::Result page = social::call(*link, SubSignal::MP, pull);
                QCOMPARE(page.code(), v1::ERR_NONE);
                for (const v1::InboxItem &item : page.pulled().items()) {
                    seqs.append(item.seq());
                    after = item.seq();
                    if (item.has_message())
                        messages.append(QString::number(item.message().message_uid()));
                }
                if (!page.pulled().has_more())
                    break;
            }
            QCOMPARE(messages.size(), 3 * kEach);                                        // every message,
            QCOMPARE(QSet<QString>(messages.begin(), messages.end()).size(), 3 * kEach); // each once
            for (qsizetype i = 1; i < seqs.size(); ++i)
                QCOMPARE(seqs[i], seqs[i - 1] + 1); // no gap, none twice
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
        const QString database = ParleydProcess::createPostgresDatabase(QString::fromUtf8(file.readAll()).trimmed());
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
