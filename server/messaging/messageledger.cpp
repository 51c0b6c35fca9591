#include "server/messaging/messageledger.h"

#include "protocol/protobufbytes.h"
#include "server/iclock.h"
#include "server/storage/istore.h"

#include <QtEndian>

namespace parley::server {

using namespace Qt::StringLiterals;

QByteArray MessageLedger::clientKey(const v1::Message &message)
{
    if (!message.client_uuid().empty())
        return QByteArray(message.client_uuid().data(), qsizetype(message.client_uuid().size()));
    QByteArray key(kUuidBytes, '\0');
    qToBigEndian<quint64>(message.message_id(), key.data() + 8);
    return key;
}

Result<MessageLedger::Appended> MessageLedger::append(IStore &store, const AuthenticatedUser &sender,
                                                      const v1::Message &message, quint64 sendingSession) const
{
    const QByteArray key = clientKey(message);
    if (std::optional<MessageRecord> original = store.messageByClientUuid(sender.userId, key))
        return Appended{*original, true, {}};

    const QString target = QString::fromStdString(message.target());
    const std::optional<UserRecord> peer = store.userByUid(target);
    if (!peer)
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    const std::optional<ConversationRecord> conversation = store.privateConversation(sender.userId, peer->id);
    if (!conversation)
        return Error(ErrorCode::Unavailable, u"storage failed"_s);

    v1::MessageContent content = message.content();
    content.clear_local_content();
    content.clear_local_media_path();

    Appended appended;
    MessageRecord &m = appended.message;
    m.conversationId = conversation->id;
    m.conversationType = v1::CONVERSATION_PRIVATE;
    m.senderId = sender.userId;
    m.senderUid = sender.uid;
    m.target = target;
    m.clientUuid = key;
    m.senderMessageId = message.message_id();
    m.content = toBytes(content);
    m.timestampMs = m_clock.nowMs();
    if (!store.insertMessage(m))
        return Error(ErrorCode::Unavailable, u"storage failed"_s);

    InboxWriter inbox(store, m.timestampMs);
    inbox.appendMessage(sender.userId, m, sendingSession);
    if (peer->id != sender.userId)
        inbox.appendMessage(peer->id, m);
    appended.deliveries = inbox.takeDeliveries();
    return appended;
}

MessageLedger::Page MessageLedger::pull(IStore &store, const AuthenticatedUser &user, quint64 afterSeq, int limit) const
{
    Page page;
    store.setSyncedSeq(user.sessionRecordId, afterSeq);
    page.head = store.inboxHead(user.userId);
    page.items = store.inboxAfter(user.userId, afterSeq, limit);
    page.hasMore = !page.items.isEmpty() && page.items.last().seq < page.head;
    const quint64 firstAvailable = page.items.isEmpty() ? page.head + 1 : page.items.first().seq;
    page.expired = afterSeq < page.head && firstAvailable > afterSeq + 1;
    return page;
}

v1::Message MessageLedger::toWire(const MessageRecord &record)
{
    v1::Message m;
    m.set_from(record.senderUid.toStdString());
    m.mutable_content()->ParseFromArray(record.content.constData(), int(record.content.size()));
    m.set_message_id(record.senderMessageId);
    m.set_message_uid(record.uid);
    m.set_timestamp(record.timestampMs);
    m.set_conversation_type(v1::ConversationType(record.conversationType));
    m.set_target(record.target.toStdString());
    m.set_conversation_seq(record.conversationSeq);
    m.set_client_uuid(record.clientUuid.constData(), size_t(record.clientUuid.size()));
    return m;
}

} // namespace parley::server
