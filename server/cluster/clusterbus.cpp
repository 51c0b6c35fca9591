#include "server/cluster/clusterbus.h"

#include "cluster/nodenotice.pb.h"
#include "protocol/protobufbytes.h"
#include "server/logging.h"
#include "server/net/sessionregistry.h"

#include <QRandomGenerator>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

namespace parley::server {

namespace {

constexpr char kUserChannelPrefix[] = "parley:user:";

// The user whose channel it is (channelOf's inverse), or none.
std::optional<qint64> userOfChannel(const QByteArray &channel)
{
    if (!channel.startsWith(kUserChannelPrefix))
        return std::nullopt;
    bool ok = false;
    const qint64 userId = channel.mid(qsizetype(sizeof kUserChannelPrefix - 1)).toLongLong(&ok);
    return ok ? std::optional(userId) : std::nullopt;
}

} // namespace

ClusterBus::ClusterBus(RedisLink::Address redis, SessionRegistry &registry, ClusterBudgets::Rate send,
                       ClusterBudgets::Rate lookup)
    : m_redis(std::move(redis)),
      m_registry(registry),
      m_nodeId(QRandomGenerator::system()->generate64() | 1),
      m_budgets(send, lookup, [this](std::function<void()> work) { post(std::move(work)); }),
      m_presence(
          m_nodeId,
          [this](cluster::v1::NodeNotice &notice) {
              notice.set_origin(m_nodeId);
              return canSend() && this->send(presenceChannel(), toBytes(notice), false);
          },
          [this](qint64 userId) { m_registry.elsewhereChanged(userId); }, [this] { return m_subscribed; })
{
}

ClusterBus::~ClusterBus()
{
    stop();
}

QByteArray ClusterBus::channelOf(qint64 userId)
{
    return QByteArray(kUserChannelPrefix) + QByteArray::number(userId);
}

QByteArray ClusterBus::everyoneChannel()
{
    return QByteArrayLiteral("parley:everyone");
}

QByteArray ClusterBus::presenceChannel()
{
    return QByteArrayLiteral("parley:presence");
}

void ClusterBus::start()
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("parleyd-cluster"));
    m_home = new QObject;
    m_home->moveToThread(m_thread.get());
    m_thread->start();
    post([this] { open(); });
}

