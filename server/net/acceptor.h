#pragma once

#include "server/net/ioworker.h"

#include <QTcpServer>

namespace parley::server {

class IoThreadPool;

// A listening socket on the main thread that hands each accepted descriptor to a network thread.
class Acceptor final : public QTcpServer {
    Q_OBJECT

public:
    Acceptor(IoThreadPool &pool, IoWorker::Transport transport, QObject *parent = nullptr)
        : QTcpServer(parent), m_pool(pool), m_transport(transport)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    IoThreadPool &m_pool;
    IoWorker::Transport m_transport;
};

} // namespace parley::server
