#include "server/messaging/conversationsettingsledger.h"

#include "protocol/frame.h"
#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "server/groups/groupledger.h"
#include "server/messaging/messagevalidator.h"
#include "server/net/sessionregistry.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

v1::ConversationSettings toWire(const ConversationSettingsRecord &s)
{
    v1::ConversationSettings wire;
    wire.set_conversation_type(v1::ConversationType(s.conversationType));
    wire.set_target(s.target.toStdString());
    wire.set_pinned(s.pinned);
    wire.set_muted_until(s.mutedUntilMs);
    wire.set_marked_unread(s.markedUnread);
    wire.set_draft(s.draft.toStdString());
    wire.set_updated_at(s.updatedAtMs);
    return wire;
}

// The conversation exists for me: a user (one-to-one, notes to myself included), or a group I am in.
std::optional<Error> refusal(IStore &store, const Call &call, const v1::ConversationSettingsRequest &request)
{
    const QString target = QString::fromStdString(request.target());
    if (request.conversation_type() == v1::CONVERSATION_PRIVATE) {
        if (!store.userByUid(target))
            return Error(ErrorCode::NotFound, u"no user with this id"_s);
        return std::nullopt;
    }
    if (const Result<GroupLedger::Access> member = GroupLedger::access(store, call.me(), target); !member)
        return member.error();
    return std::nullopt;
}

} // namespace

Error ConversationSettingsLedger::check(const v1::ConversationSettingsRequest &request)
{
    if (request.conversation_type() != v1::CONVERSATION_PRIVATE && request.conversation_type() != v1::CONVERSATION_GROUP)
        return Error(ErrorCode::MalformedRequest, u"unknown conversation type"_s);
    if (request.target().empty() || request.target().size() > size_t(MessageValidator::kMaxTargetLength))
        return Error(ErrorCode::MalformedRequest, u"the conversation is missing"_s);
    if (request.has_muted_until() && request.muted_until() < 0)
        return Error(ErrorCode::MalformedRequest, u"a mute ends at a time, or never"_s);
    if (request.has_draft() && request.draft().size() > size_t(limits::kMaxTextBytes))
        return Error(ErrorCode::TooLarge, u"the draft is too long"_s);
    return Error();
}

Outcome ConversationSettingsLedger::set(IStore &store, const Call &call, const v1::ConversationSettingsRequest &request)
{
    if (const std::optional<Error> refused = refusal(store, call, request))
        return *refused;
    const qint64 me = call.me().userId;
    const QString target = QString::fromStdString(request.target());
    std::optional<ConversationSettingsRecord> stored = store.conversationSettings(me, request.conversation_type(), target);
    ConversationSettingsRecord s = stored.value_or(ConversationSettingsRecord{request.conversation_type(), target});
    if (request.has_pinned())
        s.pinned = request.pinned();
    if (request.has_muted_until())
        s.mutedUntilMs = request.muted_until();
    if (s.mutedUntilMs != 0 && s.mutedUntilMs <= call.nowMs)
        s.mutedUntilMs = 0; // a mute that ended is no mute: the row can go
    if (request.has_marked_unread())
        s.markedUnread = request.marked_unread();
    if (request.has_draft())
        s.draft = QString::fromStdString(request.draft());
    if (!stored && !s.isDefault() && store.conversationSettingsCount(me) >= limits::kMaxConversationSettings)
        return Error(ErrorCode::QuotaExceeded, u"too many conversations are pinned, muted or have drafts"_s);
    s.updatedAtMs = call.nowMs;
    store.putConversationSettings(me, s);

    v1::Result result;
    *result.mutable_conversation_settings() = toWire(s);
    Outcome outcome{result};
    outcome.afterCommit = [me, except = call.sessionId(),
                           frame = Frame{Signal::Push, SubSignal::CSN, 0, toBytes(result.conversation_settings())}](
                              SessionRegistry &registry) { registry.pushToUser(me, frame, except); };
    return outcome;
}

Outcome ConversationSettingsLedger::list(IStore &store, const Call &call,
                                         const v1::ConversationSettingsListRequest &request)
{
    const QList<ConversationSettingsRecord> rows =
        store.conversationSettingsAfter(call.me().userId, request.after_type(),
                                        QString::fromStdString(request.after_target()),
                                        limits::kConversationSettingsPage + 1);
    v1::Result result;
    v1::ConversationSettingsList *list = result.mutable_conversation_settings_list();
    for (qsizetype i = 0; i < std::min<qsizetype>(rows.size(), limits::kConversationSettingsPage); ++i)
        *list->add_settings() = toWire(rows[i]);
    list->set_has_more(rows.size() > limits::kConversationSettingsPage);
    return Outcome(result);
}

} // namespace parley::server
