#pragma once

#include "protocol/result.h"

#include <QByteArray>

#include <memory>

struct ssl_ctx_st;

namespace parley::server {

// The OpenSSL context every long-connection link shares (SSL_CTX is safe to use from several threads for
// SSL_new): the server's certificate and key, TLS 1.2 or newer with the ciphers of tlspolicy.h, no
// client certificates. Idle links give their record buffers back (SSL_MODE_RELEASE_BUFFERS), and no session
// tickets are issued (clients do not resume; a ticket costs an encryption per handshake). Its key log hands a
// handshake's traffic secrets to the TlsTrafficSecrets watching it, and to nothing else.
class TlsContext {
public:
    static Result<std::shared_ptr<TlsContext>> fromPem(const QByteArray &certificatePem,
                                                       const QByteArray &privateKeyPem);
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;

    ssl_ctx_st *get() const { return m_ctx; }

private:
    explicit TlsContext(ssl_ctx_st *ctx) : m_ctx(ctx) {}

    ssl_ctx_st *m_ctx;
};

} // namespace parley::server
