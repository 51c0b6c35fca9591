#include "server/net/session.h"

#include "common/threadaffinity.h"
#include "protocol/protobufbytes.h"
#include "server/auth/devicesessions.h"
#include "server/files/transferpacer.h"
#include "server/iclock.h"
#include "server/logging.h"
#include "server/net/handshakeslot.h"
#include "server/net/iauthenticator.h"
#include "server/net/ilink.h"
#include "server/net/ioworker.h"
#include "server/net/irequesthandler.h"
#include "server/net/sessionregistry.h"
#include "server/requestcontext.h"
#include "server/serverconfig.h"
#include "server/steadyclock.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

Metrics::Transport transportOf(const ILink &link)
{
    const QLatin1StringView name(link.transportName());
    return name == "tls"_L1 ? Metrics::Transport::Tls
                            : (name == "wss"_L1 ? Metrics::Transport::Wss : Metrics::Transport::Ws);
}

} // namespace

Session::Session(quint64 id, ILink *link, IoWorker *worker, const ServerContext &context, qint64 acceptedMonotonicMs)
    : m_id(id),
      m_link(link),
      m_worker(worker),
      m_context(context),
      m_peerAddress(link->peerAddress().toString()),
      m_transport(transportOf(*link)),
      m_authDeadlineMs(acceptedMonotonicMs + qint64(context.config->authTimeoutS) * 1000),
      m_lastReceivedMs(acceptedMonotonicMs),
      m_sendBucket(context.config->sendRatePerSecond, context.config->sendBurst),
      m_lookupBucket(context.config->lookupRatePerMinute / 60.0, context.config->lookupBurst)
{
    m_link->setParent(this);
    connect(m_link, &ILink::frameReceived, this, &Session::onFrame);
    connect(m_link, &ILink::requestRejected, this, &Session::onRequestRejected);
    connect(m_link, &ILink::protocolViolation, this, &Session::onProtocolViolation);
    connect(m_link, &ILink::closed, this, &Session::onClosed);
    m_context.metrics->linkOpened(m_transport);
}

Session::~Session()
{
    if (m_user) {
        m_context.registry->remove(m_user->userId, m_id);
        m_context.metrics->sessionEnded();
    }
    m_context.metrics->linkClosed(m_transport);
}

qint64 Session::pendingWriteBytes() const
{
    return m_link->pendingWriteBytes();
}

SessionRef Session::ref() const
{
    PARLEY_ASSERT_OWN_THREAD();
    return SessionRef{m_worker, m_id};
}

void Session::onFrame(const Frame &frame)
{
    if (m_state == State::Closing)
        return;
    m_lastReceivedMs = IoWorker::monotonicMs();
    switch (frame.signal) {
    case Signal::Ping: sendFrame(Frame{Signal::Pong, SubSignal::None, frame.messageId, {}}); return;
    case Signal::Pong: return;
    case Signal::Connect: handleConnect(frame); return;
    case Signal::Publish: handlePublish(frame); return;
    case Signal::Disconnect:
        qCDebug(lcNet) << "session" << m_id << "disconnected by the client";
        endHandshake();
        m_state = State::Closing;
        m_closeDeadlineMs = m_lastReceivedMs + kCloseGraceMs;
        m_link->close();
        return;
    case Signal::ConnectAck:
    case Signal::PubAck:
    case Signal::Push: break;
    }
    onProtocolViolation(u"a client may not send %1"_s.arg(signalName(frame.signal)), false);
}

void Session::onRequestRejected(const Frame &frame, const Error &error)
{
    m_lastReceivedMs = IoWorker::monotonicMs();
    if (m_state == State::Unauthenticated)
        endHandshake();
    if (frame.signal == Signal::Publish) {
        ++m_inFlight;
        sendReply(frame.subSignal, frame.messageId, errorResult(error));
    } else if (frame.signal == Signal::Connect && m_state == State::Unauthenticated) {
        refuseUnreadableConnect(frame.messageId, error.message); // as in binary
    } else {
        onProtocolViolation(error.message, false);
    }
}

