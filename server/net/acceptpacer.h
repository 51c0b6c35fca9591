#pragma once

#include "server/net/handshakeslots.h"
#include "server/net/tokenbucket.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>

namespace parley::server {

class Acceptor;

// Admits new links at a steady rate and while few are in their handshake (HandshakeSlots), first come, first
// served. A node that takes over the devices of one that
// died gets all of them at once; starting every TLS handshake together would share the CPU among all of them,
// so that none finishes soon, hold every one's buffers meanwhile and starve the links already here. Over the
// rate, accepted descriptors wait here in arrival order and the listening sockets pause: later ones wait in
// the kernel's accept queue (kListenBacklog), and past it in the clients' own TCP retries — admitted in turn,
// never refused. The rate is a ceiling; the handshakes in flight are what adapts the pace to the machine: a
// link is let in when one before it has finished. Main thread.
class AcceptPacer final : public QObject {
    Q_OBJECT

public:
    static constexpr int kListenBacklog = 4096;       // the kernel caps it at net.core.somaxconn
    static constexpr int kTickMs = 10;                // how often waiting links are let in while there are any
    static constexpr int kBurstDivisor = 10;          // a burst is a tenth of a second's worth of links
    static constexpr int kDefaultRatePerThread = 500; // when not configured: per network thread, per second
    static constexpr int kDefaultHandshakesPerThread = 64; // when not configured: per network thread, at once
    static constexpr int kResumedPendingConnections = 30; // QTcpServer's default, restored when not paused
    static constexpr qint64 kTellIntervalMs = 60000;      // the log says it is pacing at most this often
    static constexpr int kAcceptRetryMs = 250;            // after accepting failed (out of descriptors): try again then

    // `ratePerSecond` 0: no pacing (Server gives the default then: --accept-rate 0 means the default).
    AcceptPacer(int ratePerSecond, HandshakeSlots &handshakes, QObject *parent = nullptr);
    ~AcceptPacer() override;

    void add(Acceptor *acceptor);
    // `from` accepted `descriptor`: it is handed over now, or in its turn.
    void offer(Acceptor *from, qintptr descriptor);
    // Accepting failed for a reason Qt does not take as passing (out of descriptors or memory, a connection
    // aborted): QTcpServer has paused `acceptor`, for good; it listens again after kAcceptRetryMs, by then
    // links may have closed. Queued links wait in the kernel meanwhile.
    void acceptFailed(Acceptor *acceptor, const QString &why);
    // Closes the links still waiting (the server is stopping).
    void clear();
    int waiting() const { return int(m_waiting.size()); }

private:
    struct Waiting {
        Acceptor *from;
        qintptr descriptor;
    };
    void admitWaiting();
    // A slot and a token for one more link now.
    bool mayAdmit();
    void setPaused(bool paused);

    TokenBucket m_bucket;
    HandshakeSlots &m_handshakes;
    QElapsedTimer m_clock;
    std::deque<Waiting> m_waiting;
    QList<Acceptor *> m_acceptors;
    QTimer m_tick;
    bool m_paused = false;
    qint64 m_lastToldMs = -1;
    qint64 m_lastFailureToldMs = -1;
    QSet<Acceptor *> m_retrying; // acceptors with a retry due
};

} // namespace parley::server
