#pragma once

#include "common/sqlstatements.h"
#include "server/storage/igroupstore.h"

namespace parley::server {

// IGroupStore on the statements (and so the connection and transaction) of a SqlStore.
class SqlGroupStore final : public IGroupStore {
public:
    explicit SqlGroupStore(SqlStatements &sql) : m_sql(sql) {}

    std::optional<GroupRecord> createGroup(const QString &gid, const QString &name, qint64 ownerId,
                                           qint64 nowMs) override;
    std::optional<GroupRecord> groupByGid(const QString &gid) override;
    std::optional<GroupRecord> groupByConversation(qint64 conversationId) override;
    void updateGroup(const GroupRecord &group) override;

    std::optional<GroupMemberRecord> member(qint64 conversationId, qint64 userId) override;
    QList<GroupMemberRecord> currentMembers(qint64 conversationId) override;
    int memberCount(qint64 conversationId) override;
    void putMember(qint64 conversationId, const GroupMemberRecord &member) override;
    void setMemberMutedUntil(qint64 conversationId, qint64 userId, qint64 untilMs) override;
    QList<JoinRequestRecord> joinRequests(qint64 conversationId) override;
    std::optional<JoinRequestRecord> joinRequest(qint64 conversationId, qint64 userId) override;
    void putJoinRequest(qint64 conversationId, const JoinRequestRecord &request) override;
    void deleteJoinRequest(qint64 conversationId, qint64 userId) override;
    QList<GroupRecord> groupsOf(qint64 userId) override;
    bool shareGroup(qint64 userA, qint64 userB) override;
    QList<qint64> sendersBetween(qint64 conversationId, quint64 afterSeq, quint64 upToSeq, qint64 except,
                                 int limit) override;

private:
    std::optional<GroupRecord> groupWhere(const char *sql, const QVariant &value);

    SqlStatements &m_sql;
};

} // namespace parley::server
