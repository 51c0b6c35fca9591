#pragma once

#include "bench/benchrun.h"

#include <QElapsedTimer>
#include <QList>

class MqttClient;

// The load of `parley-bench --scenario load`, on MQTT against the reference broker: N clients each subscribe
// to their own topic and publish M messages to random others' topics, closed-loop with W unacknowledged
// publishes each, or open-loop at R messages per second in all. Reports the same lines as LoadRun:
// throughput, publish → subscriber latency, and the broker's CPU time per message.
class MqttRun : public BenchRun {
    Q_OBJECT

public:
    struct Options {
        QByteArray host = "127.0.0.1";
        int port = 1883;
        qint64 brokerPid = 0;
        int clients = 100;
        int messagesPerClient = 100;
        int window = 32;
        int textBytes = 40;
        int qos = 1;
        int ratePerSecond = 0;
    };

    explicit MqttRun(Options options, QObject *parent = nullptr);
    ~MqttRun() override;

    void start();

private:
    void startSending();
    void sendNext(int client);
    void send(int client, qint64 dueNs);
    void maybeDone();
    void report();
    qint64 brokerCpuUs() const;

    Options m_options;
    QList<MqttClient *> m_clients;
    QList<int> m_sent;
    QList<qint64> m_dueNs; // by message number
    QList<qint64> m_latencyNs;
    QElapsedTimer m_clock;
    int m_ready = 0;
    qint64 m_expected = 0;
    qint64 m_acked = 0;
    qint64 m_received = 0;
    qint64 m_sendStartNs = 0;
    qint64 m_lastAckNs = 0;
    qint64 m_lastReceiveNs = 0;
    qint64 m_cpuStartUs = -1;
};
