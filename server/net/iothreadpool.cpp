#include "server/net/iothreadpool.h"

#include "common/threadcleanup.h"
#ifdef Q_OS_LINUX
#include "common/epolleventdispatcher.h"
#endif

namespace parley::server {

using namespace Qt::StringLiterals;

IoThreadPool::IoThreadPool(int threads, const ServerContext &context)
{
    for (int i = 0; i < threads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(u"parleyd-io-%1"_s.arg(i));
#ifdef Q_OS_LINUX
        // Thousands of mostly idle links per thread: a wake-up must not cost a look at each of them.
        thread->setEventDispatcher(new EpollEventDispatcher);
#endif
        releaseTlsStateWhenFinished(thread);
        auto *worker = new IoWorker(i, context);
        worker->moveToThread(thread);
        m_threads.append(thread);
        m_workers.append(worker);
    }
}

IoThreadPool::~IoThreadPool()
{
    stop();
}

void IoThreadPool::start()
{
    for (qsizetype i = 0; i < m_threads.size(); ++i) {
        m_threads[i]->start();
        QMetaObject::invokeMethod(m_workers[i], &IoWorker::start, Qt::QueuedConnection);
    }
}

void IoThreadPool::dispatch(qintptr descriptor, IoWorker::Transport transport)
{
    IoWorker *worker =
        m_workers[qsizetype(m_next.fetch_add(1, std::memory_order_relaxed) % unsigned(m_workers.size()))];
    QMetaObject::invokeMethod(
        worker, [worker, descriptor, transport] { worker->accept(descriptor, transport); }, Qt::QueuedConnection);
}

void IoThreadPool::shutdownSessions()
{
    for (IoWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &IoWorker::shutdownSessions, Qt::BlockingQueuedConnection);
}

void IoThreadPool::stop()
{
    for (qsizetype i = 0; i < m_threads.size(); ++i) {
        // Delete the worker (and its sessions and sockets) on its own thread, then end the thread.
        IoWorker *worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete m_threads[i];
    }
    m_threads.clear();
    m_workers.clear();
}

} // namespace parley::server
