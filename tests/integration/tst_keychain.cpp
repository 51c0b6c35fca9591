// The session token in the real OS keychain (Secret Service through QtKeychain). Runs inside
// dbus-run-session with an unlocked gnome-keyring (scripts/test.sh); PARLEY_REQUIRE_KEYCHAIN=1 turns
// a missing keychain into a failure instead of a skip, so CI cannot pass without exercising it.

#include "core/auth/keychaintokenstore.h"
#include "core/client.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/parleydprocess.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 20000;

template <typename T>
std::optional<Result<T>> wait(std::function<void(std::function<void(Result<T>)>)> call)
{
    std::optional<Result<T>> out;
    QEventLoop loop;
    call([&](Result<T> r) {
        out = std::move(r);
        loop.quit();
    });
    QTimer::singleShot(kWaitMs, &loop, &QEventLoop::quit);
    if (!out)
        loop.exec();
    return out;
}

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT

    QString m_service = u"Parley tests %1"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces));

private Q_SLOTS:
    void initTestCase()
    {
        const bool required = qEnvironmentVariableIntValue("PARLEY_REQUIRE_KEYCHAIN") == 1;
        KeychainTokenStore store(m_service);
        const auto probe = wait<Done>([&](auto done) { store.write(u"probe"_s, u"x"_s, done); });
        if (!probe || !probe->ok()) {
            const QString why = probe ? probe->error().message : u"no answer"_s;
            if (required)
                QFAIL(qPrintable(u"the keychain is required here but unavailable: "_s + why));
            QSKIP(qPrintable(u"no keychain (run inside scripts/test.sh): "_s + why));
        }
        wait<Done>([&](auto done) { store.remove(u"probe"_s, done); });
    }

    void writeReadRemove()
    {
        KeychainTokenStore store(m_service);
        QCOMPARE(wait<QString>([&](auto done) { store.read(u"nobody"_s, done); })->error().code, ErrorCode::NotFound);
        QVERIFY(wait<Done>([&](auto done) { store.write(u"host:7800/alice"_s, u"t0ken-Ω"_s, done); })->ok());
        QCOMPARE(wait<QString>([&](auto done) { store.read(u"host:7800/alice"_s, done); })->value(), u"t0ken-Ω"_s);
        QVERIFY(wait<Done>([&](auto done) { store.remove(u"host:7800/alice"_s, done); })->ok());
        QCOMPARE(wait<QString>([&](auto done) { store.read(u"host:7800/alice"_s, done); })->error().code,
                 ErrorCode::NotFound);
    }

    void aLoginIsRememberedAcrossRuns()
    {
        ParleydProcess server;
        QVERIFY(server.start());
        QTemporaryDir dir;
        ClientOptions options;
        options.port = server.tlsPort();
        options.pinnedFingerprint = server.fingerprint();
        options.dataDir = dir.path();
        options.keychainService = m_service;
        QString userId;
        {
            Client first(options);
            QVERIFY(awaitAnswer(first.requestCode(u"+8613500000001"_s), kWaitMs));
            QSignalSpy remembered(&first, &Client::loginRemembered);
            first.logIn(u"+8613500000001"_s, server.waitForCode(u"+8613500000001"_s));
            QVERIFY(remembered.wait(kWaitMs));
            QCOMPARE(remembered.first().first().toBool(), true);
            userId = first.userId();
        }
        // The token is in the keychain, not in the app's files.
        QDirIterator files(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        KeychainTokenStore store(m_service);
        const QString token = wait<QString>([&](auto done) {
                                  store.read(u"127.0.0.1:%1/%2"_s.arg(server.tlsPort()).arg(userId), done);
                              })->value();
        QVERIFY(token.size() >= 43);
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(token.toLatin1()), qPrintable(f.fileName()));
        }
        {
            Client second(options);
            QSignalSpy resumed(&second, &Client::sessionResumed);
            second.resumeSession();
            QVERIFY(resumed.wait(kWaitMs));
            QTRY_COMPARE_WITH_TIMEOUT(second.connectionState(), ConnectionState::Online, kWaitMs);
            QSignalSpy out(&second, &Client::loggedOut);
            second.logOut();
            QVERIFY(out.wait(kWaitMs));
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            wait<QString>([&](auto done) { store.read(u"127.0.0.1:%1/%2"_s.arg(server.tlsPort()).arg(userId), done); })
                ->error()
                .code,
            ErrorCode::NotFound, kWaitMs);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
