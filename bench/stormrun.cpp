#include "bench/stormrun.h"

#include "bench/benchclient.h"
#include "bench/benchmessages.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"
#include "bench/nodeset.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr quint32 kPullPage = 200;
constexpr int kReconnectsPerTurn = 50;
constexpr int kMaxReopens = 8; // in a row, for one user: about 3 minutes of backoff, then the run fails

} // namespace

StormRun::StormRun(QList<BenchServer *> nodes, Options options, QObject *parent)
    : BenchRun(parent), m_nodes(std::move(nodes)), m_options(options)
{
    m_clock.start();
    m_reconnectTurn.setInterval(0);
    connect(&m_reconnectTurn, &QTimer::timeout, this, &StormRun::reconnectSome);
}

StormRun::~StormRun() = default;

void StormRun::start()
{
    if (!first().isOwned()) {
        fail(u"the storm kills the server: it needs one it starts itself (not --server)"_s);
        return;
    }
    auto *nodes = new NodeSet(m_nodes, this);
    connect(nodes, &NodeSet::failed, this, &StormRun::fail);
    connect(nodes, &NodeSet::ready, this, [this] {
        m_crowd = new Crowd(first(), m_options.clients, this);
        connect(m_crowd, &Crowd::failed, this, [this](const QString &why) {
            static constexpr const char *kPhases[] = {"warming up", "missing messages", "storming"};
            fail(u"%1 (%2, %3 of %4 back)"_s.arg(why, QString::fromLatin1(kPhases[int(m_phase)]))
                     .arg(m_connectedAfterRestart)
                     .arg(m_options.clients));
        });
        connect(m_crowd, &Crowd::connected, this, [this] {
            m_position = QList<quint64>(m_options.clients, 0);
            sendWave(Phase::Warming);
        });
        m_crowd->logIn();
    });
    nodes->start();
}

void StormRun::sendWave(Phase phase)
{
    m_phase = phase;
    m_sent = QList<int>(m_options.clients, 0);
    m_acked = 0;
    for (int i = 0; i < m_options.clients; ++i) {
        for (int w = 0; w < m_options.window; ++w)
            sendNext(i);
    }
}

void StormRun::sendNext(int client)
{
    if (m_sent[client] >= m_options.messagesPerClient)
        return;
    ++m_sent[client];
    int peer = int(QRandomGenerator::global()->bounded(m_options.clients - 1));
    if (peer >= client)
        ++peer;
    const QList<BenchClient *> &clients = m_crowd->clients();
    clients[client]->request(SubSignal::MS, benchText(clients[peer]->userId, m_options.textBytes),
                             [this, client](const v1::Result &r) {
                                 if (r.code() != v1::ERR_NONE) {
                                     fail(u"send refused: %1"_s.arg(QString::fromStdString(r.message())));
                                     return;
                                 }
                                 sendNext(client);
                                 if (++m_acked < qint64(m_options.clients) * m_options.messagesPerClient)
                                     return;
                                 if (m_phase == Phase::Warming)
                                     afterWarmup();
                                 else
                                     crash();
                             });
}

void StormRun::pullFrom(int client, std::function<void()> inSync)
{
    v1::PullRequest request;
    request.set_after_seq(m_position[client]);
    request.set_limit(kPullPage);
    m_crowd->clients()[client]->request(SubSignal::MP, request, [this, client, inSync](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE) {
            fail(u"pull refused: %1"_s.arg(QString::fromStdString(r.message())));
            return;
        }
        const v1::PullResult &page = r.pulled();
        if (page.items_size() > 0)
            m_position[client] = page.items(page.items_size() - 1).seq();
        if (m_phase == Phase::Storming)
            m_itemsPulled += page.items_size();
        if (page.has_more())
            pullFrom(client, inSync);
        else
            inSync();
    });
}

void StormRun::afterWarmup()
{
    // Everyone catches up once, so that the positions are the server's heads.
    m_pending = m_options.clients;
    for (int i = 0; i < m_options.clients; ++i) {
        pullFrom(i, [this] {
            if (--m_pending == 0)
                sendWave(Phase::Missing);
        });
    }
}

void StormRun::crash()
{
    for (BenchClient *client : m_crowd->clients())
        client->setExpectingClose(true);
    m_phase = Phase::Storming;
    m_back = QList<Back>(m_options.clients, Back::Not);
    if (m_nodes.size() > 1) {
        // The others are up: each user moves there as soon as it sees its link go, as an app does (not inside
        // the socket's own error signal).
        m_pending = m_options.clients;
        const QList<BenchClient *> &clients = m_crowd->clients();
        for (int i = 0; i < clients.size(); ++i)
            connect(
                clients[i], &BenchClient::closed, this,
                [this, i] {
                    m_toReconnect.enqueue(i);
                    m_reconnectTurn.start();
                },
                Qt::SingleShotConnection);
        first().kill();
        m_readyNs = m_clock.nsecsElapsed();
        return;
    }
    first().kill();
    connect(
        &first(), &BenchServer::ready, this,
        [this] {
            m_readyNs = m_clock.nsecsElapsed();
            reconnectAll();
        },
        Qt::SingleShotConnection);
    first().restart();
}

void StormRun::reconnectAll()
{
    m_pending = m_options.clients;
    for (int i = 0; i < m_options.clients; ++i)
        m_toReconnect.enqueue(i);
    m_reconnectTurn.start();
}

