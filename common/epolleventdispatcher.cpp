#include "common/epolleventdispatcher.h"

#include "common/threadaffinity.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>
#include <QTimerEvent>
#include <QVarLengthArray>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <limits>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace parley {

namespace {

constexpr quint64 kWakeUpKey = ~quint64(0);

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

quint64 keyOf(int fd, quint32 generation)
{
    return (quint64(generation) << 32) | quint32(fd);
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent),
      m_epoll(epoll_create1(EPOLL_CLOEXEC)),
      m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd descriptors (errno %d)", errno);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = kWakeUpKey;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qFatal("EpollEventDispatcher: cannot watch the eventfd (errno %d)", errno);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    close(m_wakeFd);
    close(m_epoll);
}

void EpollEventDispatcher::wakeUp()
{
    if (!m_wakeUpPending.exchange(true, std::memory_order_acq_rel))
        writeWakeUp();
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_release);
    // Always written (it is rare): a quit must not rest on the pending flag's ordering with the loop's reads.
    writeWakeUp();
}

void EpollEventDispatcher::writeWakeUp()
{
    const quint64 one = 1;
    // EAGAIN means the counter is full, so a wake-up is pending anyway.
    [[maybe_unused]] const ssize_t written = write(m_wakeFd, &one, sizeof one);
}

void EpollEventDispatcher::drainWakeUps()
{
    quint64 count = 0;
    while (read(m_wakeFd, &count, sizeof count) > 0) {}
    // From here a wake-up writes again; one that found the flag set posted its event before this, and the
    // next pass sends it.
    m_wakeUpPending.exchange(false, std::memory_order_acq_rel); // a read-modify-write: ordered with every skip
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_interrupted.store(false, std::memory_order_relaxed);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const int timeoutMs = m_interrupted.load(std::memory_order_acquire) ? 0 : waitTimeoutMs(flags);
    if (timeoutMs != 0)
        Q_EMIT aboutToBlock();

    int handled = 0;
    if (flags.testFlag(QEventLoop::ExcludeSocketNotifiers)) {
        // Only the wake-ups and the timers: the sockets stay ready and would end every wait at once.
        pollfd wake{m_wakeFd, POLLIN, 0};
        if (poll(&wake, 1, timeoutMs) > 0)
            drainWakeUps();
    } else {
        epoll_event events[kEventsPerWait];
        int ready = epoll_wait(m_epoll, events, kEventsPerWait, timeoutMs);
        if (ready < 0 && errno != EINTR)
            qFatal("EpollEventDispatcher: epoll_wait failed (errno %d)", errno);
        // Collect first: a notifier's slot may close and reopen descriptors, or delete notifiers.
        QVarLengthArray<std::pair<quint64, quint32>, kEventsPerWait> reports;
        for (int i = 0; i < ready; ++i) {
            const quint64 key = events[i].data.u64; // epoll_event is packed: copied, not referenced
            const quint32 revents = events[i].events;
            if (key == kWakeUpKey)
                drainWakeUps();
            else
                reports.append({key, revents});
        }
        for (const auto &report : reports) {
            // Named, not a structured binding: the lambda below captures it, which clang before 16 (Apple's too)
            // refuses for bindings.
            const quint64 key = report.first;
            const quint32 revents = report.second;
            const int fd = int(quint32(key));
            const auto activate = [&](QSocketNotifier *Watch::*which) {
                // Looked up again for each: an earlier slot may have unregistered it.
                const auto it = m_watches.constFind(fd);
                if (it == m_watches.cend() || keyOf(fd, it->generation) != key || !(it.value().*which))
                    return;
                QEvent event(QEvent::SockAct);
                QCoreApplication::sendEvent(it.value().*which, &event);
                ++handled;
            };
            const auto it = m_watches.constFind(fd);
            if (it == m_watches.cend() || keyOf(fd, it->generation) != key)
                continue;
            const bool broken = revents & (EPOLLHUP | EPOLLERR);
            const bool hasReader = it->read; // `it` is not used past the first slot: slots may rehash
            // As Qt's own dispatchers do: a hang-up or an error reaches the reader (or, without one, the writer)
            // so the socket learns of it.
            if ((revents & EPOLLIN) || (broken && hasReader))
                activate(&Watch::read);
            if ((revents & EPOLLOUT) || (broken && !hasReader))
                activate(&Watch::write);
            if (revents & EPOLLPRI)
                activate(&Watch::exception);
        }
    }
    handled += fireTimers();
    return handled > 0;
}

