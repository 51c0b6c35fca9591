// parleyd as a whole: its data survives a SIGKILL, and one data directory has one server.

#include "parley.pb.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/stat.h>

using namespace parley;
using namespace Qt::StringLiterals;

class TestServer : public ParleydTestCase {
    Q_OBJECT

private Q_SLOTS:

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
                const auto sent = a.call(SubSignal::MS, textTo(bob.userId, "durable", testUuid(700 + i)));
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

    void underSystemdEachLogLineCarriesItsPriority()
    {
        // systemd names the stream it gave parleyd as stderr in JOURNAL_STREAM; journald then reads "<6>" as the
        // line's priority and adds the time itself.
        QTemporaryDir dir;
        const QString logPath = dir.filePath(u"stderr.log"_s);
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.close();
        struct stat status {};
        QCOMPARE(::stat(QFile::encodeName(logPath).constData(), &status), 0);
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"JOURNAL_STREAM"_s, u"%1:%2"_s.arg(qulonglong(status.st_dev)).arg(qulonglong(status.st_ino)));
        server.setProcessEnvironment(env);
        server.setStandardErrorFile(logPath, QIODevice::Append);
        server.start(QStringLiteral(PARLEYD_PATH),
                     {u"--data-dir"_s, dir.filePath(u"data"_s), u"--tls-port"_s, u"0"_s, u"--ws-port"_s, u"off"_s,
                      u"--files-port"_s, u"off"_s, u"--ops-port"_s, u"off"_s});
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine() || server.state() == QProcess::NotRunning,
                                 ParleydProcess::kStartTimeoutMs);
        QVERIFY(server.readLine().startsWith("parleyd ready"));
        server.terminate();
        QVERIFY(server.waitForFinished(ParleydProcess::kStartTimeoutMs));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = log.readAll().split('\n');
        int serverLines = 0;
        for (const QByteArray &line : lines) {
            if (line.isEmpty())
                continue;
            QVERIFY2(line.startsWith('<') && line.at(2) == '>', line.constData()); // no time: journald adds it
            if (line.startsWith("<6>parleyd.server: "))
                ++serverLines;
        }
        QVERIFY(serverLines >= 2); // "serving with …", "stopping"
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

    void aDataDirectoryOthersCouldReadIsClosedToThem()
    {
        // The store, the blobs and the TLS key: made parleyd's alone before anything is written.
        QTemporaryDir parent;
        const QString dir = QDir(parent.path()).filePath(u"data"_s);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                               QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        ParleydProcess server({u"--data-dir"_s, dir}); // the last --data-dir is the one taken
        QVERIFY(server.start());
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                                          QFile::WriteOther | QFile::ExeOther;
        QCOMPARE(QFileInfo(dir).permissions() & others, QFile::Permissions());
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(u"parleyd.lock"_s))); // it is the one in use
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
