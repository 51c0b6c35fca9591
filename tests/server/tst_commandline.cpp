// parleyd's options: the defaults it runs with and the ones that follow from others.

#include "server/commandline.h"

#include <QTest>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

class TestCommandLine : public QObject {
    Q_OBJECT

    static Result<ServerConfig> parse(const QStringList &arguments)
    {
        return CommandLine::parse(QStringList{u"parleyd"_s, u"--data-dir"_s, u"/tmp/parleyd-options"_s} + arguments);
    }

private Q_SLOTS:
    void theOpsPortIsOnButOnlyForThisMachine()
    {
        const Result<ServerConfig> config = parse({u"--listen"_s, u"0.0.0.0"_s});
        QVERIFY(config);
        QCOMPARE(config->opsPort, 7809);
        QCOMPARE(config->opsAddress, QHostAddress(QHostAddress::LocalHost)); // not --listen's
        QCOMPARE(parse({u"--ops-port"_s, u"off"_s})->opsPort, ServerConfig::kPortDisabled);
        QVERIFY(!parse({u"--ops-address"_s, u"not-an-address"_s}));
    }

    void aCertificateTurnsWssOn()
    {
        QCOMPARE(parse({})->wssPort, ServerConfig::kPortDisabled);
        const QStringList cert{u"--cert"_s, u"/etc/parleyd/cert.pem"_s, u"--key"_s, u"/etc/parleyd/key.pem"_s};
        QCOMPARE(parse(cert)->wssPort, ServerConfig::kDefaultWssPort);
        QCOMPARE(parse(cert + QStringList{u"--wss-port"_s, u"off"_s})->wssPort, ServerConfig::kPortDisabled);
        QCOMPARE(parse(cert + QStringList{u"--wss-port"_s, u"8443"_s})->wssPort, 8443);
        QVERIFY(!parse({u"--cert"_s, u"/etc/parleyd/cert.pem"_s})); // --key goes with it
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
