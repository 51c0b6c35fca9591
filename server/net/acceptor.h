#pragma once

#include "server/net/ioworker.h"

#include <QTcpServer>

namespace parley::server {

class AcceptPacer;
class IoThreadPool;

// A listening socket on the main thread that hands each accepted descriptor to a network thread, at the pace
// the AcceptPacer admits them.
class Acceptor final : public QTcpServer {
    Q_OBJECT

public:
    Acceptor(IoThreadPool &pool, IoWorker::Transport transport, AcceptPacer &pacer, QObject *parent = nullptr);

    void handOver(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    IoThreadPool &m_pool;
    IoWorker::Transport m_transport;
    AcceptPacer &m_pacer;
};

} // namespace parley::server
