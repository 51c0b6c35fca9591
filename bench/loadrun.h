#pragma once

#include "bench/benchrun.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

class BenchServer;
class Crowd;

// The send load: N users each send M one-to-one messages to random others, either closed-loop (each keeps W
// unacknowledged messages in flight) or open-loop (the crowd sends R messages per second in all, whatever
// the answers, and latency counts from when each message was due, so a stalled server cannot hide its queue);
// reports throughput, send → push latency percentiles, the server's CPU time per message and its memory. On
// several nodes (one database, one Redis), user i is on node i % nodes and writes only to users on other
// nodes; CPU and memory are all nodes' together.
class LoadRun : public BenchRun {
    Q_OBJECT

public:
    struct Options {
        int clients = 100;
        int messagesPerClient = 100;
        int window = 32;
        int textBytes = 40;
        int ratePerSecond = 0; // 0: closed loop with the window above
        QString latencyLog;    // where to write each message's due time and latency, if anywhere
    };

    // `nodes`: started together (NodeSet).
    LoadRun(QList<BenchServer *> nodes, Options options, QObject *parent = nullptr);
    ~LoadRun() override;

    void start();

private:
    void allNodesReady();
    void startSending();
    int peerOf(int client) const;
    qint64 memoryKb(const char *field) const; // all nodes'
    qint64 cpuUs() const;
    void sendNext(int client);
    void send(int client, qint64 dueNs);
    void maybeDone();
    void report();
    void writeLatencyLog() const;

    QList<BenchServer *> m_nodes;
    Options m_options;
    Crowd *m_crowd = nullptr;
    QList<int> m_sent; // per client
    qint64 m_cpuStartUs = -1;
    qint64 m_acked = 0;
    qint64 m_pushed = 0;
    qint64 m_expected = 0;
    qint64 m_errors = 0;
    QHash<QByteArray, qint64> m_sentAtNs;
    QList<qint64> m_latencyNs;
    QList<qint64> m_dueNs;  // with a latency log: each latency's due time, in the same order
    qint64 m_startedMs = 0; // since the epoch, when m_clock started
    QElapsedTimer m_clock;
    qint64 m_loginStartNs = 0;
    qint64 m_loginEndNs = 0;
    qint64 m_sendStartNs = 0;
    qint64 m_lastAckNs = 0;
    qint64 m_lastPushNs = 0;
    qint64 m_rssBeforeKb = 0;
    qint64 m_rssConnectedKb = 0;
};
