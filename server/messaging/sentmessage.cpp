#include "server/messaging/sentmessage.h"

#include "parley.pb.h"
#include "server/storage/igroupstore.h"
#include "server/storage/isocialstore.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

Result<SentMessage> SentMessage::readable(IStore &store, const AuthenticatedUser &asker, qint64 messageUid)
{
    std::optional<MessageRecord> message = store.messageByUid(messageUid);
    QList<UserRecord> members = message ? store.conversationMembers(message->conversationId) : QList<UserRecord>();
    const bool isMember =
        std::any_of(members.cbegin(), members.cend(), [&](const UserRecord &m) { return m.id == asker.userId; });
    if (isMember && message->conversationType == v1::CONVERSATION_GROUP) {
        // Members who joined after it neither read it nor hear of changes to it.
        members.removeIf([&](const UserRecord &m) {
            const std::optional<GroupMemberRecord> member = store.groups().member(message->conversationId, m.id);
            return !member || message->conversationSeq < member->visibleFrom;
        });
    }
    const bool visible =
        std::any_of(members.cbegin(), members.cend(), [&](const UserRecord &m) { return m.id == asker.userId; });
    if (!message || !visible)
        return Error(ErrorCode::NotFound, u"no such message"_s); // the same answer: nothing leaks
    return SentMessage{std::move(*message), std::move(members)};
}

Result<SentMessage> SentMessage::find(IStore &store, const AuthenticatedUser &asker, qint64 messageUid,
                                      const QString &onlyTheSender)
{
    Result<SentMessage> found = readable(store, asker, messageUid);
    if (found && found->message.senderId != asker.userId)
        return Error(ErrorCode::PermissionDenied, onlyTheSender);
    return found;
}

bool SentMessage::refusedByPeer(IStore &store, const AuthenticatedUser &asker) const
{
    if (message.conversationType != v1::CONVERSATION_PRIVATE)
        return false;
    return std::any_of(members.cbegin(), members.cend(), [&](const UserRecord &m) {
        return m.id != asker.userId && store.social().isBlocked(m.id, asker.userId);
    });
}

bool SentMessage::inTime(qint64 limitMs, qint64 nowMs) const
{
    return limitMs > 0 && nowMs - message.timestampMs <= limitMs;
}

std::string SentMessage::targetSeenBy(const UserRecord &member) const
{
    const bool isSender = member.id == message.senderId;
    return (message.conversationType == v1::CONVERSATION_PRIVATE && !isSender ? message.senderUid : message.target)
        .toStdString();
}

} // namespace parley::server
