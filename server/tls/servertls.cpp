#include "server/tls/servertls.h"

#include "server/tls/tlscontext.h"

namespace parley::server {

void ServerTls::set(std::shared_ptr<TlsContext> links, const QSslConfiguration &wss)
{
    const QMutexLocker lock(&m_mutex);
    m_links = std::move(links);
    m_wss = wss;
}

std::shared_ptr<TlsContext> ServerTls::links() const
{
    const QMutexLocker lock(&m_mutex);
    return m_links;
}

QSslConfiguration ServerTls::wss() const
{
    const QMutexLocker lock(&m_mutex);
    return m_wss;
}

} // namespace parley::server
