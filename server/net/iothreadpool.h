#pragma once

#include "server/net/ioworker.h"

#include <QList>
#include <QThread>

#include <atomic>
#include <memory>

namespace parley::server {

// The network threads: one IoWorker per thread; accepted descriptors are dealt round-robin.
class IoThreadPool {
public:
    IoThreadPool(int threads, const ServerContext &context);
    ~IoThreadPool();

    void start();
    void dispatch(qintptr descriptor, IoWorker::Transport transport);
    // Blocks until every worker has sent DISCONNECT to its sessions.
    void shutdownSessions();
    void stop();
    int size() const { return int(m_workers.size()); }

private:
    QList<QThread *> m_threads;
    QList<IoWorker *> m_workers;
    std::atomic<unsigned> m_next{0};
};

} // namespace parley::server
