#pragma once

#include "server/net/ilink.h"

#include <QPointer>
#include <QTcpSocket>
#include <QWebSocket>

namespace parley::server {

// JSON frames over an upgraded WebSocket (ws or wss). Takes ownership of the socket.
class WsLink final : public ILink {
    Q_OBJECT

public:
    WsLink(QWebSocket *socket, bool secure, QObject *parent = nullptr);
    ~WsLink() override;
    // The connection the WebSocket was upgraded from: QWebSocket uses it but does not delete it, so the link
    // does, after the WebSocket.
    void ownUpgradedSocket(QTcpSocket *socket) { m_upgraded = socket; }

    void send(const Frame &frame) override;
    void close() override;
    void abort() override;
    qint64 pendingWriteBytes() const override;
    QHostAddress peerAddress() const override;
    const char *transportName() const override { return m_secure ? "wss" : "ws"; }

private:
    void onText(const QString &text);
    void onDisconnected();

    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_upgraded;
    bool m_secure;
    bool m_closed = false;
};

} // namespace parley::server
