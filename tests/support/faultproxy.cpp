#include "tests/support/faultproxy.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent) : QObject(parent), m_upstreamPort(upstreamPort)
{
    m_server.listen(QHostAddress::LocalHost);
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    cutAll();
}

int FaultProxy::openConnections() const
{
    return int(m_pairs.size());
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_seen;
        if (m_refusing) {
            client->abort();
            client->deleteLater();
            continue;
        }
        auto *pair = new Pair{client, new QTcpSocket(this)};
        client->setParent(this);
        m_pairs.append(pair);
        QTcpSocket *upstream = pair->upstream;
        // Like a network path, the proxy holds a bounded window: it reads no more from one side while the
        // other has kWindowBytes waiting, so a sender is held back instead of piling data up in the proxy.
        for (QTcpSocket *s : {client, upstream}) {
            s->setReadBufferSize(kWindowBytes);
            s->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kWindowBytes);
            s->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, kWindowBytes);
        }
        const auto up = [this, client, upstream] { m_bytesUp += forward(client, upstream); };
        const auto down = [this, client, upstream] { m_bytesDown += forward(upstream, client); };
        connect(client, &QTcpSocket::readyRead, this, up);
        connect(upstream, &QTcpSocket::bytesWritten, this, up);
        connect(upstream, &QTcpSocket::readyRead, this, down);
        connect(client, &QTcpSocket::bytesWritten, this, down);
        connect(client, &QTcpSocket::disconnected, this, [this, pair] { close(pair); });
        connect(upstream, &QTcpSocket::disconnected, this, [this, pair] { close(pair); });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, pair] { close(pair); });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

quint64 FaultProxy::forward(QTcpSocket *from, QTcpSocket *to)
{
    const qint64 room = m_blackHole || m_delayMs > 0 ? from->bytesAvailable() : kWindowBytes - to->bytesToWrite();
    if (room <= 0)
        return 0;
    const QByteArray bytes = from->read(room);
    if (bytes.isEmpty() || m_blackHole)
        return quint64(bytes.size());
    QPointer<QTcpSocket> target(to);
    const auto send = [target, bytes] {
        if (target && target->state() != QAbstractSocket::UnconnectedState)
            target->write(bytes); // buffered until an upstream connection completes
    };
    if (m_delayMs > 0)
        QTimer::singleShot(m_delayMs, this, send); // same delay for all chunks: order is kept
    else
        send();
    return quint64(bytes.size());
}

void FaultProxy::close(Pair *pair)
{
    if (!m_pairs.removeOne(pair))
        return;
    if (QTcpSocket *client = pair->client.data()) {
        client->disconnect(this);
        client->abort();
        client->deleteLater();
    }
    if (QTcpSocket *upstream = pair->upstream.data()) {
        // What reached parleyd's side stays there, as when a route dies: it ends with a FIN, not a reset
        // (which would throw away what parleyd has received but not read yet). The proxy's own backlog is lost.
        upstream->disconnect(this);
        if (upstream->state() == QAbstractSocket::ConnectedState)
            ::shutdown(int(upstream->socketDescriptor()), SHUT_WR);
        connect(upstream, &QTcpSocket::readyRead, upstream, [upstream] { upstream->readAll(); });
        connect(upstream, &QTcpSocket::disconnected, upstream, &QObject::deleteLater);
        QTimer::singleShot(kLingerMs, upstream, [upstream] {
            upstream->abort();
            upstream->deleteLater();
        });
    }
    delete pair;
}

void FaultProxy::cutAll()
{
    const QList<Pair *> pairs = m_pairs;
    for (Pair *p : pairs)
        close(p);
}
