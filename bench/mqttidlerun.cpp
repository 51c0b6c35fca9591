#include "bench/mqttidlerun.h"

#include "bench/mqttclient.h"
#include "bench/procstatus.h"

#include <cstdio>

MqttIdleRun::MqttIdleRun(QByteArray host, int port, QByteArray caFile, qint64 brokerPid, int clients, QObject *parent)
    : BenchRun(parent),
      m_host(std::move(host)),
      m_port(port),
      m_caFile(std::move(caFile)),
      m_brokerPid(brokerPid),
      m_clients(clients)
{
    m_clock.start();
}

MqttIdleRun::~MqttIdleRun()
{
    qDeleteAll(m_open);
}

void MqttIdleRun::start()
{
    const QString pid = QString::number(m_brokerPid);
    m_rssBeforeKb = procStatusKb(pid, "VmRSS:");
    m_lastCheckpointCpuUs = procCpuUs(pid);
    m_lastCheckpointNs = m_clock.nsecsElapsed();
    printf("mqtt-bench idle: %d clients connect over TLS, %d handshakes at a time\n", m_clients, kConnectConcurrency);
    printf("  server memory before: %.1f MB\n", double(m_rssBeforeKb) / 1024);
    printf("  %11s %14s %14s %12s\n", "connections", "wall ms/conn", "cpu ms/conn", "KB/conn");
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
    if (m_connected % kCheckpointStep == 0 || m_connected == m_clients)
        checkpoint();
    if (m_connected == m_clients) {
        m_done = true;
        Q_EMIT finished(0);
        return;
    }
    connectNext();
}

void MqttIdleRun::checkpoint()
{
    const QString pid = QString::number(m_brokerPid);
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpuUs = procCpuUs(pid);
    const int count = m_connected - m_lastCheckpoint;
    printf("  %11d %14.3f %14.3f %12.1f\n", m_connected, double(now - m_lastCheckpointNs) / 1e6 / count,
           double(cpuUs - m_lastCheckpointCpuUs) / 1e3 / count,
           double(procStatusKb(pid, "VmRSS:") - m_rssBeforeKb) / m_connected);
    fflush(stdout);
    m_lastCheckpoint = m_connected;
    m_lastCheckpointNs = now;
    m_lastCheckpointCpuUs = cpuUs;
}
