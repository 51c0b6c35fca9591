#include "server/messaging/messageledger.h"

#include "common/securerandom.h"
#include "protocol/contenttypes.h"
#include "protocol/protobufbytes.h"
#include "protocol/quotes.h"
#include "server/auth/devicesessions.h"
#include "server/files/fileledger.h"
#include "server/groups/groupledger.h"
#include "server/groups/groupmoderation.h"
#include "server/iclock.h"
#include "server/messaging/forwarding.h"
#include "server/messaging/messagevalidator.h"
#include "server/net/sessionregistry.h"
#include "server/storage/istore.h"

#include <QSet>
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
                                                      const v1::Message &message) const
{
    const QByteArray key = clientKey(message);
    if (std::optional<MessageRecord> original = store.messageByClientUuid(sender.userId, key))
        return Appended{*original, true, {}};

    v1::MessageContent content = message.content();
    content.clear_local_content();
    content.clear_local_media_path();
    if (content.forwarded_uid() != 0) {
        Result<v1::MessageContent> copy = Forwarding::copyOf(store, sender, content.forwarded_uid());
        if (!copy)
            return copy.error();
        content = std::move(*copy);
    } else if (content.type() == content::kChatHistory) {
        if (const Result<Done> filled = Forwarding::fillHistory(store, sender, *content.mutable_chat_history());
            !filled)
            return filled.error();
        content.set_searchable_content(content.chat_history().title()); // what lists and search show: its title
    }
    if (content.ByteSizeLong() > size_t(limits::kMaxContentBytes)) // as written here, not as asked for
        return Error(ErrorCode::TooLarge, u"the message is larger than %1 bytes"_s.arg(limits::kMaxContentBytes));

    const QString target = QString::fromStdString(message.target());
    const bool group = message.conversation_type() == v1::CONVERSATION_GROUP;
    const Result<Route> route =
        group ? groupRoute(store, sender, target, content, m_clock.nowMs()) : privateRoute(store, sender, target);
    if (!route)
        return route.error();
    qint64 quotedUid = 0;
    if (content.has_quote()) {
        const Result<qint64> quoted = fillQuote(store, *route, *content.mutable_quote());
        if (!quoted)
            return quoted.error();
        quotedUid = *quoted;
    }
    const QStringList historyFiles = Forwarding::filesOf(content.chat_history());
    const bool carriesFile = content.has_media() && !content.media().file_id().empty();
    if (carriesFile) {
        if (const Result<Done> attached = FileLedger::attach(store, sender.userId, *content.mutable_media()); !attached)
            return attached.error();
    }

    Appended appended;
    MessageRecord &m = appended.message;
    m.conversationId = route->conversationId;
    m.conversationType = group ? v1::CONVERSATION_GROUP : v1::CONVERSATION_PRIVATE;
    m.senderId = sender.userId;
    m.senderUid = sender.uid;
    m.target = target;
    m.clientUuid = key;
    m.senderMessageId = message.message_id();
    m.content = toBytes(content);
    m.timestampMs = m_clock.nowMs();
    m.quotedUid = quotedUid;
    if (const Result<Done> written = write(store, *route, appended); !written)
        return written.error();
    if (carriesFile) // who may read this message may now fetch its file
        store.files().addReference(QString::fromStdString(content.media().file_id()), m.conversationId,
                                   m.conversationSeq, m.uid);
    for (const QString &file : std::as_const(historyFiles))
        store.files().addReference(file, m.conversationId, m.conversationSeq, m.uid);
    return appended;
}

Result<Done> MessageLedger::write(IStore &store, const Route &route, Appended &appended)
{
    if (!store.insertMessage(appended.message))
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    InboxWriter inbox(store, appended.message.timestampMs);
    for (const qint64 recipient : route.recipients)
        inbox.appendMessage(recipient, appended.message);
    appended.deliveries = inbox.takeDeliveries();
    return Done{};
}

