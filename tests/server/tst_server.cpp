// parleyd as a whole: its data survives a SIGKILL, and one data directory has one server.

#include "parley.pb.h"
#include "server/tls/selfsignedcertificate.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <csignal>
#include <sys/stat.h>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

QString fingerprintOf(const QString &certificatePath)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificatePath);
    return certificates.isEmpty()
               ? QString()
               : QString::fromLatin1(certificates.first().digest(QCryptographicHash::Sha256).toHex());
}

// The SHA-256 of the certificate a TLS port presents to a client offering `protocol` (and only `ciphers`, when
// given); empty when the handshake fails.
QString presentedFingerprint(quint16 port, QSsl::SslProtocol protocol = QSsl::SecureProtocols,
                             const QString &ciphers = {})
{
    QSslSocket socket;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setProtocol(protocol);
    if (!ciphers.isEmpty())
        config.setCiphers(ciphers);
    socket.setSslConfiguration(config);
    socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket.waitForEncrypted(RawClient::kWaitMs))
        return {};
    return QString::fromLatin1(socket.peerCertificate().digest(QCryptographicHash::Sha256).toHex());
}

} // namespace

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

    void sighupPresentsANewCertificateToNewLinksAndKeepsOpenOnes()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(u"cert.pem"_s), key = dir.filePath(u"key.pem"_s);
        QVERIFY(server::SelfSignedCertificate::create(cert, key));
        ParleydProcess server({u"--cert"_s, cert, u"--key"_s, key, u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(server.start());
        const QString before = server.fingerprint();
        QCOMPARE(fingerprintOf(cert), before);
        const TestLogin alice = logInRaw(server, nextPhone(), u"a"_s);
        const auto open = connectRaw(server, alice);
        QVERIFY(open);

        // The operator renews the certificate, then tells parleyd.
        const QString newCert = dir.filePath(u"new-cert.pem"_s), newKey = dir.filePath(u"new-key.pem"_s);
        QVERIFY(server::SelfSignedCertificate::create(newCert, newKey));
        QVERIFY(QFile::remove(cert) && QFile::rename(newCert, cert));
        QVERIFY(QFile::remove(key) && QFile::rename(newKey, key));
        const QString after = fingerprintOf(cert);
        QVERIFY(after != before);
        QCOMPARE(::kill(pid_t(server.pid()), SIGHUP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(server.log().contains("reloaded the TLS certificate"), RawClient::kWaitMs);

        // The open link goes on; new links on every TLS port see the new certificate.
        v1::ModifyMyInfoRequest readMine;
        const auto mine = open->call(SubSignal::MMI, readMine);
        QVERIFY(mine);
        QCOMPARE(mine->code(), v1::ERR_NONE);
        RawClient stale(before);
        QVERIFY(!stale.connectTo(server.tlsPort()));
        RawClient fresh(after);
        QVERIFY(fresh.connectTo(server.tlsPort()));
        for (const quint16 port : {server.wssPort(), server.filesPort()})
            QCOMPARE(presentedFingerprint(port), after);
        QCOMPARE(server.stop(), 0);
    }

    void everyTlsPortRefusesOldVersionsAndWeakCiphers()
    {
        for (const quint16 port : {m_server->tlsPort(), m_server->wssPort(), m_server->filesPort()}) {
            QVERIFY(!presentedFingerprint(port).isEmpty()); // a modern client is served
            // TLS 1.1, and TLS 1.2 with a suite that is not forward-secret, are refused.
            QVERIFY2(presentedFingerprint(port, QSsl::TlsV1_1).isEmpty(), qPrintable(QString::number(port)));
            QVERIFY2(presentedFingerprint(port, QSsl::TlsV1_2, u"AES128-GCM-SHA256"_s).isEmpty(),
                     qPrintable(QString::number(port)));
        }
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

    void dataAndFilesDirectoriesOthersCouldReadAreClosedToThem()
    {
        // The store, the blobs and the TLS key — and people's files where --files-dir puts them elsewhere: made
        // parleyd's alone before anything is written.
        QTemporaryDir parent;
        const QString dir = QDir(parent.path()).filePath(u"data"_s);
        const QString filesDir = QDir(parent.path()).filePath(u"files"_s);
        for (const QString &made : {dir, filesDir}) {
            QVERIFY(QDir().mkpath(made));
            QVERIFY(QFile::setPermissions(made, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                    QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                    QFile::ExeOther));
        }
        ParleydProcess server({u"--data-dir"_s, dir, u"--files-dir"_s, filesDir}); // the last --data-dir is taken
        QVERIFY(server.start());
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                                          QFile::WriteOther | QFile::ExeOther;
        QCOMPARE(QFileInfo(dir).permissions() & others, QFile::Permissions());
        QCOMPARE(QFileInfo(filesDir).permissions() & others, QFile::Permissions());
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(u"parleyd.lock"_s))); // it is the one in use
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
