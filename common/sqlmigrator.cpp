#include "common/sqlmigrator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace parley {

using namespace Qt::StringLiterals;

SqlMigrator::SqlMigrator(QSqlDatabase db, QList<MigrationStep> steps) : m_db(std::move(db)), m_steps(std::move(steps))
{
    for (qsizetype i = 0; i < m_steps.size(); ++i)
        Q_ASSERT_X(m_steps[i].version == i + 1, "SqlMigrator", "steps must be numbered 1, 2, 3, ...");
}

int SqlMigrator::currentVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(u"PRAGMA user_version"_s) && q.next())
        return q.value(0).toInt();
    return -1;
}

int SqlMigrator::latestVersion() const
{
    return int(m_steps.size());
}

Result<int> SqlMigrator::migrate(int target)
{
    if (target < 0)
        target = latestVersion();
    const int current = currentVersion();
    if (current < 0)
        return Error(ErrorCode::StorageFailure, u"cannot read the schema version: %1"_s.arg(m_db.lastError().text()));
    if (current > latestVersion())
        return Error(
            ErrorCode::SchemaTooNew,
            u"the database has schema version %1, newer than this program's %2; it was left untouched"_s.arg(current)
                .arg(latestVersion()));

    for (int version = current + 1; version <= target; ++version) {
        const MigrationStep &step = m_steps[version - 1];
        if (!m_db.transaction())
            return Error(ErrorCode::StorageFailure, m_db.lastError().text());
        QSqlQuery q(m_db);
        for (const char *statement : step.statements) {
            if (!q.exec(QString::fromUtf8(statement))) {
                const QString why = q.lastError().text();
                m_db.rollback();
                return Error(ErrorCode::StorageFailure, u"schema step %1 failed: %2"_s.arg(version).arg(why));
            }
        }
        if (!q.exec(u"PRAGMA user_version = %1"_s.arg(version)) || !m_db.commit()) {
            const QString why = m_db.lastError().text();
            m_db.rollback();
            return Error(ErrorCode::StorageFailure, u"schema step %1 failed: %2"_s.arg(version).arg(why));
        }
    }
    return currentVersion();
}

} // namespace parley