void Session::onProtocolViolation(const QString &reason, bool connectVersionRejected, quint16 messageId)
{
    if (m_state == State::Closing)
        return;
    qCInfo(lcNet) << "closing" << m_link->transportName() << "link from" << m_peerAddress << ":" << reason;
    if (connectVersionRejected) {
        m_connectMessageId = messageId;
        sendConnectAck(v1::CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                       u"this server speaks protocol version %1"_s.arg(kProtocolVersion), 0);
    }
    disconnect(v1::DISCONNECT_PROTOCOL_ERROR, reason);
}

void Session::endHandshake()
{
    if (!std::exchange(m_handshakeEnded, true))
        delete m_link->findChild<HandshakeSlot *>();
}

void Session::onClosed()
{
    endHandshake();
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closing;
    Q_EMIT finished(m_id);
}

void Session::handleConnect(const Frame &frame)
{
    if (m_state != State::Unauthenticated) {
        onProtocolViolation(u"CONNECT sent twice"_s, false);
        return;
    }
    const std::optional<v1::ConnectRequest> request = fromBytes<v1::ConnectRequest>(frame.payload);
    if (!request) {
        refuseUnreadableConnect(frame.messageId, u"unreadable CONNECT payload"_s);
        return;
    }
    m_connectMessageId = frame.messageId;
    m_state = State::Authenticating;
    m_authDeadlineMs = IoWorker::monotonicMs() + kConnectAnswerMs;
    if (HandshakeSlot *slot = m_handshakeEnded ? nullptr : m_link->findChild<HandshakeSlot *>())
        slot->keep(); // admission waits for this answer
    const SessionRef self = ref();
    m_context.authenticator->authenticate(*request, [self](ConnectOutcome outcome) {
        self.post([outcome = std::move(outcome)](Session &s) { s.onConnectOutcome(outcome); });
    });
}

void Session::refuseUnreadableConnect(quint16 messageId, const QString &why)
{
    m_connectMessageId = messageId;
    sendConnectAck(v1::CONNECTION_REFUSED_IDENTIFIER_REJECTED, why, 0);
    disconnect(v1::DISCONNECT_PROTOCOL_ERROR, why);
}

void Session::onConnectOutcome(const ConnectOutcome &outcome)
{
    if (m_state != State::Authenticating)
        return;
    endHandshake();
    m_context.metrics->loginAnswered(outcome.code == v1::CONNECTION_ACCEPTED && outcome.user);
    if (outcome.code != v1::CONNECTION_ACCEPTED || !outcome.user) {
        qCInfo(lcAuth) << "CONNECT refused for a link from" << m_peerAddress << "code" << int(outcome.code);
        refuseConnect(outcome.code, outcome.message);
        return;
    }
    m_state = State::Authenticated;
    m_lastReceivedMs = IoWorker::monotonicMs(); // idle from now, however long the answer took
    m_user = outcome.user;
    m_context.registry->add(m_user->userId, ref(), m_user->deviceId, outcome.arrival.get());
    // Suspended or deleted since this CONNECT was checked (SessionRegistry::setShutOut).
    if (const RevokeReason shutOut = m_context.registry->shutOut(m_user->userId); shutOut != RevokeReason::None) {
        const DeviceSessions::Revoked why = DeviceSessions::revoked(shutOut);
        refuseConnect(why.refusal, why.message);
        return;
    }
    qCDebug(lcAuth) << "session" << m_id << "authenticated as" << m_user->uid << "device" << m_user->deviceId;
    sendConnectAck(v1::CONNECTION_ACCEPTED, {}, outcome.inboxHead);
}

void Session::refuseConnect(v1::ConnectCode code, const QString &message)
{
    sendConnectAck(code, message, 0);
    m_state = State::Closing;
    m_closeDeadlineMs = IoWorker::monotonicMs() + kCloseGraceMs;
    m_link->close();
}

