#include "tests/support/faultproxy.h"

#include <QTcpSocket>
#include <QTimer>

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
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream] { forward(client, upstream); });
        connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream] { forward(upstream, client); });
        connect(client, &QTcpSocket::disconnected, this, [this, pair] { close(pair); });
        connect(upstream, &QTcpSocket::disconnected, this, [this, pair] { close(pair); });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, pair] { close(pair); });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

void FaultProxy::forward(QTcpSocket *from, QTcpSocket *to)
{
    const QByteArray bytes = from->readAll();
    if (m_blackHole || bytes.isEmpty())
        return;
    QPointer<QTcpSocket> target(to);
    const auto send = [target, bytes] {
        if (target && target->state() != QAbstractSocket::UnconnectedState)
            target->write(bytes); // buffered until an upstream connection completes
    };
    if (m_delayMs > 0)
        QTimer::singleShot(m_delayMs, this, send); // same delay for all chunks: order is kept
    else
        send();
}

void FaultProxy::close(Pair *pair)
{
    if (!m_pairs.removeOne(pair))
        return;
    for (QTcpSocket *s : {pair->client.data(), pair->upstream.data()}) {
        if (s) {
            s->disconnect(this);
            s->abort();
            s->deleteLater();
        }
    }
    delete pair;
}

void FaultProxy::cutAll()
{
    const QList<Pair *> pairs = m_pairs;
    for (Pair *p : pairs)
        close(p);
}
