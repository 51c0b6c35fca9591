#include "bench/idlerun.h"

#include "bench/benchclient.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"

#include <cstdio>

using namespace Qt::StringLiterals;

IdleRun::IdleRun(BenchServer &server, int clients, QObject *parent)
    : BenchRun(parent), m_server(server), m_clients(clients)
{
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
            printf("parley-bench idle: %d users connect to a freshly started server, %d handshakes at a time\n",
                   m_clients, kConnectConcurrency);
            m_checkpoints.emplace(m_server.pid(), m_clients);
            m_checkpoints->start();
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
    m_checkpoints->connected(m_connected);
    if (m_connected == m_clients) {
        m_done = true;
        Q_EMIT finished(0);
        return;
    }
    connectNext();
}