int EpollEventDispatcher::waitTimeoutMs(QEventLoop::ProcessEventsFlags flags) const
{
    if (!flags.testFlag(QEventLoop::WaitForMoreEvents))
        return 0;
    // The soonest timer not being fired right now (one whose slot runs a nested loop must not keep that loop
    // from sleeping).
    const auto next = std::find_if(m_deadlines.cbegin(), m_deadlines.cend(),
                                   [this](const auto &entry) { return !m_timers.value(entry.second).firing; });
    if (next == m_deadlines.cend())
        return -1;
    const qint64 remainingNs = next->first - nowNs();
    if (remainingNs <= 0)
        return 0;
    // Rounded up: waking before the deadline would only wait again.
    return int(std::min<qint64>((remainingNs + 999'999) / 1'000'000, std::numeric_limits<int>::max()));
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    PARLEY_ASSERT_OWN_THREAD();
    const int fd = int(notifier->socket());
    Watch &watch = m_watches[fd];
    QSocketNotifier *&slot = notifier->type() == QSocketNotifier::Read    ? watch.read
                             : notifier->type() == QSocketNotifier::Write ? watch.write
                                                                          : watch.exception;
    if (slot && slot != notifier && watch.interest != 0) {
        // Another notifier of this kind is still registered on this number: its descriptor was closed without
        // disabling it, and the number has been reused. Watch the new descriptor afresh.
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        watch.interest = 0;
    }
    slot = notifier;
    updateInterest(fd, watch);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    PARLEY_ASSERT_OWN_THREAD();
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    Watch &watch = it.value();
    for (QSocketNotifier **slot : {&watch.read, &watch.write, &watch.exception}) {
        if (*slot == notifier)
            *slot = nullptr;
    }
    updateInterest(fd, watch);
    if (!watch.read && !watch.write && !watch.exception)
        m_watches.erase(it);
}

void EpollEventDispatcher::updateInterest(int fd, Watch &watch)
{
    const quint32 interest =
        (watch.read ? EPOLLIN : 0u) | (watch.write ? EPOLLOUT : 0u) | (watch.exception ? EPOLLPRI : 0u);
    if (interest == watch.interest)
        return;
    if (interest == 0) {
        // Out of the interest list altogether: epoll reports hang-ups and errors even with no events asked for.
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        watch.interest = 0;
        return;
    }
    bool adding = watch.interest == 0;
    if (adding)
        watch.generation = m_nextGeneration++;
    epoll_event event{};
    event.events = interest;
    event.data.u64 = keyOf(fd, watch.generation);
    int result = epoll_ctl(m_epoll, adding ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
    if (result != 0 && !adding && errno == ENOENT) {
        // The kernel dropped it (its descriptor was closed) and the number is open again: add it anew.
        adding = true;
        watch.generation = m_nextGeneration++;
        event.data.u64 = keyOf(fd, watch.generation);
        result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
    if (result != 0) {
        // A descriptor closed without its notifier being disabled first (ADD after a silent close, or MOD
        // of one the kernel already dropped); nothing can be watched on it.
        qWarning("EpollEventDispatcher: cannot watch socket %d (errno %d)", fd, errno);
        if (!adding)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        watch.interest = 0;
        return;
    }
    watch.interest = interest;
}

void EpollEventDispatcher::setDeadline(int timerId, Timer &timer, qint64 deadlineNs)
{
    m_deadlines.erase({timer.deadlineNs, timerId});
    timer.deadlineNs = deadlineNs;
    m_deadlines.insert({deadlineNs, timerId});
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    PARLEY_ASSERT_OWN_THREAD();
    Timer timer;
    timer.intervalMs = std::max<qint64>(0, interval);
    timer.type = timerType;
    timer.object = object;
    timer.deadlineNs = nowNs() + timer.intervalMs * 1'000'000;
    m_timers.insert(timerId, timer);
    m_deadlines.insert({timer.deadlineNs, timerId});
    m_timersByObject.insert(object, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    PARLEY_ASSERT_OWN_THREAD();
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase({it->deadlineNs, timerId});
    m_timersByObject.remove(it->object, timerId);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    PARLEY_ASSERT_OWN_THREAD();
    const QList<int> ids = m_timersByObject.values(object);
    for (const int id : ids)
        unregisterTimer(id);
    return !ids.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> infos;
    for (const int id : m_timersByObject.values(object)) {
        const Timer &timer = m_timers[id];
        infos.append(TimerInfo(id, int(timer.intervalMs), timer.type));
    }
    return infos;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    return int(std::max<qint64>(0, (it->deadlineNs - nowNs()) / 1'000'000));
}

int EpollEventDispatcher::fireTimers()
{
    const qint64 now = nowNs();
    // The timers due now, in deadline order; each is looked up again before it fires, since an earlier one's
    // slot may have stopped or restarted it.
    QVarLengthArray<int, 16> due;
    for (const auto &[deadline, id] : m_deadlines) {
        if (deadline > now)
            break;
        due.append(id);
    }
    int fired = 0;
    for (const int id : due) {
        const auto it = m_timers.find(id);
        if (it == m_timers.end() || it->firing || it->deadlineNs > now)
            continue;
        // Next deadline first (an interval after the one that passed, or after now if that is gone too), so a
        // slot that reads remainingTime() or restarts the timer sees the next round.
        const qint64 intervalNs = it->intervalMs * 1'000'000;
        const qint64 next = it->deadlineNs + intervalNs > now ? it->deadlineNs + intervalNs : now + intervalNs;
        setDeadline(id, it.value(), next);
        it->firing = true;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        if (const auto again = m_timers.find(id); again != m_timers.end())
            again->firing = false;
    }
    return fired;
}

} // namespace parley
