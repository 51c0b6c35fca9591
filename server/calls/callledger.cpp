#include "server/calls/callledger.h"

#include "common/securerandom.h"
#include "protocol/contenttypes.h"
#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "server/calls/iceservers.h"
#include "server/iclock.h"
#include "server/messaging/messagevalidator.h"
#include "server/net/sessionregistry.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

constexpr size_t kMaxSdpMid = 64;

v1::CallNotice noticeOf(const CallRow &row, v1::CallEvent event)
{
    v1::CallNotice n;
    n.set_event(event);
    n.set_call_id(row.id.toStdString());
    n.set_caller(row.callerUid.toStdString());
    n.set_callee(row.calleeUid.toStdString());
    n.set_media(v1::CallMedia(row.media));
    n.set_caller_device(row.callerDevice.toStdString());
    return n;
}

Frame pushOf(const v1::CallNotice &notice)
{
    return Frame{Signal::Push, SubSignal::CLN, 0, toBytes(notice)};
}

// After the commit: `notice` to every device of `users` (but the session that asked, which has its reply).
std::function<void(SessionRegistry &)> tell(const QList<qint64> &users, const v1::CallNotice &notice,
                                            quint64 exceptSession = 0)
{
    return [users, exceptSession, frame = pushOf(notice)](SessionRegistry &registry) {
        for (const qint64 user : users)
            registry.pushToUser(user, frame, exceptSession);
    };
}

bool missedByCallee(v1::CallEnd reason)
{
    return reason == v1::CALL_END_CANCELLED || reason == v1::CALL_END_NO_ANSWER || reason == v1::CALL_END_UNREACHABLE ||
           reason == v1::CALL_END_BUSY;
}

std::optional<Error> checkCallRef(const std::string &callId, const std::string &peer)
{
    if (callId.empty() || callId.size() > size_t(limits::kMaxCallIdBytes))
        return Error(ErrorCode::MalformedRequest, u"say which call"_s);
    if (peer.empty() || peer.size() > size_t(MessageValidator::kMaxTargetLength))
        return Error(ErrorCode::MalformedRequest, u"say who the call is with"_s);
    return std::nullopt;
}

const Error kNoSuchCall(ErrorCode::NotFound, u"no such call: it may have ended"_s);

} // namespace

CallLedger::CallLedger(const IClock &clock, const SessionRegistry &registry, const IceServers &ice, Options options)
    : m_clock(clock), m_registry(registry), m_ice(ice), m_options(options), m_messages(clock, options.allowStrangers)
{
}

std::optional<Error> CallLedger::check(const v1::CallInvite &invite)
{
    if (invite.callee().empty() || invite.callee().size() > size_t(MessageValidator::kMaxTargetLength))
        return Error(ErrorCode::MalformedRequest, u"say whom to call"_s);
    if (invite.media() != v1::CALL_VOICE && invite.media() != v1::CALL_VIDEO)
        return Error(ErrorCode::MalformedRequest, u"a call is voice or video"_s);
    return std::nullopt;
}

std::optional<Error> CallLedger::check(const v1::CallAction &action)
{
    if (std::optional<Error> bad = checkCallRef(action.call_id(), action.peer()))
        return bad;
    if (action.action() == v1::CALL_ACTION_UNSPECIFIED)
        return Error(ErrorCode::MalformedRequest, u"say what to do with the call"_s);
    if (action.action() == v1::CALL_ACCEPT && action.media() != v1::CALL_VOICE && action.media() != v1::CALL_VIDEO)
        return Error(ErrorCode::MalformedRequest, u"a call is answered with voice or video"_s);
    if (action.reason() != v1::CALL_END_UNSPECIFIED && action.reason() != v1::CALL_END_HUNG_UP &&
        action.reason() != v1::CALL_END_FAILED)
        return Error(ErrorCode::MalformedRequest, u"a device hangs up, or its media failed"_s);
    return std::nullopt;
}

