#include "server/messaging/messageservice.h"

#include "protocol/limits.h"
#include "server/messaging/conversationlock.h"
#include "server/messaging/conversationsettingsledger.h"
#include "server/messaging/historyledger.h"
#include "server/messaging/messagevalidator.h"
#include "server/messaging/reactionledger.h"
#include "server/messaging/receiptledger.h"
#include "server/routing/requestrouter.h"
#include "server/storage/lockkey.h"

namespace parley::server {

using namespace Qt::StringLiterals;

void MessageService::addRoutes(RequestRouter &router)
{
    using Access = RequestPolicy::Access;
    using Budget = RequestPolicy::Budget;
    const MessageLedger *ledger = &m_ledger;
    router.add<v1::Message>(
        SubSignal::MS, {Access::AfterConnect, Budget::Send},
        [ledger](IStore &store, const Call &call, const v1::Message &message) {
            return ledger->send(store, call, message);
        },
        [](const v1::Message &message) -> std::optional<Error> {
            const Error invalid = MessageValidator::check(message);
            return invalid.isError() ? std::optional(invalid) : std::nullopt;
        },
        [](const AuthenticatedUser &me, const v1::Message &message) {
            // And the messages whose words it copies (a quote, a forward), which a recall on another node may be
            // emptying: one runs after the other, so a recalled text is copied into nothing.
            QList<qint64> keys{ConversationLock::keyOf(me.uid, message.conversation_type(), message.target())};
            const v1::MessageContent &content = message.content();
            if (content.forwarded_uid() > 0) { // its content is the original's; nothing else of it is read
                keys.append(LockKey::ofMessage(content.forwarded_uid()));
                return keys;
            }
            if (content.has_quote() && content.quote().message_uid() > 0)
                keys.append(LockKey::ofMessage(content.quote().message_uid()));
            for (const qint64 uid : content.chat_history().message_uids()) // checked: kMaxForwardedMessages at most
                keys.append(LockKey::ofMessage(uid));
            return keys;
        });
    const RequestPolicy plain{Access::AfterConnect, Budget::None};
    router.add<v1::PullRequest>(SubSignal::MP, plain,
                                [ledger](IStore &store, const Call &call, const v1::PullRequest &request) {
                                    return ledger->pullInbox(store, call, request);
                                });
    for (const auto &[subSignal, kind] : {std::pair{SubSignal::MDR, ReceiptLedger::Kind::Delivered},
                                          std::pair{SubSignal::MRD, ReceiptLedger::Kind::Read}})
        router.add<v1::ProgressReport>(
            subSignal, plain,
            [kind = kind](IStore &store, const Call &call, const v1::ProgressReport &report) {
                return ReceiptLedger::report(store, call, kind, report);
            },
            [](const v1::ProgressReport &report) -> std::optional<Error> {
                if (report.points_size() > limits::kMaxProgressPoints)
                    return Error(ErrorCode::TooLarge,
                                 u"a report has at most %1 conversations"_s.arg(limits::kMaxProgressPoints));
                return std::nullopt;
            },
            [](const AuthenticatedUser &me, const v1::ProgressReport &report) {
                return ConversationLock::keysOf(me.uid, report);
            });
    // A recall, an edit and a reaction read the message and rewrite it: under its lock (LockKey::ofMessage).
    const auto messageLock = [](const AuthenticatedUser &, const auto &request) {
        return QList<qint64>{LockKey::ofMessage(request.message_uid())};
    };
    router.add<v1::RecallRequest>(
        SubSignal::MR, plain,
        [recalls = &m_recalls](IStore &store, const Call &call, const v1::RecallRequest &r) {
            return recalls->recall(store, call, r);
        },
        [](const v1::RecallRequest &r) -> std::optional<Error> {
            if (r.message_uid() <= 0)
                return Error(ErrorCode::MalformedRequest, u"say which message"_s);
            return std::nullopt;
        },
        messageLock);
    // An edit reaches every participant's inbox, as a message does: it draws on the send budget.
    router.add<v1::EditRequest>(
        SubSignal::ME, {Access::AfterConnect, Budget::Send},
        [edits = &m_edits](IStore &store, const Call &call, const v1::EditRequest &r) {
            return edits->edit(store, call, r);
        },
        [](const v1::EditRequest &request) -> std::optional<Error> {
            const Error invalid = EditLedger::check(request);
            return invalid.isError() ? std::optional(invalid) : std::nullopt;
        },
        messageLock);
    router.add<v1::ReactRequest>(
        SubSignal::MRE, {Access::AfterConnect, Budget::Send}, &ReactionLedger::react,
        [](const v1::ReactRequest &request) -> std::optional<Error> {
            const Error invalid = ReactionLedger::check(request);
            return invalid.isError() ? std::optional(invalid) : std::nullopt;
        },
        messageLock);
    router.add<v1::TypingRequest>(
        SubSignal::MT, {Access::AfterConnect, Budget::Send},
        [typing = &m_typing](IStore &store, const Call &call, const v1::TypingRequest &r) {
            return typing->typing(store, call, r);
        },
        [](const v1::TypingRequest &r) -> std::optional<Error> { // an activity that does not exist: refused before
            if (r.target().empty() || r.target().size() > size_t(MessageValidator::kMaxTargetLength))
                return Error(ErrorCode::MalformedRequest, u"say to whom"_s);
            return std::nullopt;
        });
    router.add<v1::HistoryRequest>(SubSignal::LRM, plain, &HistoryLedger::history);
    // A change of settings is stored and pushed to the user's other devices: it draws on the send budget.
    router.add<v1::ConversationSettingsRequest>(
        SubSignal::CSS, {Access::AfterConnect, Budget::Send}, &ConversationSettingsLedger::set,
        [](const v1::ConversationSettingsRequest &request) -> std::optional<Error> {
            const Error invalid = ConversationSettingsLedger::check(request);
            return invalid.isError() ? std::optional(invalid) : std::nullopt;
        });
    router.add<v1::ConversationSettingsListRequest>(SubSignal::CSL, plain, &ConversationSettingsLedger::list);
}

} // namespace parley::server
