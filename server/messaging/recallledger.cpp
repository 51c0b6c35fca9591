#include "server/messaging/recallledger.h"

#include "protocol/contenttypes.h"
#include "protocol/protobufbytes.h"
#include "protocol/quotes.h"
#include "server/messaging/sentmessage.h"
#include "server/storage/istore.h"
#include "server/storage/lockkey.h"

#include <algorithm>

namespace parley::server {

using namespace Qt::StringLiterals;

Result<RecallLedger::Recalled> RecallLedger::apply(IStore &store, const AuthenticatedUser &user, qint64 messageUid,
                                                   qint64 limitMs, qint64 nowMs)
{
    const Result<SentMessage> sent =
        SentMessage::find(store, user, messageUid, u"only the sender can recall a message"_s);
    if (!sent)
        return sent.error();
    const MessageRecord *message = &sent->message;
    if (message->recalledAtMs != 0)
        return Recalled{*message, {}}; // already recalled: the same answer, nothing new
    if (v1::MessageContent original;
        original.ParseFromArray(message->content.constData(), int(message->content.size())) &&
        original.type() >= content::kFirstNotice) // a call record, a group notice
        return Error(ErrorCode::PermissionDenied, u"notices are not recalled"_s);
    if (!sent->inTime(limitMs, nowMs))
        return Error(ErrorCode::TooLate,
                     u"messages can be recalled for %1 s after sending"_s.arg(std::max<qint64>(0, limitMs / 1000)));

    v1::MessageContent notice;
    notice.set_type(v1::CONTENT_NOTICE_RECALLED);
    store.markRecalled(messageUid, toBytes(notice), nowMs);
    store.files().dropReferences(messageUid); // a recalled message gives nobody its file any more
    if (message->editedAtMs != 0)
        store.forgetEditedTexts(messageUid); // its edit items still in inboxes say no more than it does
    // Nor do replies quote its text. Each is rewritten under its own lock, as an edit of it is (LockKey): taken
    // here, past the batch's ascending order, as a reply is known only now. Should that close a circle with
    // another node's batch, PostgreSQL fails one and it runs again.
    QList<qint64> replyKeys;
    for (const MessageRecord &reply : store.messagesQuoting(messageUid))
        replyKeys.append(LockKey::ofMessage(reply.uid));
    std::sort(replyKeys.begin(), replyKeys.end());
    store.takeLocks(replyKeys);
    const QList<MessageRecord> replies =
        replyKeys.isEmpty() ? QList<MessageRecord>() : store.messagesQuoting(messageUid);
    for (const MessageRecord &reply : replies) { // read again: as they are once no edit of them is under way
        v1::MessageContent content;
        content.ParseFromArray(reply.content.constData(), int(reply.content.size()));
        quotes::markRecalled(*content.mutable_quote());
        store.replaceContent(reply.uid, toBytes(content));
    }

    Recalled recalled{*message, {}};
    recalled.message.content = toBytes(notice);
    recalled.message.recalledAtMs = nowMs;
    InboxWriter inbox(store, nowMs);
    for (const UserRecord &member : sent->members) {
        v1::RecallNotice item;
        item.set_conversation_type(v1::ConversationType(message->conversationType));
        item.set_target(sent->targetSeenBy(member));
        item.set_from(message->senderUid.toStdString());
        item.set_message_uid(messageUid);
        item.set_conversation_seq(message->conversationSeq);
        item.set_recalled_at(nowMs);
        inbox.appendRecall(member.id, item);
    }
    recalled.deliveries = inbox.takeDeliveries();
    return recalled;
}

Outcome RecallLedger::recall(IStore &store, const Call &call, const v1::RecallRequest &request) const
{
    const Result<Recalled> recalled = apply(store, call.me(), request.message_uid(), m_limitMs, call.nowMs);
    if (!recalled)
        return recalled.error();
    v1::Result result;
    result.mutable_recalled()->set_message_uid(recalled->message.uid);
    result.mutable_recalled()->set_conversation_seq(recalled->message.conversationSeq);
    return Outcome(result, recalled->deliveries);
}

} // namespace parley::server
