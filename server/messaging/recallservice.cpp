#include "server/messaging/recallservice.h"

#include "protocol/protobufbytes.h"
#include "server/iclock.h"
#include "server/storage/istore.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

using namespace Qt::StringLiterals;

RecallService::RecallService(qint64 limitMs, const IClock &clock, StoreExecutor &store, SessionRegistry &registry)
    : m_limitMs(limitMs), m_clock(clock), m_store(store), m_registry(registry)
{
}

Result<RecallService::Recalled> RecallService::apply(IStore &store, const AuthenticatedUser &user, qint64 messageUid,
                                                     qint64 limitMs, quint64 sessionId, qint64 nowMs)
{
    const std::optional<MessageRecord> message = store.messageByUid(messageUid);
    const QList<UserRecord> members =
        message ? store.conversationMembers(message->conversationId) : QList<UserRecord>();
    const bool isMember =
        std::any_of(members.cbegin(), members.cend(), [&](const UserRecord &m) { return m.id == user.userId; });
    if (!message || !isMember)
        return Error(ErrorCode::NotFound, u"no such message"_s); // the same answer: nothing leaks
    if (message->senderId != user.userId)
        return Error(ErrorCode::PermissionDenied, u"only the sender can recall a message"_s);
    if (message->recalledAtMs != 0)
        return Recalled{*message, {}}; // already recalled: the same answer, nothing new
    if (limitMs <= 0 || nowMs - message->timestampMs > limitMs)
        return Error(ErrorCode::TooLate,
                     u"messages can be recalled for %1 s after sending"_s.arg(std::max<qint64>(0, limitMs / 1000)));

    v1::MessageContent notice;
    notice.set_type(v1::CONTENT_NOTICE_RECALLED);
    store.markRecalled(messageUid, toBytes(notice), nowMs);

    Recalled recalled{*message, {}};
    recalled.message.content = toBytes(notice);
    recalled.message.recalledAtMs = nowMs;
    InboxWriter inbox(store, nowMs);
    for (const UserRecord &member : members) {
        v1::RecallNotice item;
        item.set_conversation_type(v1::ConversationType(message->conversationType));
        // One-to-one: each side sees the conversation as "with the other"; groups by the group id.
        const bool isSender = member.id == message->senderId;
        item.set_target(
            (message->conversationType == v1::CONVERSATION_PRIVATE && !isSender ? message->senderUid : message->target)
                .toStdString());
        item.set_from(message->senderUid.toStdString());
        item.set_message_uid(messageUid);
        item.set_conversation_seq(message->conversationSeq);
        item.set_recalled_at(nowMs);
        inbox.appendRecall(member.id, item, isSender ? sessionId : 0);
    }
    recalled.deliveries = inbox.takeDeliveries();
    return recalled;
}

void RecallService::recall(const RequestContext &context, const v1::RecallRequest &request, Reply reply)
{
    const AuthenticatedUser user = *context.user;
    const quint64 sessionId = context.session.id;
    const qint64 uid = request.message_uid();
    SessionRegistry *registry = &m_registry;
    m_store.submit<Result<Recalled>>(
        [this, user, uid, sessionId](IStore &store) {
            return apply(store, user, uid, m_limitMs, sessionId, m_clock.nowMs());
        },
        [reply, registry](Result<Recalled> recalled) {
            if (!recalled) {
                reply(errorResult(recalled.error()));
                return;
            }
            v1::Result result;
            result.mutable_recalled()->set_message_uid(recalled->message.uid);
            result.mutable_recalled()->set_conversation_seq(recalled->message.conversationSeq);
            reply(result);
            InboxWriter::pushAll(*registry, recalled->deliveries);
        },
        [reply](const Error &error) { reply(errorResult(error)); });
}

} // namespace parley::server
