// Verification code rules against a real SQLite store, with a clock the test moves:
// expiry, single use, wrong tries, rate limits per phone, per block of numbers and per address, hashed storage,
// one purpose per code.

#include "server/auth/codebook.h"
#include "server/storage/sqlstore.h"
#include "tests/support/fakeclock.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

class TestCodeBook : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SqlStore> m_store;
    FakeClock m_clock;
    CodePolicy m_policy;

    CodeBook book() const { return CodeBook(m_policy, QByteArray(32, 'k'), m_clock); }

    QString issue(const QString &phone, const QString &address = u"10.0.0.1"_s,
                  CodePurpose purpose = CodePurpose::LogIn)
    {
        const Result<CodeBook::Issued> issued = book().issue(*m_store, phone, address, purpose);
        return issued ? issued->code : QString();
    }

    Result<Done> verify(const QString &phone, const QString &code, CodePurpose purpose = CodePurpose::LogIn)
    {
        return book().verify(*m_store, phone, code, purpose);
    }

    static QString wrong(const QString &code) { return u"%1"_s.arg((code.toInt() + 1) % 1000000, 6, 10, QChar(u'0')); }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<SqlStore>();
        QVERIFY(
            m_store->open(m_dir.filePath(u"codes-%1.sqlite"_s.arg(QLatin1StringView(QTest::currentTestFunction())))));
        m_policy = CodePolicy{};
    }

    void cleanup() { m_store.reset(); }

    void codeIsSixDigitsAndWorksOnce()
    {
        const QString code = issue(u"+8613800000001"_s);
        QCOMPARE(code.size(), 6);
        QVERIFY(std::all_of(code.begin(), code.end(), [](QChar c) { return c.isDigit(); }));
        QVERIFY(verify(u"+8613800000001"_s, code));
        const Result<Done> again = verify(u"+8613800000001"_s, code);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::CodeExpired);
    }

    void codeIsStoredOnlyAsAKeyedHash()
    {
        const QString code = issue(u"+8613800000002"_s);
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(u"SELECT code_hash FROM verification_codes"_s) && q.next());
        const QByteArray stored = q.value(0).toByteArray();
        QCOMPARE(stored.size(), 32); // HMAC-SHA256
        QVERIFY(!stored.contains(code.toLatin1()));
        QVERIFY(!stored.toHex().contains(code.toLatin1()));
    }

    void codeExpiresAfterFiveMinutes()
    {
        const QString code = issue(u"+8613800000003"_s);
        m_clock.advance(m_policy.ttlMs - 1);
        QVERIFY(!verify(u"+8613800000003"_s, wrong(code))); // still alive: a wrong try
        m_clock.advance(1);
        const Result<Done> late = verify(u"+8613800000003"_s, code);
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode::CodeExpired);
    }

    void fiveWrongTriesKillTheCode()
    {
        const QString code = issue(u"+8613800000004"_s);
        for (int i = 1; i < m_policy.maxTries; ++i) {
            const Result<Done> r = verify(u"+8613800000004"_s, wrong(code));
            QCOMPARE(r.error().code, ErrorCode::CodeWrong);
            QVERIFY(r.error().message.contains(QString::number(m_policy.maxTries - i)));
        }
        QCOMPARE(verify(u"+8613800000004"_s, wrong(code)).error().code, ErrorCode::CodeTriesExhausted);
        // The right code no longer helps.
        QCOMPARE(verify(u"+8613800000004"_s, code).error().code, ErrorCode::CodeExpired);
    }

    void malformedCodeIsNotATry()
    {
        const QString code = issue(u"+8613800000005"_s);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(verify(u"+8613800000005"_s, u"12ab"_s).error().code, ErrorCode::MalformedRequest);
        QVERIFY(verify(u"+8613800000005"_s, code));
    }

    void aNewCodeReplacesTheOld()
    {
        const QString first = issue(u"+8613800000006"_s);
        m_clock.advance(m_policy.phoneIntervalMs);
        const QString second = issue(u"+8613800000006"_s);
        QVERIFY(!second.isEmpty());
        if (first != second)
            QVERIFY(!verify(u"+8613800000006"_s, first));
        QVERIFY(verify(u"+8613800000006"_s, second));
    }

    void aCodeConfirmsOnlyWhatItWasSentFor()
    {
        // A login code does not delete the account, nor a deletion code log in: either is answered as no code at
        // all, is not counted as a try, and stays good for what it was sent for.
        const QString phone = u"+8613800000010"_s;
        const QString login = issue(phone, u"10.0.0.1"_s, CodePurpose::LogIn);
        for (int i = 0; i <= m_policy.maxTries; ++i)
            QCOMPARE(verify(phone, login, CodePurpose::DeleteAccount).error().code, ErrorCode::CodeExpired);
        QVERIFY(verify(phone, login, CodePurpose::LogIn));

        m_clock.advance(m_policy.phoneIntervalMs);
        const QString deletion = issue(phone, u"10.0.0.1"_s, CodePurpose::DeleteAccount);
        const Result<Done> asLogin = verify(phone, deletion, CodePurpose::LogIn);
        QCOMPARE(asLogin.error().code, ErrorCode::CodeExpired);
        QCOMPARE(asLogin.error().message, verify(u"+8613800000011"_s, deletion).error().message); // as for nobody
        QVERIFY(verify(phone, deletion, CodePurpose::DeleteAccount));

        // The purpose is in the keyed hash as well: a row whose purpose a node of before schema 18 overwrote does
        // not make a deletion code a login code.
        const QString other = u"+8613800000012"_s;
        const QString flipped = issue(other, u"10.0.0.1"_s, CodePurpose::DeleteAccount);
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(u"UPDATE verification_codes SET purpose = 0"_s));
        QCOMPARE(verify(other, flipped, CodePurpose::LogIn).error().code, ErrorCode::CodeWrong);
    }

    void aLoginCodeLeavesAWaitingDeletionCodeAlone()
    {
        // Anyone may ask for a login code for any number before logging in; that must not replace the deletion code
        // the number's owner is waiting for, nor the reverse. A new code replaces only the one of its purpose.
        const QString phone = u"+8613800000013"_s;
        const QString deletion = issue(phone, u"10.0.0.1"_s, CodePurpose::DeleteAccount);
        m_clock.advance(m_policy.phoneIntervalMs);
        const QString login = issue(phone, u"192.0.2.9"_s, CodePurpose::LogIn);
        QVERIFY(!deletion.isEmpty() && !login.isEmpty());
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(u"SELECT count(*) FROM verification_codes"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        q.finish();
        // Wrong tries at one do not use up the other's.
        for (int i = 1; i < m_policy.maxTries; ++i)
            QCOMPARE(verify(phone, wrong(login), CodePurpose::LogIn).error().code, ErrorCode::CodeWrong);
        QVERIFY(verify(phone, deletion, CodePurpose::DeleteAccount));
        QVERIFY(verify(phone, login, CodePurpose::LogIn));

        m_clock.advance(m_policy.phoneIntervalMs);
        const QString first = issue(phone, u"10.0.0.1"_s, CodePurpose::DeleteAccount);
        m_clock.advance(m_policy.phoneIntervalMs);
        const QString second = issue(phone, u"10.0.0.1"_s, CodePurpose::DeleteAccount);
        if (first != second)
            QCOMPARE(verify(phone, first, CodePurpose::DeleteAccount).error().code, ErrorCode::CodeWrong);
        QVERIFY(verify(phone, second, CodePurpose::DeleteAccount));
    }

    void onePerMinuteAndFivePerHourPerPhone()
    {
        const QString phone = u"+8613800000007"_s;
        QVERIFY(!issue(phone).isEmpty());
        const Result<CodeBook::Issued> tooSoon = book().issue(*m_store, phone, u"10.0.0.1"_s, CodePurpose::LogIn);
        QCOMPARE(tooSoon.error().code, ErrorCode::RateLimited);
        QCOMPARE(tooSoon.error().retryAfterSeconds, quint32(60));
        for (int i = 1; i < m_policy.phonePerHour; ++i) {
            m_clock.advance(m_policy.phoneIntervalMs);
            QVERIFY2(!issue(phone).isEmpty(), qPrintable(QString::number(i)));
        }
        m_clock.advance(m_policy.phoneIntervalMs);
        const Result<CodeBook::Issued> sixth = book().issue(*m_store, phone, u"10.0.0.1"_s, CodePurpose::LogIn);
        QCOMPARE(sixth.error().code, ErrorCode::RateLimited);
        // The hour is counted from the first code: 60 - 5 minutes later the window has room again.
        QCOMPARE(sixth.error().retryAfterSeconds, quint32(3600 - 5 * 60));
        m_clock.advance(qint64(sixth.error().retryAfterSeconds) * 1000);
        QVERIFY(!issue(phone).isEmpty());
    }

    void perAddressLimit()
    {
        m_policy.addressPerHour = 3;
        for (int i = 0; i < 3; ++i)
            QVERIFY(!issue(u"+861390000000%1"_s.arg(i), u"192.0.2.7"_s).isEmpty());
        QCOMPARE(book().issue(*m_store, u"+8613900000009"_s, u"192.0.2.7"_s, CodePurpose::LogIn).error().code,
                 ErrorCode::RateLimited);
        QVERIFY(!issue(u"+8613900000009"_s, u"192.0.2.8"_s).isEmpty()); // another address is fine
    }

    void perBlockLimit()
    {
        // Numbers that differ only in their last four digits share a budget, whatever address asks.
        m_policy.blockPerHour = 3;
        QCOMPARE(CodeBook::numberBlock(u"+8613912340007"_s), u"+861391234"_s);
        for (int i = 0; i < 3; ++i)
            QVERIFY(!issue(u"+86139123400%1"_s.arg(i, 2, 10, QChar(u'0')), u"198.51.100.%1"_s.arg(i)).isEmpty());
        const Result<CodeBook::Issued> fourth =
            book().issue(*m_store, u"+8613912349999"_s, u"198.51.100.9"_s, CodePurpose::LogIn);
        QCOMPARE(fourth.error().code, ErrorCode::RateLimited);
        QCOMPARE(fourth.error().retryAfterSeconds, quint32(3600)); // however long ago the block's first code was
        QVERIFY(!issue(u"+8613912350000"_s, u"198.51.100.9"_s).isEmpty()); // the next block is untouched

        // The refusal reads like the number's own limit: it tells nothing of the block's other numbers.
        m_policy.blockPerHour = 0;
        m_policy.phonePerHour = 1;
        QVERIFY(!issue(u"+8613912349999"_s).isEmpty());
        m_clock.advance(m_policy.phoneIntervalMs);
        QCOMPARE(book().issue(*m_store, u"+8613912349999"_s, u"10.0.0.1"_s, CodePurpose::LogIn).error().message,
                 fourth.error().message);

        m_policy = CodePolicy{};
        m_policy.blockPerHour = 3;
        m_clock.advance(CodePolicy::kHourMs - m_policy.phoneIntervalMs);
        QVERIFY(!issue(u"+8613912340050"_s, u"198.51.100.9"_s).isEmpty()); // an hour on, the block has room again
    }

    void pruningKeepsTheWindow()
    {
        const QString phone = u"+8613800000008"_s;
        QVERIFY(!issue(phone).isEmpty());
        m_store->codes().pruneCodeRequests(m_clock.nowMs() - CodePolicy::kHourMs);
        QCOMPARE(book().issue(*m_store, phone, u"10.0.0.1"_s, CodePurpose::LogIn).error().code, ErrorCode::RateLimited);
        m_clock.advance(CodePolicy::kHourMs + 1);
        m_store->codes().pruneCodeRequests(m_clock.nowMs() - CodePolicy::kHourMs);
        QCOMPARE(m_store->codes().codeRequestTimesForPhone(phone, 0).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCodeBook)
#include "tst_codebook.moc"
