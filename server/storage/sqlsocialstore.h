#pragma once

#include "common/sqlstatements.h"
#include "server/storage/isocialstore.h"

#include <QSet>

namespace parley::server {

// ISocialStore on the statements (and so the connection and transaction) of a SqlStore.
class SqlSocialStore final : public ISocialStore {
public:
    explicit SqlSocialStore(SqlStatements &sql) : m_sql(sql) {}
    // Other nodes write to the same database: nothing is kept between transactions.
    void setShared(bool shared) { m_shared = shared; }

    std::optional<ProfileRecord> profile(qint64 userId) override;
    QList<ProfileRecord> profilesByUid(const QStringList &uids) override;
    void updateProfile(const ProfileRecord &profile) override;
    void setLastSeen(qint64 userId, qint64 nowMs) override;

    ContactRecord contact(qint64 userId, qint64 otherId) override;
    void putContact(const ContactRecord &contact) override;
    QList<ContactRecord> contacts(qint64 userId) override;
    QList<qint64> friendIds(qint64 userId) override;
    bool isBlocked(qint64 blocker, qint64 blocked) override;
    void forgetCaches() override { m_blocks.reset(); }

    std::optional<FriendRequestRecord> friendRequest(qint64 id) override;
    std::optional<FriendRequestRecord> pendingRequest(qint64 fromId, qint64 toId) override;
    std::optional<qint64> insertFriendRequest(const FriendRequestRecord &request) override;
    void updateFriendRequest(const FriendRequestRecord &request) override;
    QList<FriendRequestRecord> friendRequestsOf(qint64 userId, qint64 sinceMs, int limit) override;

private:
    SqlStatements &m_sql;
    bool m_shared = false;
    // Unshared, every (blocker, blocked) pair, loaded on first use: blocks are few, messages many.
    std::optional<QSet<std::pair<qint64, qint64>>> m_blocks;
};

} // namespace parley::server
