#pragma once

#include "core/net/itransport.h"

#include <QSslSocket>
#include <QTimer>

namespace parley {

// TLS 1.2+ over TCP. The server is verified against the system's trust store and the host name, unless
// a certificate fingerprint is pinned (a self-hosted server with its own certificate): then the
// certificate must have exactly that SHA-256, checked before the first byte is sent. Nothing else is
// ever accepted, and no error is ignored.
class TlsTransport final : public ITransport {
    Q_OBJECT

public:
    static constexpr int kConnectTimeoutMs = 10000; // TCP + TLS handshake

    // pinnedSha256: hex, with or without colons, any case; empty for system trust.
    explicit TlsTransport(QString pinnedSha256 = {}, QObject *parent = nullptr);

    void open(const QString &host, quint16 port) override;
    void close() override;
    void write(const QByteArray &bytes) override;

    // "ab:cd:…" / "ABCD…" → "abcd…"; empty if it is not 64 hex digits.
    static QString normalizeFingerprint(const QString &fingerprint);
    // Whether `certificate` is the pinned one (`pin` normalized).
    static bool matchesPin(const QSslCertificate &certificate, const QString &pin);

private:
    void onEncrypted();
    void fail(ErrorCode code, const QString &message);

    QString m_pin;
    QSslSocket *m_socket = nullptr;
    QTimer m_connectTimer{this};
};

} // namespace parley
