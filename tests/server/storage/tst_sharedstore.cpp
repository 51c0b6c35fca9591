// parleyd on a PostgreSQL that others use too (registered only in the postgres fixture). Two nodes on one
// database: Alice on one node and Carol on the other send to Bob at the same moment, both storage threads
// writing to his inbox at once: his inbox sequences are gap-free and unique and hold every message once, and
// each conversation's sequences are 1, 2, 3, ... — whichever node he asks. And a PostgreSQL server that
// restarts under a running parleyd: the next message goes through.

#include "protocol/protobufbytes.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QProcess>
#include <QSet>
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
        const QStringList arguments{u"--database"_s, database, u"--send-rate"_s, u"0"_s, u"--code-address-per-hour"_s,
                                    u"0"_s};
        ParleydProcess nodeA(arguments);
        ParleydProcess nodeB(arguments);
        QVERIFY(nodeA.start());
        QVERIFY(nodeB.start());
        RawUser alice = rawUser(nodeA, nextPhone());
        RawUser carol = rawUser(nodeB, nextPhone());
        RawUser bob = rawUser(nodeB, nextPhone());
        QVERIFY(alice.link && carol.link && bob.link);

        // Everything sent before any acknowledgement is awaited: the two nodes commit side by side.
        for (int i = 0; i < kEach; ++i) {
            alice.link->sendFrame(Frame{Signal::Publish, SubSignal::MS, quint16(1000 + i),
                                        toBytes(textTo(bob.id(), "from A", testUuid(i)))});
            carol.link->sendFrame(Frame{Signal::Publish, SubSignal::MS, quint16(1000 + i),
                                        toBytes(textTo(bob.id(), "from B", testUuid(i)))});
        }
        for (RawClient *sender : {alice.link.get(), carol.link.get()}) {
            QList<quint64> conversationSeqs;
            for (int i = 0; i < kEach; ++i) {
                const std::optional<Frame> ack = sender->waitFor(Signal::PubAck);
                QVERIFY(ack);
                const std::optional<v1::Result> result = fromBytes<v1::Result>(ack->payload);
                QVERIFY(result);
                QCOMPARE(result->code(), v1::ERR_NONE);
                conversationSeqs.append(result->sent().conversation_seq());
            }
            std::sort(conversationSeqs.begin(), conversationSeqs.end());
            for (int i = 0; i < kEach; ++i)
                QCOMPARE(conversationSeqs[i], quint64(i + 1));
        }

        for (ParleydProcess *node : {&nodeA, &nodeB}) {
            std::unique_ptr<RawClient> link = connectRaw(*node, bob.login);
            QVERIFY(link);
            QList<quint64> seqs;
            QSet<QString> messages;
            quint64 after = 0;
            for (bool more = true; more;) {
                v1::PullRequest pull;
                pull.set_after_seq(after);
                pull.set_limit(100);
                const v1::Result page = social::call(*link, SubSignal::MP, pull);
                QCOMPARE(page.code(), v1::ERR_NONE);
                for (const v1::InboxItem &item : page.pulled().items()) {
                    seqs.append(item.seq());
                    after = item.seq();
                    if (item.has_message())
                        messages.insert(QString::fromStdString(item.message().from()) + u'/' +
                                        QString::number(item.message().message_uid()));
                }
                more = page.pulled().has_more();
            }
            QCOMPARE(messages.size(), 2 * kEach); // every message once
            QVERIFY(!seqs.isEmpty());
            for (qsizetype i = 1; i < seqs.size(); ++i)
                QCOMPARE(seqs[i], seqs[i - 1] + 1); // no gap, none twice
        }
        alice.link.reset();
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
        QCOMPARE(script(u"stop"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestSharedStore)
#include "tst_sharedstore.moc"
