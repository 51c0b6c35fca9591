#include "core/net/connection.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/itransport.h"

namespace parley {

using namespace Qt::StringLiterals;

namespace {

bool isFinalRefusal(v1::ConnectCode code)
{
    switch (code) {
    case v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD:
    case v1::CONNECTION_REFUSED_NOT_AUTHORIZED:
    case v1::CONNECTION_REFUSED_SESSION_NOT_EXIST:
    case v1::CONNECTION_REFUSED_IDENTIFIER_REJECTED:
    case v1::CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION:
    case v1::CONNECTION_REFUSED_KICKED:
    case v1::CONNECTION_REFUSED_ACCOUNT_SUSPENDED:
    case v1::CONNECTION_REFUSED_ACCOUNT_DELETED: return true;
    default: return false;
    }
}

} // namespace

Connection::Connection(QList<ServerAddress> servers, TransportFactory transports, ConnectionTimings timings,
                       QObject *parent)
    : QObject(parent),
      m_servers(std::move(servers)),
      m_transports(std::move(transports)),
      m_timings(timings),
      m_backoff(timings.backoffInitialMs, timings.backoffCapMs)
{
    Q_ASSERT(!m_servers.isEmpty());
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Connection::openLink);
}

void Connection::nextServer()
{
    if (m_servers.size() < 2)
        return;
    m_current = (m_current + 1) % m_servers.size();
    qCInfo(lcNet).noquote() << "next attempt goes to" << m_servers.at(m_current).toString();
}

Connection::~Connection()
{
    m_queued.clear();
    dropLink();
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcNet) << "connection" << state;
    Q_EMIT stateChanged(state);
}

void Connection::requestAnonymous(SubSignal subSignal, const google::protobuf::MessageLite &payload,
                                  Link::ReplyHandler handler)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_credentials) {
        QMetaObject::invokeMethod(
            this,
            [handler = std::move(handler)] { handler(Error(ErrorCode::AlreadyAuthenticated, u"already logged in"_s)); },
            Qt::QueuedConnection);
        return;
    }
    if (m_link && m_link->isOpen()) {
        m_link->request(subSignal, payload, std::move(handler));
        return;
    }
    m_queued.append(Queued{subSignal, toBytes(payload), std::move(handler)});
    if (m_state == State::Idle || m_state == State::WaitingToRetry) {
        m_retryTimer.stop();
        openLink();
    }
}

void Connection::start(const v1::ConnectRequest &credentials)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_credentials = credentials;
    m_backoff.reset();
    switch (m_state) {
    case State::Open: authenticate(); return;
    case State::Idle:
    case State::WaitingToRetry:
        m_retryTimer.stop();
        openLink();
        return;
    case State::Opening: // authenticates once open
    case State::Authenticating:
    case State::Online: return;
    }
}

void Connection::stop(bool sayGoodbye)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_credentials.reset();
    m_retryTimer.stop();
    if (sayGoodbye && m_link && m_state == State::Online)
        m_link->sendDisconnect();
    dropLink();
    failQueued(Error(ErrorCode::ConnectionLost, u"cancelled"_s));
    setState(State::Idle);
}

void Connection::retryNow()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_state != State::WaitingToRetry)
        return;
    m_retryTimer.stop();
    openLink();
}

int Connection::nextRetryInMs() const
{
    PARLEY_ASSERT_OWN_THREAD();
    return m_retryTimer.isActive() ? m_retryTimer.remainingTime() : 0;
}

void Connection::request(SubSignal subSignal, const google::protobuf::MessageLite &payload, Link::ReplyHandler handler,
                         int timeoutMs)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_link || m_state != State::Online) {
        QMetaObject::invokeMethod(
            this, [handler = std::move(handler)] { handler(Error(ErrorCode::ConnectionLost, u"not connected"_s)); },
            Qt::QueuedConnection);
        return;
    }
    m_link->request(subSignal, payload, std::move(handler), timeoutMs);
}

void Connection::openLink()
{
    dropLink();
    setState(State::Opening);
    m_link = new Link(m_transports(), m_timings, {}, this);
    connect(m_link, &Link::opened, this, &Connection::onLinkOpened);
    connect(m_link, &Link::closed, this, &Connection::onLinkClosed);
    connect(m_link, &Link::pushReceived, this, &Connection::pushReceived);
    connect(m_link, &Link::serverDisconnected, this, &Connection::onServerDisconnected);
    m_link->open(server().host, server().port);
}

