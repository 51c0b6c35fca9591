// File grants: signed, short-lived, for one purpose; anything else about them is refused.

#include "server/files/filegrants.h"

#include <QTest>

using namespace parley::server;

class TestFileGrants : public QObject {
    Q_OBJECT

    FileGrants m_grants{QByteArray(FileGrants::kKeyBytes, 'k')};

private Q_SLOTS:
    void roundTrip()
    {
        const QString token = m_grants.issue({FileGrants::Purpose::Download, 42, 1000, {}});
        const auto grant = m_grants.verify(token, FileGrants::Purpose::Download, 999);
        QVERIFY(grant);
        QCOMPARE(grant->userId, 42);
        QCOMPARE(grant->expiresAtMs, 1000);
        const QString challenge = m_grants.issue({FileGrants::Purpose::Challenge, 7, 50, "scope bytes"});
        QCOMPARE(m_grants.verify(challenge, FileGrants::Purpose::Challenge, 0)->scope, QByteArray("scope bytes"));
        QVERIFY(!token.contains(u'/') && !token.contains(u'+') && !token.contains(u'=')); // safe in headers
    }

    void refusesAnythingElse()
    {
        const QString token = m_grants.issue({FileGrants::Purpose::Upload, 42, 1000, {}});
        QVERIFY(!m_grants.verify(token, FileGrants::Purpose::Upload, 1000));   // expired
        QVERIFY(!m_grants.verify(token, FileGrants::Purpose::Download, 10));   // another purpose
        QVERIFY(!FileGrants(QByteArray(FileGrants::kKeyBytes, 'x')).verify(token, FileGrants::Purpose::Upload, 10));
        QVERIFY(!m_grants.verify(QString(), FileGrants::Purpose::Upload, 10));
        QVERIFY(!m_grants.verify(u"not a grant"_qs, FileGrants::Purpose::Upload, 10));
        // Every single changed character is noticed.
        for (qsizetype i = 0; i < token.size(); ++i) {
            QString changed = token;
            changed[i] = changed[i] == u'A' ? u'B' : u'A';
            QVERIFY2(!m_grants.verify(changed, FileGrants::Purpose::Upload, 10), qPrintable(QString::number(i)));
        }
    }
};

QTEST_GUILESS_MAIN(TestFileGrants)
#include "tst_filegrants.moc"