Result<MessageLedger::Appended> MessageLedger::appendNotice(IStore &store, const AuthenticatedUser &sender,
                                                            qint64 peerId, const QString &peerUid,
                                                            const v1::MessageContent &content) const
{
    const std::optional<ConversationRecord> conversation = store.privateConversation(sender.userId, peerId);
    if (!conversation)
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    Appended appended;
    MessageRecord &m = appended.message;
    m.conversationId = conversation->id;
    m.conversationType = v1::CONVERSATION_PRIVATE;
    m.senderId = sender.userId;
    m.senderUid = sender.uid;
    m.target = peerUid;
    m.timestampMs = m_clock.nowMs();
    m.clientUuid = timeOrderedUuid(m.timestampMs); // as clients make theirs: see timeOrderedUuid
    m.content = toBytes(content);
    if (const Result<Done> written = write(store, Route{conversation->id, {sender.userId, peerId}}, appended); !written)
        return written.error();
    return appended;
}

std::optional<Error> MessageLedger::privateRefusal(IStore &store, qint64 senderId, const UserRecord &peer,
                                                   const QString &refused, const QString &notFriends) const
{
    if (peer.deleted)
        return Error(ErrorCode::AccountDeleted, u"the recipient deleted their account"_s);
    if (peer.id == senderId)
        return std::nullopt;
    // The same words for "blocked" as for any refusal: the sender is not told more.
    if (store.social().isBlocked(peer.id, senderId))
        return Error(ErrorCode::Refused, refused);
    if (!m_allowStrangers && !store.social().contact(senderId, peer.id).isFriend &&
        !store.groups().shareGroup(senderId, peer.id))
        return Error(ErrorCode::NotFriends, notFriends);
    return std::nullopt;
}

Result<MessageLedger::Route> MessageLedger::privateRoute(IStore &store, const AuthenticatedUser &sender,
                                                         const QString &target) const
{
    const std::optional<UserRecord> peer = store.userByUid(target);
    if (!peer)
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    if (std::optional<Error> refused = privateRefusal(store, sender.userId, *peer, u"the message was not accepted"_s,
                                                      u"add this user as a friend to chat"_s))
        return *std::move(refused);
    const std::optional<ConversationRecord> conversation = store.privateConversation(sender.userId, peer->id);
    if (!conversation)
        return Error(ErrorCode::Unavailable, u"storage failed"_s);
    Route route{conversation->id, {sender.userId}};
    if (peer->id != sender.userId)
        route.recipients.append(peer->id);
    return route;
}

Result<MessageLedger::Route> MessageLedger::groupRoute(IStore &store, const AuthenticatedUser &sender,
                                                       const QString &target, const v1::MessageContent &content,
                                                       qint64 nowMs)
{
    const Result<GroupLedger::Access> access = GroupLedger::access(store, sender, target);
    if (!access)
        return access.error();
    if (const std::optional<Error> muted = GroupModeration::writeRefusal(access->group, access->me, nowMs))
        return *muted;
    if (content.mentioned_type() == int(content::Mention::Everyone) && access->me.role == GroupMemberRecord::Member)
        return Error(ErrorCode::PermissionDenied, u"only the owner and admins can mention everyone"_s);
    Route route{access->group.conversationId, {}, access->me.visibleFrom};
    QSet<QString> members;
    for (const UserRecord &member : store.conversationMembers(route.conversationId)) {
        route.recipients.append(member.id);
        members.insert(member.uid);
    }
    for (const std::string &mentioned : content.mentioned_targets()) {
        if (!members.contains(QString::fromStdString(mentioned)))
            return Error(ErrorCode::MalformedRequest, u"a mentioned user is not a member of the group"_s);
    }
    return route;
}

