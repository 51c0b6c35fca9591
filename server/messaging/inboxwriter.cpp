#include "server/messaging/inboxwriter.h"

#include "protocol/protobufbytes.h"
#include "server/messaging/messageledger.h"
#include "server/storage/istore.h"

namespace parley::server {

bool InboxWriter::append(qint64 userId, const InboxEntry &entry, std::shared_ptr<const QByteArray> body,
                         quint64 exceptSession)
{
    m_deliveries.append(
        InboxDelivery{userId, exceptSession, m_store.appendToInbox(userId, entry, m_nowMs), std::move(body)});
    return !m_store.failed();
}

bool InboxWriter::append(qint64 userId, const InboxEntry &entry, const v1::InboxItem &item, quint64 exceptSession)
{
    return append(userId, entry, std::make_shared<const QByteArray>(toBytes(item)), exceptSession);
}

bool InboxWriter::appendMessage(qint64 userId, const MessageRecord &message, quint64 exceptSession)
{
    if (!m_encodedMessage || m_encodedMessageUid != message.uid || message.uid == 0) {
        v1::InboxItem item;
        *item.mutable_message() = MessageLedger::toWire(message);
        m_encodedMessage = std::make_shared<const QByteArray>(toBytes(item));
        m_encodedMessageUid = message.uid;
    }
    return append(userId, InboxEntry{InboxEntry::Message, message.uid, {}}, m_encodedMessage, exceptSession);
}

bool InboxWriter::appendProgress(qint64 userId, const v1::ConversationProgress &progress, quint64 exceptSession)
{
    v1::InboxItem item;
    *item.mutable_progress() = progress;
    return append(userId, InboxEntry{InboxEntry::Progress, 0, toBytes(progress)}, item, exceptSession);
}

bool InboxWriter::appendRecall(qint64 userId, const v1::RecallNotice &notice, quint64 exceptSession)
{
    v1::InboxItem item;
    *item.mutable_recall() = notice;
    return append(userId, InboxEntry{InboxEntry::Recall, notice.message_uid(), toBytes(notice)}, item, exceptSession);
}

bool InboxWriter::appendEdit(qint64 userId, const v1::EditNotice &notice, quint64 exceptSession)
{
    v1::InboxItem item;
    *item.mutable_edit() = notice;
    return append(userId, InboxEntry{InboxEntry::Edit, notice.message_uid(), toBytes(notice)}, item, exceptSession);
}

bool InboxWriter::appendReaction(qint64 userId, const v1::ReactionNotice &notice, quint64 exceptSession)
{
    v1::InboxItem item;
    *item.mutable_reaction() = notice;
    return append(userId, InboxEntry{InboxEntry::Reaction, notice.message_uid(), toBytes(notice)}, item, exceptSession);
}

bool InboxWriter::appendFriendRequest(qint64 userId, const v1::FriendRequest &request, quint64 exceptSession)
{
    v1::InboxItem item;
    *item.mutable_friend_request() = request;
    return append(userId, InboxEntry{InboxEntry::FriendRequest, 0, toBytes(request)}, item, exceptSession);
}

bool InboxWriter::appendContact(qint64 userId, const v1::Contact &contact, quint64 exceptSession)
{
    v1::InboxItem item;
    *item.mutable_contact() = contact;
    return append(userId, InboxEntry{InboxEntry::Contact, 0, toBytes(contact)}, item, exceptSession);
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
