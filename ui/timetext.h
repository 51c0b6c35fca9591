#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace parley {

// How times read in lists and chats: the time today, "Yesterday", the weekday within a week, else the
// date; and the separators between days in a chat. In the user's language and locale. GUI thread.
class TimeText {
    Q_DECLARE_TR_FUNCTIONS(TimeText)

public:
    static QString listStamp(qint64 ms, const QDateTime &now = QDateTime::currentDateTime());
    static QString daySeparator(qint64 ms, const QDateTime &now = QDateTime::currentDateTime());
    static QString clock(qint64 ms);
};

} // namespace parley
