#include "bench/mqttidlerun.h"

#include "bench/mqttclient.h"

#include <cstdio>

MqttIdleRun::MqttIdleRun(QByteArray host, int port, QByteArray caFile, qint64 brokerPid, int clients, QObject *parent)
    : BenchRun(parent),
      m_host(std::move(host)),
      m_port(port),
      m_caFile(std::move(caFile)),
      m_clients(clients),
      m_checkpoints(brokerPid, clients)
{
}

MqttIdleRun::~MqttIdleRun()
{
    qDeleteAll(m_open);
}

void MqttIdleRun::start()
{
    printf("mqtt-bench idle: %d clients connect over TLS, %d handshakes at a time\n", m_clients, kConnectConcurrency);
    m_checkpoints.start();
    connectNext();
}

void MqttIdleRun::connectNext()
{
    while (m_next < m_clients && m_inFlight < kConnectConcurrency) {
        auto *client = new MqttClient("idle-" + QByteArray::number(m_next++), 20);
        m_open.append(client);
        ++m_inFlight;
        client->useTls(m_caFile);
        connect(client, &MqttClient::failed, this, &MqttIdleRun::fail);
        connect(client, &MqttClient::connected, this, &MqttIdleRun::connectedOne);
        if (!client->open(m_host, m_port))
            return;
    }
}

void MqttIdleRun::connectedOne()
{
    ++m_connected;
    --m_inFlight;
    m_checkpoints.connected(m_connected);
    if (m_connected == m_clients) {
        m_done = true;
        Q_EMIT finished(0);
        return;
    }
    connectNext();
}
