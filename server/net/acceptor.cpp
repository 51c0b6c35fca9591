#include "server/net/acceptor.h"

#include "server/net/iothreadpool.h"

namespace parley::server {

void Acceptor::incomingConnection(qintptr descriptor)
{
    m_pool.dispatch(descriptor, m_transport);
}

} // namespace parley::server
