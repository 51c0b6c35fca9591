#include "server/net/acceptpacer.h"

#include "server/logging.h"
#include "server/net/acceptor.h"

#include <unistd.h>

namespace parley::server {

AcceptPacer::AcceptPacer(int ratePerSecond, HandshakeSlots &handshakes, QObject *parent)
    : QObject(parent), m_bucket(ratePerSecond, std::max(1, ratePerSecond / kBurstDivisor)), m_handshakes(handshakes)
{
    m_clock.start();
    m_tick.setInterval(kTickMs);
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &AcceptPacer::admitWaiting);
}

AcceptPacer::~AcceptPacer()
{
    clear();
}

void AcceptPacer::add(Acceptor *acceptor)
{
    m_acceptors.append(acceptor);
}

void AcceptPacer::offer(Acceptor *from, qintptr descriptor)
{
    // Behind others waiting, over the rate or with enough in their handshake: wait in turn.
    if (m_waiting.empty() && mayAdmit()) {
        from->handOver(descriptor);
        return;
    }
    m_waiting.push_back(Waiting{from, descriptor});
    if (!m_paused) {
        const qint64 nowMs = m_clock.elapsed();
        if (m_lastToldMs < 0 || nowMs - m_lastToldMs >= kTellIntervalMs) {
            m_lastToldMs = nowMs;
            qCInfo(lcNet) << "new links arrive faster than they are admitted; the rest wait their turn";
        }
        setPaused(true);
        m_tick.start();
    }
}

void AcceptPacer::admitWaiting()
{
    while (!m_waiting.empty() && mayAdmit()) {
        const Waiting next = m_waiting.front();
        m_waiting.pop_front();
        next.from->handOver(next.descriptor);
    }
    if (m_waiting.empty()) {
        m_tick.stop();
        setPaused(false);
    }
}

bool AcceptPacer::mayAdmit()
{
    if (!m_handshakes.tryTake())
        return false;
    if (m_bucket.take(m_clock.elapsed()))
        return true; // the link's HandshakeSlot gives the slot back
    m_handshakes.give();
    return false;
}

void AcceptPacer::setPaused(bool paused)
{
    m_paused = paused;
    for (Acceptor *acceptor : std::as_const(m_acceptors)) {
        if (!acceptor->isListening())
            continue;
        // QTcpServer goes on accepting what the kernel has queued until it has "too many pending connections":
        // none allowed while paused stops it at once, and leaves the rest queued in the kernel.
        acceptor->setMaxPendingConnections(paused ? 0 : kResumedPendingConnections);
        if (paused)
            acceptor->pauseAccepting();
        else
            acceptor->resumeAccepting();
    }
}

void AcceptPacer::acceptFailed(Acceptor *acceptor, const QString &why)
{
    const qint64 nowMs = m_clock.elapsed();
    if (m_lastFailureToldMs < 0 || nowMs - m_lastFailureToldMs >= kTellIntervalMs) {
        m_lastFailureToldMs = nowMs;
        qCWarning(lcNet) << "cannot accept new links:" << why << "- trying again every" << kAcceptRetryMs
                         << "ms (out of resources: see the open files limit, LimitNOFILE)";
    }
    if (m_retrying.contains(acceptor))
        return;
    m_retrying.insert(acceptor);
    QTimer::singleShot(kAcceptRetryMs, acceptor, [this, acceptor] {
        m_retrying.remove(acceptor);
        if (!m_paused && acceptor->isListening())
            acceptor->resumeAccepting();
    });
}

void AcceptPacer::clear()
{
    m_tick.stop();
    for (const Waiting &w : m_waiting)
        ::close(int(w.descriptor)); // never admitted: they hold no slot
    m_waiting.clear();
}

} // namespace parley::server
