#pragma once

#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/testphones.h"

#include <QObject>
#include <QTest>

#include <memory>

// A test case whose functions share one parleyd on 127.0.0.1 (codes without the per-address limit, unless the
// case gives its own arguments): started before the first, stopped cleanly after the last — a clean exit, so
// no sanitizer report and no leak.
class ParleydTestCase : public QObject {
    Q_OBJECT

protected:
    explicit ParleydTestCase(QStringList serverArguments = {QStringLiteral("--code-address-per-hour"),
                                                            QStringLiteral("0")})
        : m_serverArguments(std::move(serverArguments))
    {
    }

    std::unique_ptr<ParleydProcess> m_server;

    // Server arguments for a case that asks codes for one number in quick succession (a second device, a
    // suspension, a deletion): none of the per-number or per-address limits.
    static QStringList codesAtWill()
    {
        return {QStringLiteral("--code-address-per-hour"), QStringLiteral("0"),
                QStringLiteral("--code-phone-interval"),   QStringLiteral("0"),
                QStringLiteral("--code-phone-per-hour"),   QStringLiteral("100")};
    }

    // A new user logged in and connected over a link of its own.
    RawUser person() { return rawUser(*m_server, nextPhone()); }

    // A new user logged in over a fresh link (not connected).
    TestLogin newUser(const QString &device = QStringLiteral("device-1"))
    {
        return logInRaw(*m_server, nextPhone(), device);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(m_serverArguments);
        QVERIFY(m_server->start());
    }
    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

private:
    QStringList m_serverArguments;
};
