#pragma once

#include "protocol/result.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace parley::server {

// The server's certificate and key, and the TLS configuration every listening socket uses
// (TLS 1.2 or newer, no client certificates).
class TlsCredentials {
public:
    // Loads the PEM pair, or if both paths are empty, loads DATA_DIR/tls/cert.pem and key.pem,
    // creating a self-signed pair there on first start.
    static Result<TlsCredentials> load(const QString &certificatePath, const QString &privateKeyPath,
                                       const QString &dataDir);

    // SHA-256 of the certificate (DER), lower-case hex: what a client pins to trust a self-hosted server.
    QString fingerprint() const;
    QSslConfiguration serverConfiguration() const;
    const QSslCertificate &certificate() const { return m_certificate; }
    // The pair as PEM, for TLS stacks outside Qt (the files port).
    QByteArray certificatePem() const { return m_certificate.toPem(); }
    QByteArray privateKeyPem() const { return m_key.toPem(); }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace parley::server