void Session::handlePublish(const Frame &frame)
{
    if (m_state == State::Unauthenticated)
        endHandshake(); // a link that logs in: cheap, and as slow as the person typing
    ++m_inFlight;
    if (!m_held.isEmpty()) { // requests are handled in the order they come: this one waits its turn
        if (m_inFlight > kMaxInFlightRequests)
            refuseOverLimit(frame);
        else
            m_held.append(frame);
        return;
    }
    if (!admit(frame, std::nullopt))
        m_held.append(frame);
}

void Session::onSharedBudget(ISharedBudgets::Answer answer)
{
    if (m_held.isEmpty() || m_state == State::Closing)
        return;
    admit(m_held.takeFirst(), answer);
    while (!m_held.isEmpty() && admit(m_held.first(), std::nullopt))
        m_held.removeFirst();
}

bool Session::admit(const Frame &frame, std::optional<ISharedBudgets::Answer> shared)
{
    // The route's policy: before or after CONNECT, and the budget it draws on. A sub-signal without a route
    // needs CONNECT like everything else, then the handler says it is not served.
    const std::optional<RequestPolicy> policy = m_context.requests->policy(frame.subSignal);
    const bool beforeConnect = policy && policy->access == RequestPolicy::Access::BeforeConnect;
    const bool either = policy && policy->access == RequestPolicy::Access::Either;
    if (m_state != State::Authenticated && !beforeConnect && !either) {
        sendReply(frame.subSignal, frame.messageId, errorResult(ErrorCode::NotAuthenticated, u"send CONNECT first"_s));
        return true;
    }
    if (m_state == State::Authenticated && beforeConnect) {
        sendReply(frame.subSignal, frame.messageId,
                  errorResult(ErrorCode::AlreadyAuthenticated, u"this link is already logged in"_s));
        return true;
    }
    if (m_inFlight > kMaxInFlightRequests) {
        refuseOverLimit(frame);
        return true;
    }
    if (TokenBucket *budget = policy ? bucket(policy->budget) : nullptr; budget && budget->limited()) {
        // A cluster keeps the user's budget for all links on all nodes; this link's own bucket stands in
        // when the cluster cannot say in time.
        if (m_context.budgets && m_user && !shared) {
            const SessionRef self = ref();
            m_context.budgets->take(policy->budget, m_user->userId, [self](ISharedBudgets::Answer answer) {
                self.post([answer](Session &s) { s.onSharedBudget(answer); });
            });
            return false;
        }
        using Verdict = ISharedBudgets::Verdict;
        const bool known = shared && shared->verdict != Verdict::Unknown;
        if (known ? shared->verdict == Verdict::Refused : !budget->take(IoWorker::monotonicMs())) {
            const QString why = policy->budget == RequestPolicy::Budget::Send
                                    ? u"sending too fast"_s
                                    : u"too many searches or friend requests"_s;
            sendReply(
                frame.subSignal, frame.messageId,
                errorResult(ErrorCode::RateLimited, why, known ? shared->retryAfterS : budget->retryAfterSeconds()));
            return true;
        }
    }
    RequestContext context{ref(), m_peerAddress, m_user};
    const SessionRef self = ref();
    const SubSignal subSignal = frame.subSignal;
    const quint16 messageId = frame.messageId;
    // How long parleyd takes with a message, answer included, is what the files port yields to.
    const qint64 sentUs = subSignal == SubSignal::MS && m_context.transferPacer ? steadyNowUs() : 0;
    Reply reply = [self, subSignal, messageId, sentUs](v1::Result result) {
        self.post([subSignal, messageId, sentUs, result = std::move(result)](Session &s) {
            s.sendReply(subSignal, messageId, result);
            if (sentUs > 0 && result.code() == v1::ERR_NONE) {
                const qint64 now = steadyNowUs();
                s.m_context.transferPacer->messageAnswered(now, now - sentUs);
            }
        });
    };
    m_context.requests->dispatch(context, frame, std::move(reply));
    return true;
}

