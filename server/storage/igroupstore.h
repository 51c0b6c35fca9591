#pragma once

#include "server/storage/records.h"

#include <QList>

#include <optional>

namespace parley::server {

// Groups and their members. A group is a conversation (type group) with a row in chat_groups; its members
// are the conversation's members, with a role and the window of history each may read. Same rules as
// IStore: storage thread only, inside the batch transaction.
class IGroupStore {
public:
    virtual ~IGroupStore() = default;

    // Creates the group and its conversation; the caller adds the members.
    virtual std::optional<GroupRecord> createGroup(const QString &gid, const QString &name, qint64 ownerId,
                                                   qint64 nowMs) = 0;
    virtual std::optional<GroupRecord> groupByGid(const QString &gid) = 0;
    virtual std::optional<GroupRecord> groupByConversation(qint64 conversationId) = 0;
    virtual void updateGroup(const GroupRecord &group) = 0;

    // The member row of a user, current or past.
    virtual std::optional<GroupMemberRecord> member(qint64 conversationId, qint64 userId) = 0;
    // Current members, owner first, then admins, then by joining.
    virtual QList<GroupMemberRecord> currentMembers(qint64 conversationId) = 0;
    virtual int memberCount(qint64 conversationId) = 0;
    // Inserts or replaces the member row (keeping its delivered/read horizons).
    virtual void putMember(qint64 conversationId, const GroupMemberRecord &member) = 0;
    // Sets how long a member may not write (0: may write).
    virtual void setMemberMutedUntil(qint64 conversationId, qint64 userId, qint64 untilMs) = 0;
    // Requests to join that wait for approval, oldest first; one per user and group.
    virtual QList<JoinRequestRecord> joinRequests(qint64 conversationId) = 0;
    virtual std::optional<JoinRequestRecord> joinRequest(qint64 conversationId, qint64 userId) = 0;
    virtual void putJoinRequest(qint64 conversationId, const JoinRequestRecord &request) = 0;
    virtual void deleteJoinRequest(qint64 conversationId, qint64 userId) = 0;
    // Groups the user is a current member of.
    virtual QList<GroupRecord> groupsOf(qint64 userId) = 0;
    // Whether two users are both current members of some group.
    virtual bool shareGroup(qint64 userA, qint64 userB) = 0;
    // Distinct senders of the group's messages in (afterSeq, upToSeq], except `except`, at most `limit`.
    virtual QList<qint64> sendersBetween(qint64 conversationId, quint64 afterSeq, quint64 upToSeq, qint64 except,
                                         int limit) = 0;
};

} // namespace parley::server
