#include "server/messaging/sentmessage.h"

#include "parley.pb.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

Result<SentMessage> SentMessage::find(IStore &store, const AuthenticatedUser &asker, qint64 messageUid,
                                      const QString &onlyTheSender)
{
    std::optional<MessageRecord> message = store.messageByUid(messageUid);
    QList<UserRecord> members = message ? store.conversationMembers(message->conversationId) : QList<UserRecord>();
    const bool isMember =
        std::any_of(members.cbegin(), members.cend(), [&](const UserRecord &m) { return m.id == asker.userId; });
    if (!message || !isMember)
        return Error(ErrorCode::NotFound, u"no such message"_s); // the same answer: nothing leaks
    if (message->senderId != asker.userId)
        return Error(ErrorCode::PermissionDenied, onlyTheSender);
    return SentMessage{std::move(*message), std::move(members)};
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
