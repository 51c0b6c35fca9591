#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

// The open loop of the load programs: `count` messages at `ratePerSecond`, whatever the answers. Every tick
// sends each message that is due by then, stamped with when it was due rather than when it left, so a
// stalled server cannot hide its queue (no coordinated omission). Message i goes to sender i % senders.
class OpenLoopPacer : public QObject {
    Q_OBJECT

public:
    static constexpr int kTickMs = 1;
    using Send = std::function<void(int sender, qint64 dueNs)>;

    OpenLoopPacer(const QElapsedTimer &clock, int ratePerSecond, qint64 count, int senders, Send send,
                  QObject *parent = nullptr)
        : QObject(parent),
          m_clock(clock),
          m_intervalNs(1'000'000'000LL / ratePerSecond),
          m_count(count),
          m_senders(senders),
          m_send(std::move(send))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &OpenLoopPacer::tick);
    }

    void start()
    {
        m_startNs = m_clock.nsecsElapsed();
        m_timer.start(kTickMs);
        tick();
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        while (m_scheduled < m_count && m_startNs + m_scheduled * m_intervalNs <= now) {
            m_send(int(m_scheduled % m_senders), m_startNs + m_scheduled * m_intervalNs);
            ++m_scheduled;
        }
        if (m_scheduled >= m_count)
            m_timer.stop();
    }

    const QElapsedTimer &m_clock;
    const qint64 m_intervalNs;
    const qint64 m_count;
    const int m_senders;
    Send m_send;
    QTimer m_timer;
    qint64 m_startNs = 0;
    qint64 m_scheduled = 0;
};

// The start of a load: open loop at `ratePerSecond` if it is set, else closed loop, `window` first messages per
// sender (each answer then sends the next).
inline void startLoad(QObject *parent, const QElapsedTimer &clock, int ratePerSecond, qint64 count, int senders,
                      int window, OpenLoopPacer::Send send, const std::function<void(int sender)> &sendNext)
{
    if (ratePerSecond > 0) {
        (new OpenLoopPacer(clock, ratePerSecond, count, senders, std::move(send), parent))->start();
        return;
    }
    for (int i = 0; i < senders; ++i) {
        for (int w = 0; w < window; ++w)
            sendNext(i);
    }
}
