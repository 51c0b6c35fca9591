#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QMultiHash>

#include <atomic>
#include <set>
#include <utility>

namespace parley {

// The event loop of a thread that watches thousands of sockets (parleyd's network threads, the load
// programs). Qt's own dispatchers on Linux (glib's and the UNIX one) give poll() every registered socket on
// every wake-up, so a wake-up for one message costs more with each idle connection; here epoll keeps the
// interest list in the kernel and a wake-up costs what is ready, not what is open.
//
// Same semantics as Qt's: socket notifiers are level-triggered (a notifier fires while its condition holds
// and it is enabled); timers fire in deadline order, a late repeating timer skips what it missed rather than
// firing in a burst; posted events are sent at the start of every pass; wakeUp() is an eventfd and may be
// called from any thread. Everything else belongs to the thread the dispatcher was set on. Linux only.
class EpollEventDispatcher final : public QAbstractEventDispatcher {
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    static constexpr int kEventsPerWait = 256;

    // The notifiers of one descriptor; `generation` tells a stale readiness report (for a descriptor closed
    // and reused while a batch was being dispatched) from a current one.
    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 generation = 0;
        quint32 interest = 0; // the epoll events registered, 0 while not in the interest list
    };
    struct Timer {
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadlineNs = 0;
        bool firing = false; // its event is being sent: a nested loop must not send it again
    };

    void updateInterest(int fd, Watch &watch);
    int waitTimeoutMs(QEventLoop::ProcessEventsFlags flags) const;
    int dispatchSockets(int ready);
    int fireTimers();
    void drainWakeUps();
    void writeWakeUp(); // one more on the eventfd, from any thread
    void setDeadline(int timerId, Timer &timer, qint64 deadlineNs);

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_interrupted{false};
    // A wake-up written and not yet read: later ones need no write (a storage batch posts to each network
    // thread once per reply and push). Cleared when the eventfd is read, before the posted events are sent.
    std::atomic<bool> m_wakeUpPending{false};
    QHash<int, Watch> m_watches;
    quint32 m_nextGeneration = 1;
    QHash<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_deadlines; // (deadline ns, timer id), soonest first
    QMultiHash<QObject *, int> m_timersByObject;
};

} // namespace parley
