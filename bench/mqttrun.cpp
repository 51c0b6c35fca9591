#include "bench/mqttrun.h"

#include "bench/benchmessages.h"
#include "bench/mqttclient.h"
#include "bench/openlooppacer.h"
#include "bench/procstatus.h"

#include <QRandomGenerator>
#include <QtEndian>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QByteArray topicOf(int client)
{
    return "u/" + QByteArray::number(client);
}

} // namespace

MqttRun::MqttRun(Options options, QObject *parent) : BenchRun(parent), m_options(std::move(options))
{
    m_clock.start();
}

MqttRun::~MqttRun()
{
    qDeleteAll(m_clients);
}

qint64 MqttRun::brokerCpuUs() const
{
    return m_options.brokerPid > 0 ? procCpuUs(QString::number(m_options.brokerPid)) : -1;
}

void MqttRun::start()
{
    // Everyone connects and subscribes to their own topic before anyone publishes.
    for (int i = 0; i < m_options.clients; ++i) {
        auto *client = new MqttClient("bench-" + QByteArray::number(i), std::max(20, m_options.window));
        m_clients.append(client);
        connect(client, &MqttClient::failed, this, &MqttRun::fail);
        connect(client, &MqttClient::connected, this,
                [this, client, i] { client->subscribe(topicOf(i), m_options.qos); });
        connect(client, &MqttClient::subscribed, this, [this] {
            if (++m_ready == m_options.clients)
                startSending();
        });
        if (!client->open(m_options.host, m_options.port))
            return;
    }
}

void MqttRun::startSending()
{
    m_expected = qint64(m_options.clients) * m_options.messagesPerClient;
    m_sent = QList<int>(m_options.clients, 0);
    m_dueNs = QList<qint64>(m_expected, 0);
    m_latencyNs.reserve(m_expected);
    for (MqttClient *client : std::as_const(m_clients)) {
        connect(client, &MqttClient::received, this, [this](const QByteArray &payload) {
            const qint64 n = qFromBigEndian<qint64>(payload.constData());
            if (n < 0 || n >= m_expected || m_dueNs[n] < 0)
                return;
            const qint64 now = m_clock.nsecsElapsed();
            m_latencyNs.append(now - m_dueNs[n]);
            m_dueNs[n] = -1; // QoS 1 may deliver twice; counted once
            ++m_received;
            m_lastReceiveNs = now;
            maybeDone();
        });
    }
    for (int i = 0; i < m_options.clients; ++i) {
        connect(m_clients[i], &MqttClient::published, this, [this, i] {
            ++m_acked;
            m_lastAckNs = m_clock.nsecsElapsed();
            if (m_options.ratePerSecond == 0)
                sendNext(i);
            maybeDone();
        });
    }
    m_cpuStartUs = brokerCpuUs();
    m_sendStartNs = m_clock.nsecsElapsed();
    startLoad(
        this, m_clock, m_options.ratePerSecond, m_expected, m_options.clients, m_options.window,
        [this](int client, qint64 dueNs) { send(client, dueNs); }, [this](int client) { sendNext(client); });
}

void MqttRun::sendNext(int client)
{
    if (m_sent[client] < m_options.messagesPerClient)
        send(client, m_clock.nsecsElapsed());
}

void MqttRun::send(int client, qint64 dueNs)
{
    const qint64 n = qint64(client) * m_options.messagesPerClient + m_sent[client]++;
    int peer = int(QRandomGenerator::global()->bounded(m_options.clients - 1));
    if (peer >= client)
        ++peer;
    QByteArray payload(std::max<int>(m_options.textBytes, sizeof(qint64)), 'x');
    qToBigEndian<qint64>(n, payload.data());
    m_dueNs[n] = dueNs;
    m_clients[client]->publish(topicOf(peer), payload, m_options.qos);
}

void MqttRun::maybeDone()
{
    if (m_done || m_acked < m_expected || m_received < m_expected)
        return;
    report();
}

void MqttRun::report()
{
    m_done = true;
    const qint64 cpuEndUs = brokerCpuUs();
    std::sort(m_latencyNs.begin(), m_latencyNs.end());
    const double ackS = double(m_lastAckNs - m_sendStartNs) / 1e9;
    const double allS = double(std::max(m_lastAckNs, m_lastReceiveNs) - m_sendStartNs) / 1e9;
    if (m_options.ratePerSecond > 0)
        printf("mqtt-bench: %d clients x %d messages, QoS %d, open loop at %d msg/s, %d-byte payloads\n",
               m_options.clients, m_options.messagesPerClient, m_options.qos, m_options.ratePerSecond,
               m_options.textBytes);
    else
        printf("mqtt-bench: %d clients x %d messages, QoS %d, window %d, %d-byte payloads\n", m_options.clients,
               m_options.messagesPerClient, m_options.qos, m_options.window, m_options.textBytes);
    printLoadFigures(m_acked, ackS, 0, m_latencyNs, m_cpuStartUs, cpuEndUs);
    printf("  delivered: %lld messages; all done in %.2f s = %.0f msg/s end to end\n", m_received, allS,
           double(m_received) / std::max(allS, 1e-9));
    fflush(stdout);
    Q_EMIT finished(0);
}
