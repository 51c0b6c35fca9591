// How times read in the chats list and between days in a chat: the time today (to the minute, in the
// locale's way), "Yesterday", the weekday within a week, else the date.

#include "ui/timetext.h"

#include <QLocale>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestTimeText : public QObject {
    Q_OBJECT

    // Sunday 22 November 2026, evening, local time.
    const QDateTime m_now{QDate(2026, 11, 22), QTime(20, 15)};

    static qint64 at(const QDate &date, const QTime &time) { return QDateTime(date, time).toMSecsSinceEpoch(); }

private Q_SLOTS:
    void cleanup() { QLocale::setDefault(QLocale::system()); }

    void todayShowsTheClockToTheMinute_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("expected");
        QTest::newRow("C (its short format has seconds)") << QLocale::c() << u"14:49"_s;
        QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates) << u"2:49\u202fPM"_s;
        QTest::newRow("zh_CN") << QLocale(QLocale::Chinese, QLocale::China) << u"14:49"_s;
    }

    void todayShowsTheClockToTheMinute()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, expected);
        QLocale::setDefault(locale);
        const qint64 ms = at(m_now.date(), QTime(14, 49, 10));
        QCOMPARE(TimeText::listStamp(ms, m_now).replace(u' ', u'\u202f'), expected);
        QCOMPARE(TimeText::daySeparator(ms, m_now).replace(u' ', u'\u202f'), expected);
    }

    void olderDaysByDistance()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        const QTime time(9, 5, 59);
        QCOMPARE(TimeText::listStamp(at(m_now.date().addDays(-1), time), m_now), u"Yesterday"_s);
        QCOMPARE(TimeText::daySeparator(at(m_now.date().addDays(-1), time), m_now), u"Yesterday 09:05"_s);
        QCOMPARE(TimeText::listStamp(at(QDate(2026, 11, 19), time), m_now), u"Thursday"_s);
        QCOMPARE(TimeText::daySeparator(at(QDate(2026, 11, 19), time), m_now), u"Thursday 09:05"_s);
        QCOMPARE(TimeText::listStamp(at(QDate(2026, 11, 15), time), m_now), u"15/11/2026"_s); // a week: a date
        QCOMPARE(TimeText::daySeparator(at(QDate(2025, 3, 2), time), m_now), u"02/03/2025 09:05"_s);
        QCOMPARE(TimeText::listStamp(0, m_now), QString()); // nothing said yet
    }
};

QTEST_GUILESS_MAIN(TestTimeText)
#include "tst_timetext.moc"
