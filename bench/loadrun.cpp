#include "bench/loadrun.h"

#include "bench/benchclient.h"
#include "bench/benchmessages.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"
#include "bench/nodeset.h"
#include "bench/openlooppacer.h"

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>

#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

LoadRun::LoadRun(QList<BenchServer *> nodes, Options options, QObject *parent)
    : BenchRun(parent), m_nodes(std::move(nodes)), m_options(options)
{
    m_clock.start();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
}

LoadRun::~LoadRun() = default;

void LoadRun::start()
{
    auto *nodes = new NodeSet(m_nodes, this);
    connect(nodes, &NodeSet::failed, this, &LoadRun::fail);
    connect(nodes, &NodeSet::ready, this, &LoadRun::allNodesReady);
    nodes->start();
}

void LoadRun::allNodesReady()
{
    m_rssBeforeKb = memoryKb("VmRSS:");
    m_loginStartNs = m_clock.nsecsElapsed();
    m_crowd = new Crowd(m_nodes, m_options.clients, this);
    connect(m_crowd, &Crowd::failed, this, &LoadRun::fail);
    connect(m_crowd, &Crowd::connected, this, [this] {
        m_loginEndNs = m_clock.nsecsElapsed();
        m_rssConnectedKb = memoryKb("VmRSS:");
        startSending();
    });
    m_crowd->logIn();
}

qint64 LoadRun::memoryKb(const char *field) const
{
    qint64 sum = 0;
    for (const BenchServer *node : m_nodes)
        sum += node->memoryKb(field);
    return sum;
}

qint64 LoadRun::cpuUs() const
{
    qint64 sum = 0;
    for (const BenchServer *node : m_nodes) {
        const qint64 us = node->cpuUs();
        if (us < 0)
            return -1;
        sum += us;
    }
    return sum;
}

int LoadRun::peerOf(int client) const
{
    QRandomGenerator &random = *QRandomGenerator::global();
    const int nodes = int(m_nodes.size());
    if (nodes == 1 || m_options.clients < nodes) { // anyone else
        const int peer = int(random.bounded(m_options.clients - 1));
        return peer >= client ? peer + 1 : peer;
    }
    // Someone on another node: users node, node + nodes, … are on that node.
    const int node = (client % nodes + 1 + int(random.bounded(nodes - 1))) % nodes;
    const int onNode = (m_options.clients - node + nodes - 1) / nodes;
    return node + nodes * int(random.bounded(onNode));
}

void LoadRun::startSending()
{
    m_expected = qint64(m_options.clients) * m_options.messagesPerClient;
    m_sent = QList<int>(m_options.clients, 0);
    m_latencyNs.reserve(m_expected);
    if (!m_options.latencyLog.isEmpty())
        m_dueNs.reserve(m_expected);
    m_cpuStartUs = cpuUs();
    m_sendStartNs = m_clock.nsecsElapsed();
    if (m_expected == 0 || m_options.clients < 2) {
        report();
        return;
    }
    for (BenchClient *client : m_crowd->clients()) {
        connect(client, &BenchClient::pushed, this, [this, client](const v1::InboxItem &item) {
            if (client->sentIt(item))
                return;
            const auto it = m_sentAtNs.find(QByteArray::fromStdString(item.message().client_uuid()));
            if (it == m_sentAtNs.end())
                return;
            const qint64 now = m_clock.nsecsElapsed();
            m_latencyNs.append(now - *it);
            if (!m_options.latencyLog.isEmpty())
                m_dueNs.append(*it);
            m_sentAtNs.erase(it);
            ++m_pushed;
            m_lastPushNs = now;
            maybeDone();
        });
    }
    startLoad(
        this, m_clock, m_options.ratePerSecond, m_expected, m_options.clients, m_options.window,
        [this](int client, qint64 dueNs) { send(client, dueNs); }, [this](int client) { sendNext(client); });
}

void LoadRun::sendNext(int client)
{
    if (m_sent[client] >= m_options.messagesPerClient)
        return;
    send(client, m_clock.nsecsElapsed());
}

