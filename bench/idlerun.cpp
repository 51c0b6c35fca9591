#include "bench/idlerun.h"

#include "bench/benchclient.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"

#include <cstdio>

using namespace Qt::StringLiterals;

IdleRun::IdleRun(BenchServer &server, int clients, QObject *parent)
    : BenchRun(parent), m_server(server), m_clients(clients)
{
    m_clock.start();
}

IdleRun::~IdleRun() = default;

void IdleRun::start()
{
    if (!m_server.isOwned()) {
        fail(u"the idle scenario restarts the server: it needs one it starts itself (not --server)"_s);
        return;
    }
    connect(&m_server, &BenchServer::failed, this, &IdleRun::fail);
    connect(&m_server, &BenchServer::ready, this, [this] {
        if (m_restarted) {
            m_rssBeforeKb = m_server.memoryKb("VmRSS:");
            m_lastCheckpointNs = m_clock.nsecsElapsed();
            m_lastCheckpointCpuUs = m_server.cpuUs();
            printf("parley-bench idle: %d users connect to a freshly started server, %d handshakes at a time\n",
                   m_clients, kConnectConcurrency);
            printf("  server memory before: %.1f MB\n", double(m_rssBeforeKb) / 1024);
            printf("  %11s %14s %14s %12s\n", "connections", "wall ms/conn", "cpu ms/conn", "KB/conn");
            connectNext();
            return;
        }
        m_crowd = new Crowd(m_server, m_clients, this);
        connect(m_crowd, &Crowd::failed, this, &IdleRun::fail);
        connect(m_crowd, &Crowd::connected, this, [this] {
            for (BenchClient *client : m_crowd->clients()) {
                client->setExpectingClose(true);
                client->close();
            }
            m_restarted = true;
            m_server.kill();
            m_server.restart();
        });
        m_crowd->logIn();
    });
    m_server.start();
}

void IdleRun::connectNext()
{
    const QList<BenchClient *> &clients = m_crowd->clients();
    while (m_next < m_clients && m_inFlight < kConnectConcurrency) {
        BenchClient *client = clients[m_next++];
        ++m_inFlight;
        client->disconnect(this);
        client->setExpectingClose(false);
        connect(client, &BenchClient::opened, this, [this, client] {
            client->connectSession([this](bool accepted, quint64) {
                if (!accepted) {
                    fail(u"CONNECT refused"_s);
                    return;
                }
                connectedOne();
            });
        });
        client->open(m_server.host(), m_server.port());
    }
}

void IdleRun::connectedOne()
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

void IdleRun::checkpoint()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpuUs = m_server.cpuUs();
    const int count = m_connected - m_lastCheckpoint;
    const qint64 rssKb = m_server.memoryKb("VmRSS:");
    printf("  %11d %14.3f %14.3f %12.1f\n", m_connected, double(now - m_lastCheckpointNs) / 1e6 / count,
           double(cpuUs - m_lastCheckpointCpuUs) / 1e3 / count, double(rssKb - m_rssBeforeKb) / m_connected);
    fflush(stdout);
    m_lastCheckpoint = m_connected;
    m_lastCheckpointNs = now;
    m_lastCheckpointCpuUs = cpuUs;
}
