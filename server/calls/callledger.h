#pragma once

#include "parley.pb.h"
#include "protocol/limits.h"
#include "protocol/result.h"
#include "server/messaging/messageledger.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"
#include "server/storage/icallstore.h"

namespace parley::server {

class IClock;
class IceServers;
class IStore;
class SessionRegistry;

// The rules of one-to-one calls (CLI, CLA, CLS), on the storage thread. A call is a row every node sees
// (ICallStore) from its invite until it ends: the first callee device to accept takes it (the row's lock decides
// between nodes), only the two devices in it may signal, hang up or keep it alive, and whoever ends it — a
// device, or CallSweeper at its deadline — removes the row and writes its record into the conversation, from
// the caller (CONTENT_NOTICE_CALL, or CONTENT_NOTICE_MISSED_CALL when the callee missed it, which counts as
// unread). An answered call lasts while both sides keep it alive: it ends when either goes silent, and any
// device of either person may hang it up. Who may call whom is who may message whom: friends or group co-members, and
// never someone who blocked the caller (told "refused", as a message would be); a block ends a call between the two
// (endCallWith). The invite of a device whose answer was lost, sent again while its call still rings, gets that
// call again. Notices (CLN) go to every device of both people after the commit, but a call's signals only to the
// other device in it; parleyd never sees media.
class CallLedger {
public:
    struct Options {
        qint64 ringTimeoutMs = qint64(limits::kDefaultRingTimeoutS) * 1000;
        qint64 silenceMs = limits::kCallSilenceMs; // an answered call nobody keeps alive this long ends
        bool allowStrangers = false;
    };
    static constexpr int kIdBytes = 16;

    CallLedger(const IClock &clock, const SessionRegistry &registry, const IceServers &ice, Options options);

    Outcome invite(IStore &store, const Call &call, const v1::CallInvite &invite) const;
    Outcome act(IStore &store, const Call &call, const v1::CallAction &action) const;
    Outcome signal(IStore &store, const Call &call, const v1::CallSignal &signal) const;
    // `me` blocked `peerUid`: a call between the two, ringing or answered, ends as if `me` had hung it up (its
    // record and the ENDED notices in the outcome); none, an empty outcome.
    Outcome endCallWith(IStore &store, const AuthenticatedUser &me, const QString &peerUid, qint64 nowMs) const;
    // CallSweeper: ends call `id` if its deadline is still past (NO_ANSWER while it rings, CONNECTION_LOST once
    // answered); nothing if a device acted meanwhile.
    Outcome endIfDue(IStore &store, const QString &id, qint64 nowMs) const;

    // Shapes, on the network thread.
    static std::optional<Error> check(const v1::CallInvite &invite);
    static std::optional<Error> check(const v1::CallAction &action);
    static std::optional<Error> check(const v1::CallSignal &signal);

private:
    // Removes the call (if this is the one transaction that does) and writes its record; the outcome carries
    // `reply`, the record's deliveries and the ENDED notice to both.
    Outcome end(IStore &store, const CallRow &row, v1::CallEnd reason, const QString &endedBy, qint64 nowMs,
                v1::Result reply, quint64 exceptSession = 0) const;
    // The record of a call that ended, from the caller, whatever became of the two since the call began (blocked,
    // no longer friends): every call leaves one.
    Result<QList<InboxDelivery>> writeRecord(IStore &store, const CallRow &row, v1::CallEnd reason,
                                             qint64 durationMs) const;
    // The call as a reply tells it: ringing until when, or, once `ended`, why and how long it lasted.
    static v1::CallInfo info(const CallRow &row, v1::CallEnd ended = v1::CALL_END_UNSPECIFIED, qint64 durationMs = 0);

    const IClock &m_clock;
    const SessionRegistry &m_registry;
    const IceServers &m_ice;
    Options m_options;
    MessageLedger m_messages;
};

} // namespace parley::server
