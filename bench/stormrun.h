#pragma once

#include "bench/benchrun.h"
#include "core/net/backoff.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QQueue>
#include <QSet>
#include <QTimer>

class BenchServer;
class Crowd;

// The reconnect storm: N users are connected and in sync; each sends M more messages, whose pushes the
// run ignores (as if lost with the server); the server is SIGKILLed and restarted, and all N reconnect at
// the same moment, authenticate and pull what they missed. Reports the time from the server's restart
// until all are connected and until all are back in sync. On several nodes (one database, one Redis) the
// N users are on the first node, which is SIGKILLed and not restarted: they all move at once to the others
// (user i to node 1 + i % (nodes - 1)), and the time counts from the kill.
class StormRun : public BenchRun {
    Q_OBJECT

public:
    struct Options {
        int clients = 1000;
        int messagesPerClient = 10;
        int window = 8;
        int textBytes = 40;
    };

    StormRun(QList<BenchServer *> nodes, Options options, QObject *parent = nullptr);
    ~StormRun() override;

    void start();

private:
    enum class Phase { Warming, Missing, Storming };

    void sendWave(Phase phase);
    void sendNext(int client);
    void pullFrom(int client, std::function<void()> inSync);
    void afterWarmup();
    void crash();
    void reconnectAll();
    void reconnect(int client);
    // A link the server closed before its user was back in sync is opened again after the app's backoff.
    void reopenLater(int client, const QString &why);
    // Reconnects the users whose links went, a few per turn of the event loop, so that the links already
    // reopening get their handshakes answered meanwhile (one process plays thousands of devices).
    void reconnectSome();
    void report();
    BenchServer &first() const { return *m_nodes.first(); }

    QList<BenchServer *> m_nodes;
    Options m_options;
    Crowd *m_crowd = nullptr;
    QElapsedTimer m_clock;
    Phase m_phase = Phase::Warming;
    QList<int> m_sent;
    QList<quint64> m_position; // each user's inbox position: everything up to here is "stored"
    qint64 m_acked = 0;
    int m_pending = 0; // users still pulling / connecting in the current step
    qint64 m_itemsPulled = 0;
    qint64 m_readyNs = 0;
    qint64 m_allConnectedNs = 0;
    qint64 m_allInSyncNs = 0;
    int m_connectedAfterRestart = 0;
    QList<qint64> m_connectedAfterNs, m_inSyncAfterNs; // each user's, from the kill or the restart
    QQueue<int> m_toReconnect;
    QTimer m_reconnectTurn;
    enum class Back : quint8 { Not, Connected, InSync };
    QList<Back> m_back;                     // each user's progress since the storm began
    QHash<int, parley::Backoff> m_backoffs; // of the users whose links were closed meanwhile
    QSet<int> m_reopening;
    int m_reopened = 0;
};