void ClusterBus::stop()
{
    {
        QMutexLocker lock(&m_postLock);
        if (!m_thread || m_stopped)
            return;
        m_stopped = true; // what is posted already still runs, in order, before the flush below
    }
    QSemaphore flushed;
    QMetaObject::invokeMethod(m_home, [this, &flushed] {
        QObject::connect(m_publisher, &RedisLink::closed, m_home, [&flushed] { flushed.release(); });
        if (canSend()) {
            publishUnpublished(); // what waited for Redis goes out with the rest
            m_presence.sayGoodbye();
        }
        m_publisher->closeGracefully();
    });
    if (!flushed.tryAcquire(1, kStopFlushMs))
        qCWarning(lcServer) << "Redis did not take the last pushes in time; other nodes' devices pull them later";
    QMetaObject::invokeMethod(
        m_home,
        [this] {
            m_budgets.close();
            m_presence.stop();
            delete m_publisher; // what is still unanswered is answered "failed" here: nothing waits for it now
            delete m_subscriber;
            delete m_outOfTouch;
            m_publisher = m_subscriber = nullptr;
            m_outOfTouch = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_home; // its thread has finished
    m_home = nullptr;
}

void ClusterBus::post(std::function<void()> work)
{
    QMutexLocker lock(&m_postLock);
    if (!m_stopped && m_home)
        QMetaObject::invokeMethod(m_home, std::move(work), Qt::QueuedConnection);
}

void ClusterBus::push(qint64 userId, const Frame &frame, const QString &deviceId)
{
    cluster::v1::NodeNotice notice;
    notice.set_origin(m_nodeId);
    cluster::v1::PushFrame *push = notice.mutable_push();
    push->set_signal(quint32(frame.signal));
    push->set_sub_signal(quint32(frame.subSignal));
    push->set_payload(frame.payload.constData(), size_t(frame.payload.size()));
    push->set_device_id(deviceId.toStdString());
    // Inbox items wait for Redis (a device that misses one pulls it, but only if told); a typing, presence,
    // activity or settings notice that comes late would say something no longer true.
    const bool kept = frame.subSignal == SubSignal::MN;
    post([this, channel = channelOf(userId), bytes = toBytes(notice), kept] { publish(channel, bytes, kept); });
}

void ClusterBus::disconnectDevice(qint64 userId, const QString &deviceId, int reason, const QString &message,
                                  qint64 issuedAtMs)
{
    cluster::v1::NodeNotice notice;
    notice.set_origin(m_nodeId);
    cluster::v1::DeviceDisconnect *disconnect = notice.mutable_disconnect();
    disconnect->set_device_id(deviceId.toStdString());
    disconnect->set_reason(reason);
    disconnect->set_message(message.toStdString());
    disconnect->set_issued_at_ms(issuedAtMs);
    post([this, channel = channelOf(userId), bytes = toBytes(notice)] { publish(channel, bytes, true); });
}

void ClusterBus::sessionsChanged(qint64 userId)
{
    post([this, userId] { reconcile(userId); });
}

void ClusterBus::open()
{
    m_publisher = new RedisLink(m_redis, QStringLiteral("publisher"), m_home);
    m_subscriber = new RedisLink(m_redis, QStringLiteral("subscriber"), m_home);
    m_outOfTouch = new QTimer(m_home);
    m_outOfTouch->setInterval(kOutOfTouchHintMs);
    QObject::connect(m_outOfTouch, &QTimer::timeout, m_home, [this] { hintEveryoneHere(); });
    m_subscriber->setMessageHandler(
        [this](const QByteArray &channel, const QByteArray &payload) { onMessage(channel, payload); });
    m_subscriber->setSubscribedHandler([this](const QByteArray &channel) {
        if (channel == everyoneChannel()) {
            m_outOfTouch->stop(); // in touch again
            return;
        }
        if (channel == presenceChannel()) {
            m_presence.inTouch();
            return;
        }
        // The user's devices here may have missed words published before the subscription took effect.
        if (const std::optional<qint64> userId = userOfChannel(channel))
            m_registry.pushHere(*userId, &SessionRegistry::inboxHint);
    });
    QObject::connect(m_publisher, &RedisLink::ready, m_home, [this] {
        if (!m_startAnnounced) {
            publishEveryone(); // a node that crashed here before may have committed without publishing
            m_startAnnounced = true;
        }
        publishUnpublished();
    });
    QObject::connect(m_subscriber, &RedisLink::ready, m_home, [this] { subscribeAll(); });
    QObject::connect(m_publisher, &RedisLink::lost, m_home, [this] { m_presence.publisherLost(); });
    QObject::connect(m_subscriber, &RedisLink::lost, m_home, [this] {
        m_outOfTouch->start();
        m_presence.subscriberLost();
    });
    m_outOfTouch->start(); // until the subscription to parley:everyone is confirmed
    m_publisher->open();
    m_subscriber->open();
    m_budgets.open(m_redis, m_home);
    m_presence.start(m_home);
}

void ClusterBus::keep(const QByteArray &channel, const QByteArray &notice)
{
    if (m_unpublished.size() >= kMaxUnpublished) {
        m_unpublished.clear(); // too much to say one by one: once back, every device of every node pulls
        m_unpublishedOverflowed = true;
    }
    m_unpublished.append({channel, notice});
}

bool ClusterBus::canSend() const
{
    return m_publisher && m_publisher->isReady() && m_inFlight < kMaxInFlight;
}

void ClusterBus::publish(const QByteArray &channel, const QByteArray &notice, bool kept)
{
    if (canSend() && (!m_unpublished.isEmpty() || m_unpublishedOverflowed))
        publishUnpublished(); // what waits goes first
    if ((!canSend() || !m_unpublished.isEmpty() || !send(channel, notice, kept)) && kept)
        keep(channel, notice); // in order, behind what waits already
}

bool ClusterBus::send(const QByteArray &channel, const QByteArray &notice, bool kept)
{
    ++m_inFlight;
    const bool sent = m_publisher->command(
        {QByteArrayLiteral("PUBLISH"), channel, notice}, [this, channel, notice, kept](const redisReply *reply) {
            --m_inFlight;
            if (!reply) { // lost on the way: published again once the publisher is back (behind what waits)
                if (kept)
                    keep(channel, notice);
            } else if (RedisLink::isError(reply) && m_refusedPublishes++ % 1000 == 0) {
                // Not for a retry (it would be refused again): the devices pull what they were not pushed
                // when they next connect. Said once per thousand.
                qCWarning(lcServer).noquote() << "Redis refused a PUBLISH:" << RedisLink::textOf(reply);
            }
            if (!m_unpublished.isEmpty() && canSend())
                publishUnpublished();
        });
    if (!sent)
        --m_inFlight;
    return sent;
}

void ClusterBus::publishEveryone()
{
    cluster::v1::NodeNotice everyone;
    everyone.set_origin(m_nodeId);
    m_publisher->command({QByteArrayLiteral("PUBLISH"), everyoneChannel(), toBytes(everyone)},
                         [this](const redisReply *reply) {
                             if (!reply)
                                 m_unpublishedOverflowed = true; // said again once the publisher is back
                         });
}

void ClusterBus::publishUnpublished()
{
    if (m_unpublishedOverflowed) {
        m_unpublishedOverflowed = false;
        qCWarning(lcServer) << "pushes were lost while Redis was out of reach: every device of every node pulls";
        publishEveryone();
    }
    while (!m_unpublished.isEmpty() && canSend()) {
        const auto [channel, notice] = m_unpublished.first();
        if (!send(channel, notice, true))
            break; // still first
        m_unpublished.removeFirst();
    }
}

void ClusterBus::reconcile(qint64 userId)
{
    if (!m_subscriber)
        return;
    // Asked after each change, answered from the registry as it is now: two changes that cross on the way
    // here still end with the subscription the registry wants.
    const bool wanted = m_registry.sessionCount(userId) > 0;
    if (wanted == m_subscribed.contains(userId))
        return;
    if (wanted)
        m_subscribed.insert(userId);
    else
        m_subscribed.remove(userId);
    m_presence.localChanged(userId, wanted);
    if (m_subscriber->isReady())
        m_subscriber->command({wanted ? QByteArrayLiteral("SUBSCRIBE") : QByteArrayLiteral("UNSUBSCRIBE"),
                               channelOf(userId)});
}

void ClusterBus::subscribeAll()
{
    QList<QByteArray> args{QByteArrayLiteral("SUBSCRIBE"), everyoneChannel(), presenceChannel()};
    for (const qint64 userId : std::as_const(m_subscribed)) {
        args.append(channelOf(userId));
        if (args.size() > kChannelsPerSubscribe) {
            m_subscriber->command(args);
            args = {QByteArrayLiteral("SUBSCRIBE")};
        }
    }
    if (args.size() > 1)
        m_subscriber->command(args);
}

void ClusterBus::onMessage(const QByteArray &channel, const QByteArray &payload)
{
    const std::optional<cluster::v1::NodeNotice> notice = fromBytes<cluster::v1::NodeNotice>(payload);
    if (!notice || notice->origin() == m_nodeId)
        return;
    if (channel == everyoneChannel()) {
        hintEveryoneHere();
        return;
    }
    if (channel == presenceChannel()) {
        m_presence.onNotice(*notice);
        return;
    }
    const std::optional<qint64> user = userOfChannel(channel);
    if (!user)
        return;
    const qint64 userId = *user;
    if (notice->has_push() && notice->push().signal() == quint32(Signal::Push)) {
        const cluster::v1::PushFrame &p = notice->push();
        const Frame frame{Signal::Push, SubSignal(p.sub_signal()), 0,
                          QByteArray(p.payload().data(), qsizetype(p.payload().size()))};
        m_registry.pushHere(
            userId, [&frame] { return frame; }, 0, QString::fromStdString(p.device_id()));
    } else if (notice->has_disconnect()) {
        const cluster::v1::DeviceDisconnect &d = notice->disconnect();
        m_registry.disconnectDeviceHere(userId, QString::fromStdString(d.device_id()), d.reason(),
                                        QString::fromStdString(d.message()), d.issued_at_ms());
    }
}

void ClusterBus::hintEveryoneHere() const
{
    for (const qint64 userId : m_registry.onlineUsers())
        m_registry.pushHere(userId, &SessionRegistry::inboxHint);
}

} // namespace parley::server
