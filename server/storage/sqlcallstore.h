#pragma once

#include "common/sqlstatements.h"
#include "server/storage/icallstore.h"

namespace parley::server {

// ICallStore on the SqlStore's connection (calls). Storage thread.
class SqlCallStore final : public ICallStore {
public:
    explicit SqlCallStore(SqlStatements &sql) : m_sql(sql) {}

    bool insertCall(const CallRow &call) override;
    std::optional<CallRow> call(const QString &id) override;
    std::optional<CallRow> callOf(qint64 userId) override;
    bool answerCall(const QString &id, const QString &calleeDevice, int media, qint64 nowMs,
                    qint64 deadlineMs) override;
    void keepCallAlive(const QString &id, bool callerSide, qint64 nowMs, qint64 silenceMs) override;
    bool removeCall(const QString &id) override;
    QList<CallRow> callsDueBy(qint64 nowMs, int limit) override;

private:
    SqlStatements &m_sql;
};

} // namespace parley::server
