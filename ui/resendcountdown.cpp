#include "ui/resendcountdown.h"

namespace parley {

ResendCountdown::ResendCountdown(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (--m_secondsLeft <= 0)
            m_timer.stop();
        Q_EMIT ticked();
    });
}

void ResendCountdown::start(int seconds)
{
    m_secondsLeft = seconds;
    if (seconds > 0)
        m_timer.start();
    else
        m_timer.stop();
}

} // namespace parley
