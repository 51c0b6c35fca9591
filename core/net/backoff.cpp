#include "core/net/backoff.h"

#include <QRandomGenerator>

namespace parley {

Backoff::Backoff(int initialMs, int capMs, std::function<quint32(quint32)> random)
    : m_initialMs(initialMs), m_capMs(capMs), m_random(std::move(random))
{
    if (!m_random)
        m_random = [](quint32 bound) { return QRandomGenerator::global()->bounded(bound); };
}

int Backoff::nextDelayMs()
{
    const int shift = std::min(m_attempt, 20);
    const qint64 step = std::min<qint64>(qint64(m_initialMs) << shift, m_capMs);
    ++m_attempt;
    const quint32 half = quint32(step / 2);
    return int(half + m_random(half + 1));
}

} // namespace parley
