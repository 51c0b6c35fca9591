#pragma once

#include "protocol/framedecoder.h"
#include "server/net/ilink.h"

#include <QSslConfiguration>
#include <QSslSocket>

namespace parley::server {

// Binary frames over TLS. Takes an accepted socket (already given its descriptor) and starts the
// server side of the handshake.
class TcpLink final : public ILink {
    Q_OBJECT

public:
    TcpLink(QSslSocket *socket, const QSslConfiguration &tls, QObject *parent = nullptr);

    void send(const Frame &frame) override;
    void close() override;
    void abort() override;
    qint64 pendingWriteBytes() const override;
    QHostAddress peerAddress() const override;
    const char *transportName() const override { return "tls"; }

private:
    void onReadyRead();
    void onDisconnected();

    QSslSocket *m_socket;
    FrameDecoder m_decoder;
    bool m_closed = false;
};

} // namespace parley::server