std::optional<Error> CallLedger::check(const v1::CallSignal &signal)
{
    if (std::optional<Error> bad = checkCallRef(signal.call_id(), signal.peer()))
        return bad;
    switch (signal.signal_case()) {
    case v1::CallSignal::kDescription:
        if (signal.description().type() != "offer" && signal.description().type() != "answer")
            return Error(ErrorCode::MalformedRequest, u"a session description is an offer or an answer"_s);
        if (signal.description().sdp().empty() || signal.description().sdp().size() > size_t(limits::kMaxSdpBytes))
            return Error(ErrorCode::TooLarge, u"a session description has 1 to %1 bytes"_s.arg(limits::kMaxSdpBytes));
        return std::nullopt;
    case v1::CallSignal::kCandidate:
        if (signal.candidate().candidate().size() > size_t(limits::kMaxIceCandidateBytes) ||
            signal.candidate().sdp_mid().size() > kMaxSdpMid)
            return Error(ErrorCode::TooLarge,
                         u"an ICE candidate has at most %1 bytes"_s.arg(limits::kMaxIceCandidateBytes));
        return std::nullopt;
    case v1::CallSignal::SIGNAL_NOT_SET: break;
    }
    return Error(ErrorCode::MalformedRequest, u"a signal carries a session description or an ICE candidate"_s);
}

v1::CallInfo CallLedger::info(const CallRow &row, v1::CallEnd ended, qint64 durationMs)
{
    v1::CallInfo info;
    info.set_call_id(row.id.toStdString());
    info.set_media(v1::CallMedia(row.media));
    if (ended != v1::CALL_END_UNSPECIFIED) {
        info.set_ended(ended);
        info.set_duration_ms(durationMs);
    } else if (!row.answered()) {
        info.set_ring_until(row.deadlineMs);
    } else {
        info.set_device(row.calleeDevice.toStdString());
    }
    return info;
}

Outcome CallLedger::invite(IStore &store, const Call &call, const v1::CallInvite &invite) const
{
    const AuthenticatedUser &me = call.me();
    const std::optional<UserRecord> peer = store.userByUid(QString::fromStdString(invite.callee()));
    if (!peer)
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    if (peer->id == me.userId)
        return Error(ErrorCode::Self, u"you cannot call yourself"_s);
    if (std::optional<Error> refused = m_messages.privateRefusal(
            store, me.userId, *peer, u"the call was not accepted"_s, u"add this user as a friend to call"_s))
        return *std::move(refused);
    if (const std::optional<CallRow> mine = store.calls().callOf(me.userId)) {
        // The same invite from the device that made it, still ringing: its answer was lost, and this is the same
        // call (no second ring). Anything else is another call.
        if (mine->callerId != me.userId || mine->callerDevice != me.deviceId || mine->calleeId != peer->id ||
            mine->media != invite.media() || mine->answered() || call.nowMs >= mine->deadlineMs)
            return Error(ErrorCode::InCall, u"you are in a call already"_s);
        v1::Result again;
        *again.mutable_call() = info(*mine);
        m_ice.fill(*again.mutable_call(), me.uid, call.nowMs);
        return again;
    }

    CallRow row;
    row.id = QString::fromLatin1(secureRandomBytes(kIdBytes).toHex());
    row.callerId = me.userId;
    row.callerUid = me.uid;
    row.callerDevice = me.deviceId;
    row.calleeId = peer->id;
    row.calleeUid = peer->uid;
    row.media = invite.media();
    row.createdMs = call.nowMs;
    row.deadlineMs = call.nowMs + m_options.ringTimeoutMs;

    // Busy, or nobody to ring: over at once, with a record of it.
    const bool busy = store.calls().callOf(peer->id).has_value();
    if (busy || !m_registry.onlineAnywhere(peer->id)) {
        const v1::CallEnd reason = busy ? v1::CALL_END_BUSY : v1::CALL_END_UNREACHABLE;
        Result<QList<InboxDelivery>> record = writeRecord(store, row, reason, 0);
        if (!record)
            return record.error();
        v1::Result reply;
        *reply.mutable_call() = info(row, reason);
        return Outcome(reply, std::move(*record));
    }
    if (!store.calls().insertCall(row))
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    v1::Result reply;
    *reply.mutable_call() = info(row);
    m_ice.fill(*reply.mutable_call(), me.uid, call.nowMs);
    Outcome outcome(reply);
    v1::CallNotice incoming = noticeOf(row, v1::CALL_INCOMING);
    incoming.set_ring_until(row.deadlineMs);
    outcome.afterCommit = tell({peer->id}, incoming);
    return outcome;
}

