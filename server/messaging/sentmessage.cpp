#include "server/messaging/sentmessage.h"

#include "parley.pb.h"
#include "server/groups/groupmoderation.h"
#include "server/storage/igroupstore.h"
#include "server/storage/isocialstore.h"
#include "server/storage/istore.h"

#include <QSet>

namespace parley::server {

using namespace Qt::StringLiterals;

Result<SentMessage> SentMessage::readable(IStore &store, const AuthenticatedUser &asker, qint64 messageUid)
{
    std::optional<MessageRecord> message = store.messageByUid(messageUid);
    QList<UserRecord> members = message ? store.conversationMembers(message->conversationId) : QList<UserRecord>();
    if (message && message->conversationType == v1::CONVERSATION_GROUP) {
        // Members who joined after it neither read it nor hear of changes to it (one query for all of them).
        QSet<qint64> readers;
        for (const GroupMemberRecord &m : store.groups().currentMembers(message->conversationId)) {
            if (message->conversationSeq >= m.visibleFrom)
                readers.insert(m.userId);
        }
        members.removeIf([&](const UserRecord &m) { return !readers.contains(m.id); });
    }
    const bool visible =
        std::any_of(members.cbegin(), members.cend(), [&](const UserRecord &m) { return m.id == asker.userId; });
    if (!visible)
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

Result<v1::MessageContent> SentMessage::changeableContent(IStore &store, const AuthenticatedUser &asker,
                                                          qint64 nowMs) const
{
    if (message.recalledAtMs != 0)
        return Error(ErrorCode::NotFound, u"the message was recalled"_s);
    if (message.conversationType == v1::CONVERSATION_GROUP) { // a muted member changes nothing others see
        const std::optional<GroupRecord> group = store.groups().groupByConversation(message.conversationId);
        const std::optional<GroupMemberRecord> me = store.groups().member(message.conversationId, asker.userId);
        if (group && me) {
            if (std::optional<Error> muted = GroupModeration::writeRefusal(*group, *me, nowMs))
                return *std::move(muted);
        }
    }
    const bool refused = message.conversationType == v1::CONVERSATION_PRIVATE &&
                         std::any_of(members.cbegin(), members.cend(), [&](const UserRecord &m) {
                             return m.id != asker.userId && store.social().isBlocked(m.id, asker.userId);
                         });
    if (refused) // the same words as for any refused message
        return Error(ErrorCode::Refused, u"the message was not accepted"_s);
    v1::MessageContent content;
    content.ParseFromArray(message.content.constData(), int(message.content.size()));
    return content;
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
