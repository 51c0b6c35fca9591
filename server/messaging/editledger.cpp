#include "server/messaging/editledger.h"

#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "server/messaging/inboxwriter.h"
#include "server/messaging/sentmessage.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

Error EditLedger::check(const v1::EditRequest &request)
{
    if (request.message_uid() <= 0)
        return Error(ErrorCode::MalformedRequest, u"say which message to edit"_s);
    if (QString::fromStdString(request.text()).trimmed().isEmpty())
        return Error(ErrorCode::MalformedRequest, u"a text message needs text"_s);
    if (request.text().size() > size_t(limits::kMaxTextBytes))
        return Error(ErrorCode::TooLarge, u"the text is longer than %1 bytes"_s.arg(limits::kMaxTextBytes));
    return Error();
}

Outcome EditLedger::edit(IStore &store, const Call &call, const v1::EditRequest &request) const
{
    const Result<SentMessage> sent =
        SentMessage::find(store, call.me(), request.message_uid(), u"only the sender can edit a message"_s);
    if (!sent)
        return sent.error();
    const MessageRecord &message = sent->message;
    Result<v1::MessageContent> changeable = sent->changeableContent(store, call.me(), call.nowMs);
    if (!changeable)
        return changeable.error();
    v1::MessageContent &content = *changeable;
    if (content.type() != v1::CONTENT_TEXT)
        return Error(ErrorCode::MalformedRequest, u"only text messages can be edited"_s);
    v1::Result result;
    v1::EditResult *edited = result.mutable_edited();
    edited->set_message_uid(message.uid);
    edited->set_conversation_seq(message.conversationSeq);
    if (content.searchable_content() == request.text()) { // nothing changes: the same answer, nothing new
        edited->set_edited_at(message.editedAtMs);
        return result;
    }
    if (!sent->inTime(m_limitMs, call.nowMs))
        return Error(ErrorCode::TooLate,
                     u"messages can be edited for %1 s after sending"_s.arg(std::max<qint64>(0, m_limitMs / 1000)));

    content.set_searchable_content(request.text());
    store.markEdited(message.uid, toBytes(content), call.nowMs);
    edited->set_edited_at(call.nowMs);
    InboxWriter inbox(store, call.nowMs);
    for (const UserRecord &member : sent->members) {
        v1::EditNotice item;
        item.set_conversation_type(v1::ConversationType(message.conversationType));
        item.set_target(sent->targetSeenBy(member));
        item.set_from(message.senderUid.toStdString());
        item.set_message_uid(message.uid);
        item.set_conversation_seq(message.conversationSeq);
        item.set_text(request.text());
        item.set_edited_at(call.nowMs);
        inbox.appendEdit(member.id, item);
    }
    return Outcome(result, inbox.takeDeliveries());
}

} // namespace parley::server