Outcome CallLedger::act(IStore &store, const Call &call, const v1::CallAction &action) const
{
    const AuthenticatedUser &me = call.me();
    std::optional<CallRow> row = store.calls().call(QString::fromStdString(action.call_id()));
    const bool caller = row && me.userId == row->callerId;
    const bool callee = row && me.userId == row->calleeId;
    // Only its two people, each naming the other (whose conversation's lock the request took).
    if (!row || !(caller || callee) ||
        QString::fromStdString(action.peer()) != (caller ? row->calleeUid : row->callerUid))
        return kNoSuchCall;
    if (!row->answered() && call.nowMs >= row->deadlineMs) { // it rang out: over, whatever was asked
        if (action.action() == v1::CALL_HANG_UP)
            return end(store, *row, v1::CALL_END_NO_ANSWER, QString(), call.nowMs, v1::Result(), call.sessionId());
        return end(store, *row, v1::CALL_END_NO_ANSWER, QString(), call.nowMs,
                   errorResult(ErrorCode::TooLate, u"nobody answered in time"_s));
    }
    // Any device of either person may hang up (one whose device in the call was lost, say); the rest is for the
    // device in the call, or, while it rings, for any of the callee's.
    const bool inCall = me.deviceId == (caller ? row->callerDevice : row->calleeDevice);
    if (action.action() != v1::CALL_HANG_UP && !inCall && (caller || row->answered()))
        return Error(ErrorCode::AlreadyHandled, caller ? u"the call is on another of your devices"_s
                                                       : u"the call was answered on another of your devices"_s);

    switch (action.action()) {
    case v1::CALL_ACCEPT: {
        if (caller)
            return Error(ErrorCode::PermissionDenied, u"the caller does not answer"_s);
        v1::Result reply;
        if (!row->answered()) {
            const int media =
                row->media == v1::CALL_VIDEO && action.media() == v1::CALL_VIDEO ? v1::CALL_VIDEO : v1::CALL_VOICE;
            if (!store.calls().answerCall(row->id, me.deviceId, media, call.nowMs, call.nowMs + m_options.silenceMs))
                return Error(ErrorCode::AlreadyHandled, u"the call was answered on another of your devices"_s);
            row->calleeDevice = me.deviceId;
            row->media = media;
            row->answeredMs = call.nowMs;
        }
        *reply.mutable_call() = info(*row);
        m_ice.fill(*reply.mutable_call(), me.uid, call.nowMs);
        Outcome outcome(reply);
        v1::CallNotice accepted = noticeOf(*row, v1::CALL_ACCEPTED);
        accepted.set_device(row->calleeDevice.toStdString());
        outcome.afterCommit = tell({row->callerId, row->calleeId}, accepted, call.sessionId());
        return outcome;
    }
    case v1::CALL_DECLINE:
    case v1::CALL_BUSY:
        if (caller)
            return Error(ErrorCode::PermissionDenied, u"the caller hangs up instead"_s);
        if (row->answered())
            return Error(ErrorCode::AlreadyHandled, u"the call was answered"_s);
        return end(store, *row, action.action() == v1::CALL_BUSY ? v1::CALL_END_BUSY : v1::CALL_END_DECLINED, me.uid,
                   call.nowMs, v1::Result(), call.sessionId());
    case v1::CALL_HANG_UP: {
        v1::CallEnd reason = action.reason() == v1::CALL_END_FAILED ? v1::CALL_END_FAILED : v1::CALL_END_HUNG_UP;
        if (!row->answered())
            reason = caller ? v1::CALL_END_CANCELLED : v1::CALL_END_DECLINED;
        return end(store, *row, reason, me.uid, call.nowMs, v1::Result(), call.sessionId());
    }
    case v1::CALL_KEEP_ALIVE: {
        if (row->answered())
            store.calls().keepCallAlive(row->id, caller, call.nowMs, m_options.silenceMs);
        // The call as it is (answered: by which device), with TURN credentials good from now, which a device's
        // next peer connection uses.
        v1::Result reply;
        *reply.mutable_call() = info(*row);
        m_ice.fill(*reply.mutable_call(), me.uid, call.nowMs);
        return reply;
    }
    default: break;
    }
    return Error(ErrorCode::MalformedRequest, u"say what to do with the call"_s);
}

