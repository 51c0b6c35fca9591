#pragma once

#include "common/sqlstatements.h"
#include "server/storage/iaccountstore.h"

#include <functional>

namespace parley::server {

// IAccountStore on the SqlStore's connection (users.suspended_at and deleted_at; counts over every table). Storage
// thread.
class SqlAccountStore final : public IAccountStore {
public:
    // forgetCaches: what the owning store keeps in memory of users and contacts, forgotten after an erase.
    SqlAccountStore(SqlStatements &sql, std::function<void()> forgetCaches)
        : m_sql(sql), m_forgetCaches(std::move(forgetCaches))
    {
    }

    qint64 suspendedSince(qint64 userId) override;
    void setSuspendedSince(qint64 userId, qint64 sinceMs) override;
    StoreCounts counts() override;
    bool isDeleted(qint64 userId) override;
    QList<qint64> acquaintances(qint64 userId) override;
    void eraseAccount(const UserRecord &user, qint64 nowMs) override;

private:
    SqlStatements &m_sql;
    std::function<void()> m_forgetCaches;
};

} // namespace parley::server
