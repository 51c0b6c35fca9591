#pragma once

#include "bench/benchrun.h"

#include <QElapsedTimer>
#include <QList>

class MqttClient;

// The reference for `parley-bench --scenario idle`: N MQTT clients connect over TLS to a running broker,
// `kConnectConcurrency` at a time, and stay; at every `kCheckpointStep` the broker's memory per connection
// and, since the previous checkpoint, wall time and broker CPU time per connection.
class MqttIdleRun : public BenchRun {
    Q_OBJECT

public:
    static constexpr int kConnectConcurrency = 50;
    static constexpr int kCheckpointStep = 5000;

    MqttIdleRun(QByteArray host, int port, QByteArray caFile, qint64 brokerPid, int clients, QObject *parent = nullptr);
    ~MqttIdleRun() override;

    void start();

private:
    void connectNext();
    void connectedOne();
    void checkpoint();

    QByteArray m_host;
    int m_port;
    QByteArray m_caFile;
    qint64 m_brokerPid;
    int m_clients;
    QList<MqttClient *> m_open;
    int m_next = 0;
    int m_inFlight = 0;
    int m_connected = 0;
    QElapsedTimer m_clock;
    qint64 m_rssBeforeKb = 0;
    int m_lastCheckpoint = 0;
    qint64 m_lastCheckpointNs = 0;
    qint64 m_lastCheckpointCpuUs = 0;
};
