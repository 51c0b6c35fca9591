#include "common/sqlstatements.h"

#include <QSqlError>

namespace parley {

void SqlStatements::setDatabase(const QSqlDatabase &db)
{
    clear();
    m_db = db;
    m_thread.bindToCurrentThread(); // a QtSql connection is used only by the thread that opened it
}

void SqlStatements::clear()
{
    m_statements.clear();
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
            qCCritical(m_category) << "cannot prepare" << sql << q.lastError().text();
            m_failed = true;
        }
        it = m_statements.insert(sql, q);
    }
    return *it;
}

bool SqlStatements::exec(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    int i = 0;
    for (const QVariant &v : values)
        query.bindValue(i++, v);
    if (!query.exec()) {
        qCCritical(m_category) << "statement failed:" << query.lastQuery() << query.lastError().text();
        m_failed = true;
        return false;
    }
    return true;
}

QVariant SqlStatements::value(const char *sql, std::initializer_list<QVariant> values)
{
    QSqlQuery &q = get(sql);
    if (!exec(q, values) || !q.next())
        return {};
    const QVariant v = q.value(0);
    q.finish();
    return v;
}

} // namespace parley
