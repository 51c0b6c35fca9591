#include "server/net/acceptor.h"

#include "server/net/acceptpacer.h"
#include "server/net/iothreadpool.h"

namespace parley::server {

Acceptor::Acceptor(IoThreadPool &pool, IoWorker::Transport transport, AcceptPacer &pacer, QObject *parent)
    : QTcpServer(parent), m_pool(pool), m_transport(transport), m_pacer(pacer)
{
    setListenBacklogSize(AcceptPacer::kListenBacklog);
    m_pacer.add(this);
    connect(this, &QTcpServer::acceptError, this, [this] { m_pacer.acceptFailed(this, errorString()); });
}

void Acceptor::handOver(qintptr descriptor)
{
    m_pool.dispatch(descriptor, m_transport);
}

void Acceptor::incomingConnection(qintptr descriptor)
{
    m_pacer.offer(this, descriptor);
}

} // namespace parley::server
