#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;

// A TCP proxy between clients and parleyd for fault injection, inside the test process (no external
// tool). Bytes pass through untouched (TLS included), unless told otherwise:
//   setDelayMs(n)   every chunk is held n ms in each direction
//   cutAll()        every open connection is closed at once (both sides see it end)
//   setBlackHole(b) connections stay open but nothing more passes, like a dead route: only a missing
//                   heartbeat answer can reveal it
//   setRefusing(b)  new connections are accepted and closed at once
class FaultProxy : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kWindowBytes = 256 << 10;
    static constexpr int kLingerMs = 5000; // a cut connection's parleyd side is closed for good after this

    explicit FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    quint16 port() const { return m_server.serverPort(); }
    void setUpstreamPort(quint16 port) { m_upstreamPort = port; }
    void setDelayMs(int ms) { m_delayMs = ms; }
    void setBlackHole(bool on) { m_blackHole = on; }
    void setRefusing(bool on) { m_refusing = on; }
    void cutAll();
    int openConnections() const;
    int connectionsSeen() const { return m_seen; }
    // Bytes clients sent towards parleyd, TLS records included.
    quint64 bytesUp() const { return m_bytesUp; }
    // Bytes parleyd sent towards clients.
    quint64 bytesDown() const { return m_bytesDown; }

private:
    struct Pair {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
    };
    void onNewConnection();
    quint64 forward(QTcpSocket *from, QTcpSocket *to); // the bytes taken from `from`
    void close(Pair *pair);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    QList<Pair *> m_pairs;
    int m_delayMs = 0;
    bool m_blackHole = false;
    bool m_refusing = false;
    int m_seen = 0;
    quint64 m_bytesUp = 0;
    quint64 m_bytesDown = 0;
};
