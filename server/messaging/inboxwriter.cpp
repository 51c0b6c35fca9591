#include "server/messaging/inboxwriter.h"

#include "protocol/protobufbytes.h"
#include "server/messaging/messageledger.h"
#include "server/storage/istore.h"

namespace parley::server {

bool InboxWriter::append(qint64 userId, const InboxEntry &entry, std::shared_ptr<const QByteArray> body)
{
    m_deliveries.append(InboxDelivery{userId, m_store.appendToInbox(userId, entry, m_nowMs), std::move(body)});
    return !m_store.failed();
}

bool InboxWriter::append(qint64 userId, const InboxEntry &entry, const v1::InboxItem &item)
{
    return append(userId, entry, std::make_shared<const QByteArray>(toBytes(item)));
}

bool InboxWriter::appendMessage(qint64 userId, const MessageRecord &message)
{
    if (!m_encodedMessage || m_encodedMessageUid != message.uid || message.uid == 0) {
        v1::InboxItem item;
        *item.mutable_message() = MessageLedger::toWire(message);
        m_encodedMessage = std::make_shared<const QByteArray>(toBytes(item));
        m_encodedMessageUid = message.uid;
    }
    return append(userId, InboxEntry{InboxEntry::Message, message.uid, {}}, m_encodedMessage);
}

bool InboxWriter::appendProgress(qint64 userId, const v1::ConversationProgress &progress)
{
    v1::InboxItem item;
    *item.mutable_progress() = progress;
    return append(userId, InboxEntry{InboxEntry::Progress, 0, toBytes(progress)}, item);
}

bool InboxWriter::appendRecall(qint64 userId, const v1::RecallNotice &notice)
{
    v1::InboxItem item;
    *item.mutable_recall() = notice;
    return append(userId, InboxEntry{InboxEntry::Recall, notice.message_uid(), toBytes(notice)}, item);
}

bool InboxWriter::appendEdit(qint64 userId, const v1::EditNotice &notice)
{
    v1::InboxItem item;
    *item.mutable_edit() = notice;
    return append(userId, InboxEntry{InboxEntry::Edit, notice.message_uid(), toBytes(notice)}, item);
}

bool InboxWriter::appendReaction(qint64 userId, const v1::ReactionNotice &notice)
{
    v1::InboxItem item;
    *item.mutable_reaction() = notice;
    return append(userId, InboxEntry{InboxEntry::Reaction, notice.message_uid(), toBytes(notice)}, item);
}

bool InboxWriter::appendFriendRequest(qint64 userId, const v1::FriendRequest &request)
{
    v1::InboxItem item;
    *item.mutable_friend_request() = request;
    return append(userId, InboxEntry{InboxEntry::FriendRequest, 0, toBytes(request)}, item);
}

bool InboxWriter::appendContact(qint64 userId, const v1::Contact &contact)
{
    v1::InboxItem item;
    *item.mutable_contact() = contact;
    return append(userId, InboxEntry{InboxEntry::Contact, 0, toBytes(contact)}, item);
}

v1::InboxItem InboxWriter::toWire(const InboxRecord &record)
{
    v1::InboxItem item;
    item.set_seq(record.seq);
    switch (record.kind) {
    case InboxEntry::Message: *item.mutable_message() = MessageLedger::toWire(record.message); break;
    case InboxEntry::Progress:
        item.mutable_progress()->ParseFromArray(record.payload.constData(), int(record.payload.size()));
        break;
    case InboxEntry::Recall:
        item.mutable_recall()->ParseFromArray(record.payload.constData(), int(record.payload.size()));
        break;
    case InboxEntry::FriendRequest:
        item.mutable_friend_request()->ParseFromArray(record.payload.constData(), int(record.payload.size()));
        break;
    case InboxEntry::Contact:
        item.mutable_contact()->ParseFromArray(record.payload.constData(), int(record.payload.size()));
        break;
    case InboxEntry::Edit:
        item.mutable_edit()->ParseFromArray(record.payload.constData(), int(record.payload.size()));
        break;
    case InboxEntry::Reaction:
        item.mutable_reaction()->ParseFromArray(record.payload.constData(), int(record.payload.size()));
        break;
    }
    return item;
}

} // namespace parley::server
