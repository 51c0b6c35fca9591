#pragma once

#include "common/sqlstatements.h"
#include "server/storage/icodestore.h"

namespace parley::server {

// ICodeStore on the SqlStore's connection (verification_codes, code_requests). Storage thread.
class SqlCodeStore final : public ICodeStore {
public:
    explicit SqlCodeStore(SqlStatements &sql) : m_sql(sql) {}

    void putCode(const QString &phone, const CodeRecord &code, qint64 nowMs) override;
    std::optional<CodeRecord> takeCodeTry(const QString &phone, CodePurpose purpose) override;
    void deleteCode(const QString &phone, CodePurpose purpose) override;
    void recordCodeRequest(const QString &phone, const QString &block, const QString &address, qint64 nowMs) override;
    QList<qint64> codeRequestTimesForPhone(const QString &phone, qint64 sinceMs) override;
    QList<qint64> codeRequestTimesForBlock(const QString &block, qint64 sinceMs) override;
    QList<qint64> codeRequestTimesForAddress(const QString &address, qint64 sinceMs) override;
    void pruneCodeRequests(qint64 beforeMs) override;

private:
    QList<qint64> times(const char *sql, const QString &key, qint64 sinceMs);

    SqlStatements &m_sql;
};

} // namespace parley::server
