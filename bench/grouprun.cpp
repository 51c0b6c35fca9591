#include "bench/grouprun.h"

#include "bench/benchclient.h"
#include "bench/benchmessages.h"
#include "bench/benchserver.h"
#include "bench/crowd.h"

#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

GroupRun::GroupRun(BenchServer &server, Options options, QObject *parent)
    : BenchRun(parent), m_server(server), m_options(options)
{
    m_clock.start();
}

GroupRun::~GroupRun() = default;

void GroupRun::start()
{
    connect(&m_server, &BenchServer::failed, this, &GroupRun::fail);
    connect(&m_server, &BenchServer::ready, this, [this] {
        m_crowd = new Crowd(m_server, m_options.members, this);
        connect(m_crowd, &Crowd::failed, this, &GroupRun::fail);
        connect(m_crowd, &Crowd::connected, this, &GroupRun::befriendNext);
        m_crowd->logIn();
    });
    m_server.start();
}

void GroupRun::befriendNext()
{
    // Everyone asks the owner (client 0); the owner accepts each.
    const QList<BenchClient *> &clients = m_crowd->clients();
    BenchClient *owner = clients.first();
    while (m_nextFriend < m_options.members && m_friendsInFlight < kSetupWindow) {
        BenchClient *member = clients[m_nextFriend++];
        ++m_friendsInFlight;
        v1::AddFriendRequest ask;
        ask.set_user_id(owner->userId.toStdString());
        member->request(SubSignal::FAR, ask, [this, owner](const v1::Result &r) {
            if (r.code() != v1::ERR_NONE) {
                fail(u"FAR refused: %1"_s.arg(QString::fromStdString(r.message())));
                return;
            }
            v1::HandleFriendRequest accept;
            accept.set_request_id(r.friend_request().request().request_id());
            accept.set_accept(true);
            owner->request(SubSignal::FHR, accept, [this](const v1::Result &answered) {
                if (answered.code() != v1::ERR_NONE) {
                    fail(u"FHR refused: %1"_s.arg(QString::fromStdString(answered.message())));
                    return;
                }
                --m_friendsInFlight;
                if (++m_friends == m_options.members - 1)
                    createGroup();
                else
                    befriendNext();
            });
        });
    }
    if (m_options.members == 1)
        createGroup();
}

void GroupRun::createGroup()
{
    const QList<BenchClient *> &clients = m_crowd->clients();
    v1::CreateGroupRequest create;
    create.set_name("bench");
    for (int i = 1; i < m_options.members; ++i)
        create.add_members(clients[i]->userId.toStdString());
    clients.first()->request(SubSignal::GC, create, [this, clients](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE) {
            fail(u"GC refused: %1"_s.arg(QString::fromStdString(r.message())));
            return;
        }
        m_groupId = QString::fromStdString(r.group().group_id());
        // Those beyond `online` go offline; the rest hear every message.
        for (int i = m_options.online; i < m_options.members; ++i) {
            clients[i]->setExpectingClose(true);
            clients[i]->close();
        }
        for (int i = 0; i < std::min(m_options.online, m_options.members); ++i) {
            connect(clients[i], &BenchClient::pushed, this, [this, client = clients[i]](const v1::InboxItem &item) {
                if (item.has_message() && !client->sentIt(item))
                    onPush(QString::fromLatin1(QByteArray::fromStdString(item.message().client_uuid()).toHex()));
            });
        }
        m_cpuStartUs = m_server.cpuUs();
        m_sendStartNs = m_clock.nsecsElapsed();
        sendNext();
    });
}

void GroupRun::sendNext()
{
    if (m_sent == m_options.messages) {
        report();
        return;
    }
    const int sender = m_sent % std::max(1, m_options.online);
    v1::Message m = benchText(m_groupId, m_options.textBytes);
    m.set_conversation_type(v1::CONVERSATION_GROUP);
    m_currentUuid = QByteArray::fromStdString(m.client_uuid()).toHex();
    m_pushesForCurrent = 0;
    ++m_sent;
    m_sentAtNs = m_clock.nsecsElapsed();
    m_crowd->clients()[sender]->request(SubSignal::MS, m, [this](const v1::Result &r) {
        if (r.code() != v1::ERR_NONE)
            fail(u"MS refused: %1"_s.arg(QString::fromStdString(r.message())));
        else if (m_options.online <= 1)
            sendNext();
    });
}

void GroupRun::onPush(const QString &clientUuid)
{
    if (clientUuid.toLatin1() != m_currentUuid)
        return;
    const qint64 now = m_clock.nsecsElapsed();
    if (++m_pushesForCurrent == 1)
        m_firstLatencyNs.append(now - m_sentAtNs);
    if (m_pushesForCurrent == m_options.online - 1) { // every online member but the sender
        m_lastLatencyNs.append(now - m_sentAtNs);
        sendNext();
    }
}

void GroupRun::report()
{
    m_done = true;
    const qint64 cpuUs = m_server.cpuUs() - m_cpuStartUs;
    const double wallS = double(m_clock.nsecsElapsed() - m_sendStartNs) / 1e9;
    std::sort(m_firstLatencyNs.begin(), m_firstLatencyNs.end());
    std::sort(m_lastLatencyNs.begin(), m_lastLatencyNs.end());
    const qint64 copies = qint64(m_options.messages) * std::max(0, m_options.online - 1);
    printf("parley-bench group: %d members, %d online, %d messages one at a time, %d-byte texts\n", m_options.members,
           m_options.online, m_options.messages, m_options.textBytes);
    printf("  send -> first online member: p50 %.2f ms, p99 %.2f ms\n", percentile(m_firstLatencyNs, 0.5),
           percentile(m_firstLatencyNs, 0.99));
    printf("  send -> last online member:  p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(m_lastLatencyNs, 0.5),
           percentile(m_lastLatencyNs, 0.99), percentile(m_lastLatencyNs, 1.0));
    printf("  %d messages in %.2f s; server CPU %.2f s = %.0f us per message, %.1f us per inbox row (%d per "
           "message), %.1f us per push delivered (%lld)\n",
           m_options.messages, wallS, double(cpuUs) / 1e6, double(cpuUs) / m_options.messages,
           double(cpuUs) / (double(m_options.messages) * m_options.members), m_options.members,
           double(cpuUs) / double(std::max<qint64>(1, copies)), copies);
    const qint64 peakKb = m_server.memoryKb("VmHWM:");
    if (peakKb > 0)
        printf("  server peak memory (VmHWM): %.1f MB\n", double(peakKb) / 1024);
    fflush(stdout);
    Q_EMIT finished(0);
}