void Session::refuseOverLimit(const Frame &frame)
{
    sendReply(frame.subSignal, frame.messageId,
              errorResult(ErrorCode::RateLimited, u"too many unanswered requests on this link"_s, 1));
}

TokenBucket *Session::bucket(RequestPolicy::Budget budget)
{
    switch (budget) {
    case RequestPolicy::Budget::None: return nullptr;
    case RequestPolicy::Budget::Send: return &m_sendBucket;
    case RequestPolicy::Budget::Lookup: return &m_lookupBucket;
    }
    return nullptr;
}

void Session::sendReply(SubSignal subSignal, quint16 messageId, const v1::Result &result)
{
    PARLEY_ASSERT_OWN_THREAD();
    --m_inFlight;
    m_context.metrics->requestAnswered(subSignal, int(result.code()));
    send(Signal::PubAck, subSignal, messageId, result);
}

void Session::push(const Frame &frame)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_state != State::Authenticated)
        return;
    Frame numbered = frame;
    numbered.messageId = m_nextPushId++;
    m_context.metrics->pushed();
    sendFrame(numbered);
}

void Session::disconnect(v1::DisconnectReason reason, const QString &message)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (m_state == State::Closing)
        return;
    v1::Disconnect payload;
    payload.set_reason(reason);
    payload.set_message(message.toStdString());
    m_link->send(Frame{Signal::Disconnect, SubSignal::None, 0, toBytes(payload)});
    endHandshake();
    m_state = State::Closing;
    m_closeDeadlineMs = IoWorker::monotonicMs() + kCloseGraceMs;
    m_link->close();
}

void Session::checkDeadlines(qint64 nowMonotonicMs)
{
    PARLEY_ASSERT_OWN_THREAD();
    switch (m_state) {
    case State::Unauthenticated:
        if (nowMonotonicMs >= m_authDeadlineMs) {
            disconnect(v1::DISCONNECT_AUTH_TIMEOUT, u"no CONNECT in time"_s);
            m_closeDeadlineMs = nowMonotonicMs; // not waited for to end its side: cut off at the next sweep
        }
        return;
    case State::Authenticating:
        // The client was in time; the answer waits for the store's queue (a reconnect storm), up to a ceiling.
        if (nowMonotonicMs >= m_authDeadlineMs)
            disconnect(v1::DISCONNECT_AUTH_TIMEOUT, u"the CONNECT could not be answered in time"_s);
        return;
    case State::Authenticated:
        if (nowMonotonicMs - m_lastReceivedMs >= qint64(m_context.config->idleTimeoutS) * 1000)
            disconnect(v1::DISCONNECT_IDLE_TIMEOUT, u"nothing received for too long"_s);
        return;
    case State::Closing:
        if (!m_finished && nowMonotonicMs >= m_closeDeadlineMs)
            m_link->abort();
        return;
    }
}

void Session::sendConnectAck(v1::ConnectCode code, const QString &message, quint64 inboxHead)
{
    v1::ConnectAck ack;
    ack.set_code(code);
    ack.set_message(message.toStdString());
    ack.set_server_time_ms(m_context.clock->nowMs());
    ack.set_heartbeat_interval_s(quint32(std::max(1, m_context.config->idleTimeoutS / 3)));
    ack.set_inbox_head(inboxHead);
    send(Signal::ConnectAck, SubSignal::None, m_connectMessageId, ack);
}

void Session::send(Signal signal, SubSignal subSignal, quint16 messageId, const google::protobuf::MessageLite &payload)
{
    sendFrame(Frame{signal, subSignal, messageId, toBytes(payload)});
}

void Session::sendFrame(const Frame &frame)
{
    if (m_state == State::Closing)
        return;
    if (m_link->pendingWriteBytes() > kMaxPendingWriteBytes) {
        qCWarning(lcNet) << "session" << m_id << "reads too slowly; disconnecting";
        m_link->abort();
        return;
    }
    m_link->send(frame);
}

} // namespace parley::server
