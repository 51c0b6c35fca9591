#include "common/sqlstatements.h"

#include <QSqlError>
#include <QSqlRecord>

namespace parley {

using namespace Qt::StringLiterals;

SqlStatements::SqlStatements(Category category) : m_category(category)
{
}

SqlStatements::~SqlStatements() = default;

void SqlStatements::setDatabase(const QSqlDatabase &db, Engine engine)
{
    clear();
    m_db = db;
    m_postgres = SqlDialect::engineOf(db) == SqlDialect::Engine::Postgres;
    m_thread.bindToCurrentThread(); // a QtSql connection is used only by the thread that opened it
    if (engine == Engine::NativeWhereShared) {
        if (sqlite3 *handle = NativeSqlite::handleOf(db))
            m_native = std::make_unique<NativeSqlite>(handle, m_category);
    }
}

void SqlStatements::clear()
{
    m_native.reset();
    m_statements.clear();
    m_unprepared = QSqlQuery();
    m_db = QSqlDatabase();
    m_failed = false;
}

QSqlQuery &SqlStatements::get(const char *sql)
{
    m_thread.check("SqlStatements::get");
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        if (!q.prepare(QString::fromUtf8(sql))) {
            // Not kept: it is prepared again when next asked for (a server connection may be back by then).
            qCCritical(m_category) << "cannot prepare" << sql << q.lastError().text();
            m_failed = true;
            m_unprepared = QSqlQuery(m_db);
            return m_unprepared;
        }
        it = m_statements.insert(sql, q);
    }
    return *it;
}

bool SqlStatements::exec(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    int i = 0;
    for (const QVariant &v : values) {
        // PostgreSQL's driver writes a bool as TRUE/FALSE, which an INTEGER column refuses; the schema keeps
        // flags as 0/1 on every engine. A text with NUL would fail its statement (and its batch) there.
        if (m_postgres && v.typeId() == QMetaType::Bool)
            query.bindValue(i++, int(v.toBool()));
        else if (m_postgres && v.typeId() == QMetaType::QString && v.toString().contains(QChar(0)))
            query.bindValue(i++, QString(v.toString()).remove(QChar(0))); // PostgreSQL's text cannot hold NUL
        else
            query.bindValue(i++, v);
    }
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        noteTransient(error);
        if (m_transient)
            qCWarning(m_category) << "statement failed, to be tried again:" << query.lastQuery() << error.text();
        else
            qCCritical(m_category) << "statement failed:" << query.lastQuery() << error.text();
        m_failed = true;
        return false;
    }
    return true;
}

void SqlStatements::noteTransient(const QSqlError &error)
{
    // PostgreSQL's SQLSTATEs for a deadlock it broke, a serialization failure, and a unique key another node
    // committed first (two nodes creating the same conversation, or taking the same message resent through
    // both): the transaction lost a race with another node's, and run again it finds what that one wrote.
    // (On SQLite, parleyd's only writer, none of these is a race.)
    const QString state = error.nativeErrorCode();
    m_transient = m_transient ||
                  (m_postgres && (state == "40P01"_L1 || state == "40001"_L1 || state == "23505"_L1));
}

std::optional<bool> SqlStatements::runNative(const char *sql, std::initializer_list<QVariant> values, QVariantList *row)
{
    if (!m_native)
        return std::nullopt;
    switch (m_native->exec(sql, values, row)) {
    case NativeSqlite::Outcome::Done: return true;
    case NativeSqlite::Outcome::Failed: m_failed = true; return false;
    case NativeSqlite::Outcome::Unsupported: break;
    }
    return std::nullopt;
}

bool SqlStatements::exec(const char *sql, std::initializer_list<QVariant> values)
{
    m_thread.check("SqlStatements::exec");
    if (const std::optional<bool> ran = runNative(sql, values))
        return *ran;
    QSqlQuery &q = get(sql);
    const bool ran = exec(q, values);
    q.finish();
    return ran;
}

qint64 SqlStatements::insert(const char *sql, std::initializer_list<QVariant> values)
{
    m_thread.check("SqlStatements::insert");
    if (const std::optional<bool> ran = runNative(sql, values))
        return *ran ? m_native->lastInsertRowId() : 0;
    QSqlQuery &q = get(sql);
    return exec(q, values) ? q.lastInsertId().toLongLong() : 0;
}

QVariant SqlStatements::value(const char *sql, std::initializer_list<QVariant> values)
{
    m_thread.check("SqlStatements::value");
    QVariantList columns;
    if (runNative(sql, values, &columns))
        return columns.isEmpty() ? QVariant() : columns.constFirst();
    QSqlQuery &q = get(sql);
    if (!exec(q, values) || !q.next())
        return {};
    const QVariant v = q.value(0);
    q.finish();
    return v;
}

QVariantList SqlStatements::row(const char *sql, std::initializer_list<QVariant> values)
{
    m_thread.check("SqlStatements::row");
    QVariantList columns;
    if (runNative(sql, values, &columns))
        return columns;
    QSqlQuery &q = get(sql);
    if (!exec(q, values) || !q.next())
        return columns;
    const int count = q.record().count();
    columns.reserve(count);
    for (int i = 0; i < count; ++i)
        columns.append(q.value(i));
    q.finish();
    return columns;
}

} // namespace parley
