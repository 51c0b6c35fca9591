#include "server/calls/callservice.h"

#include "server/messaging/conversationlock.h"
#include "server/routing/requestrouter.h"
#include "server/storage/lockkey.h"

namespace parley::server {

void CallService::addRoutes(RequestRouter &router)
{
    using Access = RequestPolicy::Access;
    using Budget = RequestPolicy::Budget;
    const CallLedger *ledger = &m_ledger;
    // An invite rings someone's devices: it draws on the send budget, as a message does.
    router.add<v1::CallInvite>(
        SubSignal::CLI, {Access::AfterConnect, Budget::Send},
        [ledger](IStore &store, const Call &call, const v1::CallInvite &invite) {
            return ledger->invite(store, call, invite);
        },
        [](const v1::CallInvite &invite) { return CallLedger::check(invite); },
        [](const AuthenticatedUser &me, const v1::CallInvite &invite) {
            const QString callee = QString::fromStdString(invite.callee());
            return QList<qint64>{ConversationLock::keyOf(me.uid, v1::CONVERSATION_PRIVATE, invite.callee()),
                                 LockKey::ofCallsOf(me.uid), LockKey::ofCallsOf(callee)};
        });
    router.add<v1::CallAction>(
        SubSignal::CLA, {Access::AfterConnect, Budget::Send},
        [ledger](IStore &store, const Call &call, const v1::CallAction &action) {
            return ledger->act(store, call, action);
        },
        [](const v1::CallAction &action) { return CallLedger::check(action); },
        [](const AuthenticatedUser &me, const v1::CallAction &action) {
            return QList<qint64>{LockKey::ofCall(QString::fromStdString(action.call_id())),
                                 ConversationLock::keyOf(me.uid, v1::CONVERSATION_PRIVATE, action.peer())};
        });
    // Signals are relayed, not stored; a call's set-up sends a few dozen at once.
    router.add<v1::CallSignal>(
        SubSignal::CLS, {Access::AfterConnect, Budget::Send},
        [ledger](IStore &store, const Call &call, const v1::CallSignal &signal) {
            return ledger->signal(store, call, signal);
        },
        [](const v1::CallSignal &signal) { return CallLedger::check(signal); });
}

} // namespace parley::server
