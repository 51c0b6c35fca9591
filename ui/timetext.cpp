#include "ui/timetext.h"

#include <QLocale>
#include <QRegularExpression>

namespace parley {

namespace {

constexpr int kWeekDays = 7;

} // namespace

QString TimeText::clock(qint64 ms)
{
    // The locale's short time, to the minute: some locales' short format (C's among them) has seconds.
    static const QRegularExpression seconds(QStringLiteral("[:.]ss?"));
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(seconds);
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), format);
}

QString TimeText::listStamp(qint64 ms, const QDateTime &now)
{
    if (ms <= 0)
        return {};
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms);
    const qint64 days = when.date().daysTo(now.date());
    if (days <= 0)
        return clock(ms);
    if (days == 1)
        return tr("Yesterday");
    if (days < kWeekDays)
        return QLocale().dayName(when.date().dayOfWeek(), QLocale::LongFormat);
    return QLocale().toString(when.date(), QLocale::ShortFormat);
}

QString TimeText::daySeparator(qint64 ms, const QDateTime &now)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms);
    const qint64 days = when.date().daysTo(now.date());
    if (days <= 0)
        return clock(ms);
    if (days == 1)
        return tr("Yesterday %1").arg(clock(ms));
    if (days < kWeekDays)
        return QStringLiteral("%1 %2").arg(QLocale().dayName(when.date().dayOfWeek(), QLocale::LongFormat), clock(ms));
    return QStringLiteral("%1 %2").arg(QLocale().toString(when.date(), QLocale::ShortFormat), clock(ms));
}

} // namespace parley
