// The client process killed (SIGKILL) while it sends and while it syncs, then started again: its cache
// passes SQLite's integrity check, every message it had written is delivered exactly once, and the sync
// completes with every message once and in order.

#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testclientprocess.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 60000;
constexpr int kMessagesToSync = 1500;

struct Login {
    QString userId;
    QString token;
};

int countAtLeast(const QStringList &words, int n)
{
    return words.value(1).toInt() >= n;
}

} // namespace

class TestClientCrash : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;

    QStringList baseArguments(const QTemporaryDir &dir) const
    {
        return {u"--port"_s, QString::number(m_server->tlsPort()), u"--pin"_s, m_server->fingerprint(), u"--data-dir"_s,
                dir.path()};
    }

    Login logInProcess(const QTemporaryDir &dir, const QString &phone)
    {
        TestClientProcess client(baseArguments(dir) + QStringList{u"--login"_s, phone, u"--exit-after-login"_s});
        if (client.waitFor(u"code-requested"_s).isEmpty())
            return {};
        client.write(m_server->waitForCode(phone));
        const QStringList loggedIn = client.waitFor(u"logged-in"_s);
        return Login{loggedIn.value(1), loggedIn.value(2)};
    }

    // Opens a client's cache file (while no process uses it) and checks it.
    static QString integrityOf(const QString &path, int *rows, const QString &countSql)
    {
        const QString name = u"crash-check-"_s + path;
        QString result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            if (!db.open())
                return u"cannot open"_s;
            QSqlQuery q(db);
            if (q.exec(u"PRAGMA integrity_check"_s) && q.next())
                result = q.value(0).toString();
            if (q.exec(countSql) && q.next())
                *rows = q.value(0).toInt();
        }
        QSqlDatabase::removeDatabase(name);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(
            QStringList{u"--code-address-per-hour"_s, u"0"_s, u"--send-rate"_s, u"0"_s});
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void killedWhileSending()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ConnectionTimings{});
        ChatWorld::Person &bob = world.add(u"+8613300000001"_s);
        QVERIFY(world.logIn(bob));
        QTemporaryDir aliceDir;
        const Login alice = logInProcess(aliceDir, u"+8613300000002"_s);
        QVERIFY(!alice.token.isEmpty());
        const QStringList resume{u"--user"_s, alice.userId, u"--token"_s, alice.token, u"--peer"_s, bob.userId};

        int stored = 0;
        {
            TestClientProcess sender(baseArguments(aliceDir) + resume + QStringList{u"--send"_s, u"400"_s});
            QVERIFY(!sender.waitFor(u"stored"_s, [](const QStringList &w) { return countAtLeast(w, 120); }).isEmpty());
            sender.kill(); // mid-stream: some sent, some only in the outbox
        }
        const QString cache = aliceDir.filePath(u"accounts/%1/cache.sqlite"_s.arg(alice.userId));
        QCOMPARE(integrityOf(cache, &stored, u"SELECT COUNT(*) FROM messages WHERE outgoing = 1"_s), u"ok"_s);
        QVERIFY(stored >= 120);

        {
            TestClientProcess again(baseArguments(aliceDir) + resume + QStringList{u"--exit-when-idle"_s});
            const QStringList idle = again.waitFor(u"idle"_s);
            QCOMPARE(idle.value(1).toInt(), stored);
            QVERIFY(again.exitedCleanly());
        }
        // Bob has each of them once, in the order of the server; the server has each once.
        const auto server = world.serverHistoryOf(bob.userId);
        QCOMPARE(server.value(alice.userId).size(), stored);
        QVERIFY(QTest::qWaitFor(
            [&] { return world.cachedHistory(bob, ConversationKey::withUser(alice.userId)).size() == stored; },
            kWaitMs));
        const ChatWorld::Figures f = world.figures();
        QCOMPARE(f.duplicatesShown, 0);
        QCOMPARE(f.duplicatesStored, 0);
        QCOMPARE(f.conversationsOutOfOrder, 0);
        int aliceRows = 0;
        QCOMPARE(
            integrityOf(cache, &aliceRows, u"SELECT COUNT(DISTINCT server_uid) FROM messages WHERE outgoing = 1"_s),
            u"ok"_s);
        QCOMPARE(aliceRows, stored); // every one acknowledged, none twice
    }

    void killedWhileSyncing()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ConnectionTimings{});
        ChatWorld::Person &alice = world.add(u"+8613300000003"_s);
        QVERIFY(world.logIn(alice));
        QTemporaryDir carolDir;
        const Login carol = logInProcess(carolDir, u"+8613300000004"_s);
        QVERIFY(!carol.token.isEmpty());
        ChatWorld::Person carolStub; // only for addressing
        carolStub.userId = carol.userId;
        for (int i = 0; i < kMessagesToSync; ++i)
            world.send(alice, carolStub, u"while carol was away %1"_s.arg(i));
        QVERIFY(QTest::qWaitFor(
            [&] { return world.serverHistoryOf(carol.userId).value(alice.userId).size() == kMessagesToSync; },
            kWaitMs));

        const QStringList resume{u"--user"_s, carol.userId, u"--token"_s, carol.token, u"--peer"_s, alice.userId};
        {
            TestClientProcess syncing(baseArguments(carolDir) + resume);
            QVERIFY(!syncing.waitFor(u"added"_s, [](const QStringList &w) { return countAtLeast(w, 300); }).isEmpty());
            syncing.kill(); // mid-sync
        }
        int partial = 0;
        const QString cache = carolDir.filePath(u"accounts/%1/cache.sqlite"_s.arg(carol.userId));
        QCOMPARE(integrityOf(cache, &partial, u"SELECT COUNT(*) FROM messages"_s), u"ok"_s);
        qInfo("killed after storing %d of %d messages", partial, kMessagesToSync);
        QVERIFY(partial >= 300);

        {
            TestClientProcess again(baseArguments(carolDir) + resume + QStringList{u"--exit-when-idle"_s});
            QCOMPARE(again.waitFor(u"idle"_s).value(1).toInt(), kMessagesToSync);
            QVERIFY(again.exitedCleanly());
        }
        int distinct = 0, contiguous = 0;
        QCOMPARE(integrityOf(cache, &distinct, u"SELECT COUNT(DISTINCT server_uid) FROM messages"_s), u"ok"_s);
        QCOMPARE(distinct, kMessagesToSync);
        integrityOf(cache, &contiguous, u"SELECT MAX(conversation_seq) - MIN(conversation_seq) + 1 FROM messages"_s);
        QCOMPARE(contiguous, kMessagesToSync);
    }
};

QTEST_GUILESS_MAIN(TestClientCrash)
#include "tst_clientcrash.moc"
