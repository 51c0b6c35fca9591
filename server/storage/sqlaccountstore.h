#pragma once

#include "common/sqlstatements.h"
#include "server/storage/iaccountstore.h"

namespace parley::server {

// IAccountStore on the SqlStore's connection (users.suspended_at; counts over every table). Storage thread.
class SqlAccountStore final : public IAccountStore {
public:
    explicit SqlAccountStore(SqlStatements &sql) : m_sql(sql) {}

    qint64 suspendedSince(qint64 userId) override;
    void setSuspendedSince(qint64 userId, qint64 sinceMs) override;
    StoreCounts counts() override;

private:
    SqlStatements &m_sql;
};

} // namespace parley::server
