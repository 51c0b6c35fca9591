#pragma once

#include "bench/benchrun.h"

#include "bench/connectcheckpoints.h"

#include <QList>

class MqttClient;

// The reference for `parley-bench --scenario idle`: N MQTT clients connect over TLS to a running broker,
// `kConnectConcurrency` at a time, and stay; the same table as IdleRun's (ConnectCheckpoints).
class MqttIdleRun : public BenchRun {
    Q_OBJECT

public:
    static constexpr int kConnectConcurrency = 50;

    MqttIdleRun(QByteArray host, int port, QByteArray caFile, qint64 brokerPid, int clients, QObject *parent = nullptr);
    ~MqttIdleRun() override;

    void start();

private:
    void connectNext();
    void connectedOne();

    QByteArray m_host;
    int m_port;
    QByteArray m_caFile;
    int m_clients;
    QList<MqttClient *> m_open;
    int m_next = 0;
    int m_inFlight = 0;
    int m_connected = 0;
    ConnectCheckpoints m_checkpoints;
};
