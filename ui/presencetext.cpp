#include "ui/presencetext.h"

#include "ui/timetext.h"

#include <QLocale>

namespace parley {

QString PresenceText::text(const Presence &presence, const QDateTime &now)
{
    switch (presence.state) {
    case PresenceState::Unknown: return {};
    case PresenceState::Online: return tr("online");
    case PresenceState::LastSeen: {
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(presence.lastSeenAtMs);
        const qint64 days = when.date().daysTo(now.date());
        const QString clock = TimeText::clock(presence.lastSeenAtMs);
        if (days <= 0)
            return tr("last seen today at %1").arg(clock);
        if (days == 1)
            return tr("last seen yesterday at %1").arg(clock);
        return tr("last seen %1").arg(QLocale().toString(when.date(), QLocale::ShortFormat));
    }
    case PresenceState::Recently: return tr("last seen recently");
    case PresenceState::WithinWeek: return tr("last seen within a week");
    case PresenceState::WithinMonth: return tr("last seen within a month");
    case PresenceState::LongAgo: return tr("last seen a long time ago");
    }
    return {};
}

} // namespace parley
