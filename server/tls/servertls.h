#pragma once

#include <QMutex>
#include <QSslConfiguration>

#include <memory>

namespace parley::server {

class TlsContext;

// The certificate the long-connection ports present now, as binary links (TlsContext) and wss links
// (QSslConfiguration) use it: replaced whole when the certificate is reloaded (SIGHUP), while links made with
// the one before keep it (an SSL holds a reference to its context). Thread-safe: network threads read it for
// each link they accept, the main thread replaces it.
class ServerTls {
public:
    void set(std::shared_ptr<TlsContext> links, const QSslConfiguration &wss);
    std::shared_ptr<TlsContext> links() const;
    QSslConfiguration wss() const;

private:
    mutable QMutex m_mutex;
    std::shared_ptr<TlsContext> m_links;
    QSslConfiguration m_wss;
};

} // namespace parley::server