void Connection::dropLink()
{
    if (!m_link)
        return;
    Link *link = m_link;
    m_link = nullptr;
    link->disconnect(this);
    link->close();
    link->deleteLater();
}

void Connection::onLinkOpened()
{
    if (m_credentials) {
        authenticate();
        return;
    }
    setState(State::Open);
    const QList<Queued> queued = std::exchange(m_queued, {});
    for (const Queued &q : queued)
        m_link->request(q.subSignal, q.payload, q.handler);
}

void Connection::authenticate()
{
    setState(State::Authenticating);
    m_link->connectSession(*m_credentials, [this, link = QPointer<Link>(m_link)](Result<v1::ConnectAck> ack) {
        if (link != m_link)
            return; // an old link's answer
        if (!ack) {
            scheduleRetry(ack.error());
            return;
        }
        const v1::ConnectAck &a = ack.value();
        if (a.code() == v1::CONNECTION_ACCEPTED) {
            m_backoff.reset();
            if (a.heartbeat_interval_s() > 0)
                m_link->setHeartbeatMs(std::min(m_timings.heartbeatMs, int(a.heartbeat_interval_s()) * 1000));
            setState(State::Online);
            Q_EMIT online(a.inbox_head(), a.server_time_ms());
            return;
        }
        const ErrorCode code = a.code() == v1::CONNECTION_REFUSED_KICKED              ? ErrorCode::SignedInElsewhere
                               : a.code() == v1::CONNECTION_REFUSED_ACCOUNT_SUSPENDED ? ErrorCode::AccountSuspended
                               : a.code() == v1::CONNECTION_REFUSED_ACCOUNT_DELETED   ? ErrorCode::AccountDeleted
                                                                                      : ErrorCode::ConnectRefused;
        const Error refused(code, u"%1 (code %2)"_s.arg(QString::fromStdString(a.message())).arg(int(a.code())));
        if (isFinalRefusal(a.code()))
            endSession(refused);
        else
            scheduleRetry(refused);
    });
}

void Connection::onLinkClosed(const Error &reason)
{
    dropLink();
    if (m_credentials) {
        scheduleRetry(reason);
        return;
    }
    nextServer(); // the next anonymous request tries another node
    failQueued(reason);
    setState(State::Idle);
}

void Connection::onServerDisconnected(int reason, const QString &message)
{
    switch (v1::DisconnectReason(reason)) {
    case v1::DISCONNECT_KICKED: endSession(Error(ErrorCode::SignedInElsewhere, message)); return;
    case v1::DISCONNECT_TOKEN_REVOKED: endSession(Error(ErrorCode::ConnectRefused, message)); return;
    case v1::DISCONNECT_DEVICE_REVOKED: endSession(Error(ErrorCode::DeviceRevoked, message)); return;
    case v1::DISCONNECT_ACCOUNT_SUSPENDED: endSession(Error(ErrorCode::AccountSuspended, message)); return;
    case v1::DISCONNECT_ACCOUNT_DELETED: endSession(Error(ErrorCode::AccountDeleted, message)); return;
    case v1::DISCONNECT_CLIENT_LOGOUT: endSession(Error(ErrorCode::ConnectRefused, message)); return;
    default:
        qCInfo(lcNet) << "server closed the connection, reason" << reason;
        return; // the link closes next; reconnect as usual
    }
}

void Connection::scheduleRetry(const Error &reason)
{
    dropLink();
    nextServer();
    failQueued(reason);
    const int delay = m_backoff.nextDelayMs();
    qCInfo(lcNet) << "connection attempt failed:" << reason.message << "- retrying in" << delay << "ms";
    setState(State::WaitingToRetry);
    m_retryTimer.start(delay);
    Q_EMIT attemptFailed(reason);
}

void Connection::endSession(const Error &reason)
{
    qCInfo(lcNet) << "session ended by the server:" << reason.message;
    m_credentials.reset();
    m_retryTimer.stop();
    dropLink();
    failQueued(reason);
    setState(State::Idle);
    Q_EMIT sessionEnded(reason);
}

void Connection::failQueued(const Error &reason)
{
    const QList<Queued> queued = std::exchange(m_queued, {});
    for (const Queued &q : queued)
        q.handler(reason);
}

} // namespace parley