Outcome CallLedger::signal(IStore &store, const Call &call, const v1::CallSignal &signal) const
{
    const AuthenticatedUser &me = call.me();
    const std::optional<CallRow> row = store.calls().call(QString::fromStdString(signal.call_id()));
    const bool caller = row && me.userId == row->callerId;
    const bool callee = row && me.userId == row->calleeId;
    if (!row || !(caller || callee) ||
        QString::fromStdString(signal.peer()) != (caller ? row->calleeUid : row->callerUid))
        return kNoSuchCall;
    if (!row->answered())
        return Error(ErrorCode::NotFound, u"the call is not answered yet"_s);
    if (me.deviceId != (caller ? row->callerDevice : row->calleeDevice))
        return Error(ErrorCode::AlreadyHandled, u"the call is on another of your devices"_s);
    // To the other device in the call only.
    const qint64 peer = caller ? row->calleeId : row->callerId;
    const QString device = caller ? row->calleeDevice : row->callerDevice;
    v1::CallNotice relayed = noticeOf(*row, v1::CALL_SIGNAL);
    relayed.set_device(device.toStdString());
    relayed.set_connection(signal.connection());
    if (signal.has_description())
        *relayed.mutable_description() = signal.description();
    else
        *relayed.mutable_candidate() = signal.candidate();
    Outcome outcome{v1::Result()};
    outcome.afterCommit = [peer, device, frame = pushOf(relayed)](SessionRegistry &registry) {
        registry.pushToDevice(peer, device, frame);
    };
    return outcome;
}

Outcome CallLedger::endCallWith(IStore &store, const AuthenticatedUser &me, const QString &peerUid, qint64 nowMs) const
{
    const std::optional<CallRow> row = store.calls().callOf(me.userId);
    const bool caller = row && row->callerId == me.userId;
    if (!row || (caller ? row->calleeUid : row->callerUid) != peerUid)
        return v1::Result();
    v1::CallEnd reason = v1::CALL_END_HUNG_UP;
    if (!row->answered())
        reason = caller ? v1::CALL_END_CANCELLED : v1::CALL_END_DECLINED;
    return end(store, *row, reason, me.uid, nowMs, v1::Result());
}

Outcome CallLedger::endIfDue(IStore &store, const QString &id, qint64 nowMs) const
{
    const std::optional<CallRow> row = store.calls().call(id);
    if (!row || row->deadlineMs > nowMs) // ended, answered or kept alive meanwhile
        return v1::Result();
    return end(store, *row, row->answered() ? v1::CALL_END_CONNECTION_LOST : v1::CALL_END_NO_ANSWER, QString(), nowMs,
               v1::Result());
}

Outcome CallLedger::end(IStore &store, const CallRow &row, v1::CallEnd reason, const QString &endedBy, qint64 nowMs,
                        v1::Result reply, quint64 exceptSession) const
{
    if (!store.calls().removeCall(row.id))
        return kNoSuchCall;
    // A call that went silent lasted until both sides were last heard of.
    const qint64 until = reason == v1::CALL_END_CONNECTION_LOST ? row.lastHeardMs() : nowMs;
    const qint64 durationMs = row.answered() ? std::max<qint64>(0, until - row.answeredMs) : 0;
    Result<QList<InboxDelivery>> record = writeRecord(store, row, reason, durationMs);
    if (!record)
        return record.error();
    if (reply.code() == v1::ERR_NONE)
        *reply.mutable_call() = info(row, reason, durationMs);
    Outcome outcome(std::move(reply), std::move(*record));
    v1::CallNotice notice = noticeOf(row, v1::CALL_ENDED);
    notice.set_device(row.calleeDevice.toStdString());
    notice.set_reason(reason);
    notice.set_ended_by(endedBy.toStdString());
    notice.set_duration_ms(durationMs);
    outcome.afterCommit = tell({row.callerId, row.calleeId}, notice, exceptSession);
    return outcome;
}

Result<QList<InboxDelivery>> CallLedger::writeRecord(IStore &store, const CallRow &row, v1::CallEnd reason,
                                                     qint64 durationMs) const
{
    v1::CallRecord record;
    record.set_call_id(row.id.toStdString());
    record.set_media(v1::CallMedia(row.media));
    record.set_reason(reason);
    record.set_duration_ms(durationMs);
    v1::MessageContent content;
    content.set_type(!row.answered() && missedByCallee(reason) ? content::kMissedCall : content::kCallRecord);
    content.set_binary_content(record.SerializeAsString());
    const AuthenticatedUser caller{row.callerId, row.callerUid, row.callerDevice, QString(), 0};
    Result<MessageLedger::Appended> appended =
        m_messages.appendNotice(store, caller, row.calleeId, row.calleeUid, content);
    if (!appended)
        return appended.error();
    return std::move(appended->deliveries);
}

} // namespace parley::server