void LoadRun::send(int client, qint64 dueNs)
{
    ++m_sent[client];
    const int peer = peerOf(client);
    const QList<BenchClient *> &clients = m_crowd->clients();
    const v1::Message m = benchText(clients[peer]->userId, m_options.textBytes);
    m_sentAtNs.insert(QByteArray::fromStdString(m.client_uuid()), dueNs);
    clients[client]->request(SubSignal::MS, m, [this, client](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE)
            ++m_errors;
        ++m_acked;
        m_lastAckNs = m_clock.nsecsElapsed();
        if (m_options.ratePerSecond == 0)
            sendNext(client);
        maybeDone();
    });
}

void LoadRun::maybeDone()
{
    if (m_done || m_acked < m_expected || m_pushed + m_errors < m_expected)
        return;
    report();
}

void LoadRun::writeLatencyLog() const
{
    if (m_options.latencyLog.isEmpty())
        return;
    QFile file(m_options.latencyLog);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        fprintf(stderr, "parley-bench: cannot write %s\n", qPrintable(m_options.latencyLog));
        return;
    }
    QTextStream out(&file);
    for (qsizetype i = 0; i < m_dueNs.size(); ++i) {
        const QDateTime due = QDateTime::fromMSecsSinceEpoch(m_startedMs + m_dueNs[i] / 1'000'000);
        out << due.toString(Qt::ISODateWithMs) << ' ' << QString::number(double(m_latencyNs[i]) / 1e6, 'f', 3) << '\n';
    }
    out.flush();
    if (out.status() != QTextStream::Ok || file.error() != QFileDevice::NoError)
        fprintf(stderr, "parley-bench: writing %s failed: %s\n", qPrintable(m_options.latencyLog),
                qPrintable(file.errorString()));
}

void LoadRun::report()
{
    m_done = true;
    const qint64 cpuEndUs = cpuUs();
    const double loginS = double(m_loginEndNs - m_loginStartNs) / 1e9;
    const double sendS = double(std::max(m_lastAckNs, m_lastPushNs) - m_sendStartNs) / 1e9;
    const double ackS = double(m_lastAckNs - m_sendStartNs) / 1e9;
    writeLatencyLog();
    std::sort(m_latencyNs.begin(), m_latencyNs.end());
    const qint64 peakKb = memoryKb("VmHWM:");
    const qint64 nowKb = memoryKb("VmRSS:");
    if (m_options.ratePerSecond > 0)
        printf("parley-bench load: %d clients x %d messages, open loop at %d msg/s, %d-byte texts\n", m_options.clients,
               m_options.messagesPerClient, m_options.ratePerSecond, m_options.textBytes);
    else
        printf("parley-bench load: %d clients x %d messages, window %d, %d-byte texts\n", m_options.clients,
               m_options.messagesPerClient, m_options.window, m_options.textBytes);
    if (m_nodes.size() > 1)
        printf("  on %d nodes, each message to a user on another node; memory and CPU of all nodes together\n",
               int(m_nodes.size()));
    printf("  login + connect: %d clients in %.2f s\n", m_options.clients, loginS);
    if (m_rssBeforeKb > 0)
        printf("  server memory: %.1f MB before clients, %.1f MB with %d connected (%.1f KB per connection)\n",
               double(m_rssBeforeKb) / 1024, double(m_rssConnectedKb) / 1024, m_options.clients,
               double(m_rssConnectedKb - m_rssBeforeKb) / std::max(1, m_options.clients));
    if (m_expected > 0 && m_options.clients >= 2) {
        printLoadFigures(m_acked, ackS, m_errors, m_latencyNs, m_cpuStartUs, cpuEndUs);
        printf("  delivered: %lld pushes; all done in %.2f s = %.0f msg/s end to end\n", m_pushed, sendS,
               double(m_pushed) / std::max(sendS, 1e-9));
    }
    if (peakKb > 0)
        printf("  server peak memory (VmHWM): %.1f MB; now %.1f MB\n", double(peakKb) / 1024, double(nowKb) / 1024);
    fflush(stdout);
    Q_EMIT finished(m_errors == 0 ? 0 : 1);
}