void StormRun::reconnectSome()
{
    for (int n = 0; n < kReconnectsPerTurn && !m_toReconnect.isEmpty(); ++n)
        reconnect(m_toReconnect.dequeue());
    if (m_toReconnect.isEmpty())
        m_reconnectTurn.stop();
}

void StormRun::reconnect(int i)
{
    BenchClient *client = m_crowd->clients()[i];
    client->disconnect(this);
    connect(client, &BenchClient::closed, this, [this, i](const QString &why) { reopenLater(i, why); });
    connect(client, &BenchClient::opened, this, [this, client, i] {
        client->connectSession([this, i](bool accepted, quint64) {
            if (!accepted) {
                fail(u"CONNECT refused after the restart"_s);
                return;
            }
            if (m_back[i] == Back::InSync)
                return;            // reopened once more than it needed
            m_backoffs[i].reset(); // as an app does once connected
            if (std::exchange(m_back[i], Back::Connected) == Back::Not) {
                m_connectedAfterNs.append(m_clock.nsecsElapsed() - m_readyNs);
                if (++m_connectedAfterRestart == m_options.clients)
                    m_allConnectedNs = m_clock.nsecsElapsed();
            }
            pullFrom(i, [this, i] {
                m_back[i] = Back::InSync;
                m_inSyncAfterNs.append(m_clock.nsecsElapsed() - m_readyNs);
                if (--m_pending == 0) {
                    m_allInSyncNs = m_clock.nsecsElapsed();
                    report();
                }
            });
        });
    });
    client->setExpectingClose(true); // the server may close it meanwhile, as it may any app's
    const BenchServer *node = m_nodes.size() > 1 ? m_nodes[1 + i % (m_nodes.size() - 1)] : &first();
    client->open(node->host(), node->port());
}

void StormRun::reopenLater(int i, const QString &why)
{
    if (m_back[i] == Back::InSync || m_reopening.contains(i))
        return; // its part is over, or one close reported twice
    Backoff &backoff = m_backoffs[i];
    if (backoff.attempts() >= kMaxReopens) {
        fail(u"a user's link was closed %1 times in a row, the last: %2"_s.arg(kMaxReopens + 1).arg(why));
        return;
    }
    ++m_reopened;
    m_reopening.insert(i);
    QTimer::singleShot(backoff.nextDelayMs(), this, [this, i] {
        m_reopening.remove(i);
        if (m_back[i] == Back::InSync)
            return;
        m_toReconnect.enqueue(i);
        m_reconnectTurn.start();
    });
}

void StormRun::report()
{
    if (std::exchange(m_done, true))
        return;
    const qint64 missed = qint64(m_options.clients) * m_options.messagesPerClient * 2; // sender's and recipient's
    const bool moved = m_nodes.size() > 1;
    if (moved)
        printf("parley-bench storm: %d users on one of %d nodes move to the others at once when it is SIGKILLed\n",
               m_options.clients, int(m_nodes.size()));
    else
        printf("parley-bench storm: %d users reconnect at once after a server crash (SIGKILL + restart)\n",
               m_options.clients);
    printf("  missed while the pushes were lost: %lld inbox items (%d messages per user)\n", missed,
           m_options.messagesPerClient);
    const char *from = moved ? "node killed" : "server ready";
    printf("  %s -> all %d reconnected (TLS + CONNECT): %.2f s\n", from, m_options.clients,
           double(m_allConnectedNs - m_readyNs) / 1e9);
    printf("  %s -> all back in sync: %.2f s (%lld items pulled)\n", from, double(m_allInSyncNs - m_readyNs) / 1e9,
           m_itemsPulled);
    printf("  links the server closed before their user was back in sync, reopened after the app's backoff: %d\n",
           m_reopened);
    // How the users were spread over that time (a queue served in turn climbs evenly; retries show as steps).
    for (auto [what, times] : {std::pair{"reconnected", &m_connectedAfterNs}, std::pair{"in sync", &m_inSyncAfterNs}}) {
        if (times->isEmpty())
            continue;
        std::sort(times->begin(), times->end());
        const auto seconds = [times](double p) { return percentile(*times, p) / 1e3; };
        printf("  users %s after p10 %.2f s, p50 %.2f s, p90 %.2f s, p99 %.2f s\n", what, seconds(0.1), seconds(0.5),
               seconds(0.9), seconds(0.99));
    }
    if (!moved) {
        if (const qint64 peakKb = first().memoryKb("VmHWM:"); peakKb > 0)
            printf("  server peak memory since the restart (VmHWM): %.1f MB\n", double(peakKb) / 1024);
    }
    for (const BenchServer *node : m_nodes.mid(1)) {
        if (const qint64 peakKb = node->memoryKb("VmHWM:"); peakKb > 0)
            printf("  node %d peak memory (VmHWM): %.1f MB, now %.1f MB\n", int(m_nodes.indexOf(node)),
                   double(peakKb) / 1024, double(node->memoryKb("VmRSS:")) / 1024);
    }
    if (m_itemsPulled != missed)
        printf("parley-bench: %lld items pulled, %lld were missed\n", m_itemsPulled, missed);
    fflush(stdout);
    Q_EMIT finished(m_itemsPulled == missed ? 0 : 1);
}
