#include "common/sqlmigrator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

// The key of the advisory lock that PostgreSQL migrations hold for their step ("parley" in ASCII).
constexpr qint64 kMigrationLock = 0x7061726c6579;

} // namespace

SqlMigrator::SqlMigrator(QSqlDatabase db, QList<MigrationStep> steps)
    : m_db(std::move(db)), m_steps(std::move(steps)), m_engine(SqlDialect::engineOf(m_db))
{
    for (qsizetype i = 0; i < m_steps.size(); ++i)
        Q_ASSERT_X(m_steps[i].version == i + 1, "SqlMigrator", "steps must be numbered 1, 2, 3, ...");
}

int SqlMigrator::currentVersion() const
{
    QSqlQuery q(m_db);
    if (m_engine == SqlDialect::Engine::Postgres) {
        if (!q.exec(u"SELECT to_regclass('parley_schema_version') IS NOT NULL"_s) || !q.next())
            return -1;
        if (!q.value(0).toBool())
            return 0;
        return versionInTransaction();
    }
    if (q.exec(u"PRAGMA user_version"_s) && q.next())
        return q.value(0).toInt();
    return -1;
}

int SqlMigrator::versionInTransaction() const
{
    QSqlQuery q(m_db);
    if (m_engine == SqlDialect::Engine::Sqlite)
        return q.exec(u"PRAGMA user_version"_s) && q.next() ? q.value(0).toInt() : -1;
    if (!q.exec(u"SELECT COALESCE(MAX(version), 0) FROM parley_schema_version"_s) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool SqlMigrator::setVersion(int version)
{
    QSqlQuery q(m_db);
    if (m_engine == SqlDialect::Engine::Sqlite)
        return q.exec(u"PRAGMA user_version = %1"_s.arg(version));
    return q.exec(u"DELETE FROM parley_schema_version"_s) &&
           q.exec(u"INSERT INTO parley_schema_version (version) VALUES (%1)"_s.arg(version));
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

    const auto fail = [this](int version, const QString &why) {
        m_db.rollback();
        return Error(ErrorCode::StorageFailure, u"schema step %1 failed: %2"_s.arg(version).arg(why));
    };
    for (int version = current + 1; version <= target; ++version) {
        const MigrationStep &step = m_steps[version - 1];
        if (!m_db.transaction())
            return Error(ErrorCode::StorageFailure, m_db.lastError().text());
        QSqlQuery q(m_db);
        if (m_engine == SqlDialect::Engine::Postgres) {
            // Another node may be migrating the same database: one at a time, and a step it applied is skipped.
            if (!q.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kMigrationLock)) ||
                !q.exec(u"CREATE TABLE IF NOT EXISTS parley_schema_version (version INTEGER NOT NULL)"_s))
                return fail(version, q.lastError().text());
            const int now = versionInTransaction();
            if (now < 0)
                return fail(version, m_db.lastError().text());
            if (now > latestVersion()) { // a node running newer code got there first
                m_db.rollback();
                return Error(ErrorCode::SchemaTooNew,
                             u"the database has schema version %1, newer than this program's %2"_s.arg(now).arg(
                                 latestVersion()));
            }
            if (now >= version) {
                m_db.commit();
                continue;
            }
        }
        for (const char *statement : step.statements) {
            if (!q.exec(SqlDialect::schemaStatement(statement, m_engine)))
                return fail(version, q.lastError().text());
        }
        if (!setVersion(version) || !m_db.commit())
            return fail(version, m_db.lastError().text());
    }
    return currentVersion();
}

} // namespace parley