Result<qint64> MessageLedger::fillQuote(IStore &store, const Route &route, v1::Quote &quote)
{
    const std::optional<MessageRecord> original = quote.message_uid() > 0 ? store.messageByUid(quote.message_uid())
                                                                          : std::nullopt;
    // Not in this conversation, or before the sender joined the group: the same answer as no message at all.
    if (!original || original->conversationId != route.conversationId || original->conversationSeq < route.visibleFrom)
        return Error(ErrorCode::NotFound, u"the message replied to is not in this conversation"_s);
    v1::MessageContent content;
    content.ParseFromArray(original->content.constData(), int(original->content.size()));
    if (content.type() >= content::kFirstGroupNotice)
        return Error(ErrorCode::MalformedRequest, u"a notice cannot be replied to"_s);
    quote.set_conversation_seq(original->conversationSeq);
    quote.set_from(original->senderUid.toStdString());
    quotes::describe(content, quote);
    return original->uid;
}

// A device whose session was revoked while its node was out of touch with the others (Redis away, or the
// revoking node gone before it could tell them) learns it when it pulls, which such a node hints every
// session to do (ClusterBus): the answer says so, and the link closes as the word would have closed it.
Outcome MessageLedger::revokedOutcome(const Call &call, RevokeReason reason)
{
    const DeviceSessions::Revoked why = DeviceSessions::revoked(reason);
    Outcome outcome(Error(ErrorCode::NotAuthenticated, why.message));
    outcome.afterCommit = [session = call.session, why](SessionRegistry &registry) {
        registry.disconnectSession(session, why.disconnect, why.message);
    };
    return outcome;
}

MessageLedger::Page MessageLedger::pull(IStore &store, const AuthenticatedUser &user, quint64 afterSeq, int limit) const
{
    Page page;
    page.head = store.writtenInboxHead(user.userId); // what this batch appends is pushed after its commit
    // A position past the head is not one: recorded, it would let pruning take items the device never had.
    afterSeq = std::min(afterSeq, page.head);
    page.revoked = store.setSyncedSeq(user.sessionRecordId, afterSeq);
    if (page.revoked != RevokeReason::None)
        return page;
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
    m.set_edited_at(record.editedAtMs);
    if (!record.reactions.isEmpty()) {
        v1::ReactionList reactions;
        reactions.ParseFromArray(record.reactions.constData(), int(record.reactions.size()));
        *m.mutable_reactions() = std::move(*reactions.mutable_reactions());
    }
    return m;
}

Outcome MessageLedger::send(IStore &store, const Call &call, const v1::Message &message) const
{
    const Result<Appended> appended = append(store, call.me(), message);
    if (!appended)
        return appended.error();
    v1::Result result;
    v1::SendResult *sent = result.mutable_sent();
    sent->set_message_uid(appended->message.uid);
    sent->set_conversation_seq(appended->message.conversationSeq);
    sent->set_timestamp(appended->message.timestampMs);
    sent->set_duplicate(appended->duplicate);
    return Outcome(result, appended->deliveries);
}

Outcome MessageLedger::pullInbox(IStore &store, const Call &call, const v1::PullRequest &request) const
{
    const int limit = request.limit() == 0 ? kDefaultPullPage : int(std::min<quint32>(request.limit(), kMaxPullPage));
    const Page page = pull(store, call.me(), request.after_seq(), limit);
    if (page.revoked != RevokeReason::None)
        return revokedOutcome(call, page.revoked);
    v1::Result result;
    v1::PullResult *pulled = result.mutable_pulled();
    pulled->set_head_seq(page.head);
    pulled->set_has_more(page.hasMore);
    pulled->set_items_expired(page.expired);
    size_t bytes = 0;
    for (const InboxRecord &item : std::as_const(page.items)) {
        v1::InboxItem wire = InboxWriter::toWire(item);
        bytes += wire.ByteSizeLong() + kPageItemOverheadBytes;
        if (bytes > kMaxPageBytes && pulled->items_size() > 0) {
            pulled->set_has_more(true); // the rest comes with the next pull
            break;
        }
        *pulled->add_items() = std::move(wire);
    }
    return result;
}

} // namespace parley::server
