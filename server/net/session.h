#pragma once

#include "parley.pb.h"
#include "protocol/error.h"
#include "protocol/frame.h"
#include "server/authenticateduser.h"
#include "server/net/connectoutcome.h"
#include "server/net/isharedbudgets.h"
#include "server/net/requestpolicy.h"
#include "server/net/sessionref.h"
#include "server/net/tokenbucket.h"
#include "server/ops/metrics.h"
#include "server/servercontext.h"

#include <QList>
#include <QObject>

#include <optional>

namespace parley::server {

class ILink;
class IoWorker;

// One client link on the server: its authentication state, deadlines, rate limit, and the translation
// between frames and service calls. Lives on its IoWorker's thread; other threads reach it only through
// SessionRef::post.
class Session final : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxInFlightRequests = 1024;        // unanswered requests per link
    static constexpr qint64 kMaxPendingWriteBytes = 8 << 20; // a reader this slow is disconnected
    static constexpr qint64 kCloseGraceMs = 5000;            // then a closing link is aborted
    static constexpr qint64 kConnectAnswerMs = 60000; // a CONNECT not answered by then (the store is stuck) closes

    // `acceptedMonotonicMs`: when the connection was taken (before a WebSocket upgrade); CONNECT is due by
    // then plus --auth-timeout.
    Session(quint64 id, ILink *link, IoWorker *worker, const ServerContext &context, qint64 acceptedMonotonicMs);
    ~Session() override;

    quint64 id() const { return m_id; }
    SessionRef ref() const;
    const std::optional<AuthenticatedUser> &user() const { return m_user; }
    QString peerAddress() const { return m_peerAddress; }
    // Bytes given to the link and not yet taken by the network.
    qint64 pendingWriteBytes() const;

    void sendReply(SubSignal subSignal, quint16 messageId, const v1::Result &result);
    void push(const Frame &frame);
    // Sends DISCONNECT with the reason, then closes the link.
    void disconnect(v1::DisconnectReason reason, const QString &message);
    // Closes links past their authentication or idle deadline. Called by the worker's sweep.
    void checkDeadlines(qint64 nowMonotonicMs);

Q_SIGNALS:
    void finished(quint64 id);

private:
    enum class State { Unauthenticated, Authenticating, Authenticated, Closing };

    void onFrame(const Frame &frame);
    void onRequestRejected(const Frame &frame, const Error &error);
    void onProtocolViolation(const QString &reason, bool connectVersionRejected = false, quint16 messageId = 0);
    void onClosed();
    // The link's handshake is over (answered, refused, a login link, closing): its slot is given back.
    void endHandshake();
    void handleConnect(const Frame &frame);
    void onConnectOutcome(const ConnectOutcome &outcome);
    // CONNECT_ACK with this refusal, then the link closes (the client has kCloseGraceMs to read it).
    void refuseConnect(v1::ConnectCode code, const QString &message);
    void handlePublish(const Frame &frame);
    // Checks the request against its policy, then hands it to its route or refuses it. False: it waits for
    // the cluster's word on its budget (`shared`: that word, once given).
    bool admit(const Frame &frame, std::optional<ISharedBudgets::Answer> shared);
    void onSharedBudget(ISharedBudgets::Answer answer);
    // Answers ERR_RATE_LIMITED: more than kMaxInFlightRequests unanswered on this link.
    void refuseOverLimit(const Frame &frame);
    // The per-link bucket of a budget; nullptr for none.
    TokenBucket *bucket(RequestPolicy::Budget budget);
    void sendConnectAck(v1::ConnectCode code, const QString &message, quint64 inboxHead);
    // CONNECT_ACK (identifier rejected) for the CONNECT `messageId`, then DISCONNECT.
    void refuseUnreadableConnect(quint16 messageId, const QString &why);
    void send(Signal signal, SubSignal subSignal, quint16 messageId, const google::protobuf::MessageLite &payload);
    void sendFrame(const Frame &frame);

    const quint64 m_id;
    ILink *m_link;
    IoWorker *m_worker;
    const ServerContext &m_context;
    const QString m_peerAddress;
    const Metrics::Transport m_transport;
    State m_state = State::Unauthenticated;
    std::optional<AuthenticatedUser> m_user;
    qint64 m_authDeadlineMs; // CONNECT sent by then; once sent, answered by then (kConnectAnswerMs)
    qint64 m_lastReceivedMs;
    qint64 m_closeDeadlineMs = 0;
    int m_inFlight = 0;
    quint16 m_nextPushId = 1;
    quint16 m_connectMessageId = 0; // CONNECT_ACK echoes the messageId of the CONNECT
    TokenBucket m_sendBucket;
    TokenBucket m_lookupBucket; // user searches and friend requests: no harvesting of the user base
    // Requests behind one waiting for the cluster's budget (the first), in the order they came.
    QList<Frame> m_held;
    bool m_finished = false;
    bool m_handshakeEnded = false;
};

} // namespace parley::server
