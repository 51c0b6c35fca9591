#include "server/storage/storecopier.h"

#include "common/sqlitefile.h"
#include "common/sqlmigrator.h"
#include "server/logging.h"
#include "server/storage/postgresconnection.h"
#include "server/storage/serverschema.h"

#include <QSqlError>
#include <QSqlQuery>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

constexpr char kSource[] = "parleyd-copy-source";
constexpr char kTarget[] = "parleyd-copy-target";

struct Column {
    QString name;
    QString type; // as declared in the ladder: INTEGER, TEXT, BLOB
    bool rowidKey = false;
};

// SQLite keeps a value as it was bound, whatever the column's declared type (QtSql bound a quint64 as text):
// the copy gives PostgreSQL the declared type.
QVariant asDeclared(const QVariant &value, const Column &column)
{
    if (value.isNull())
        return value;
    if (column.type == "INTEGER"_L1)
        return value.toLongLong();
    if (column.type == "BLOB"_L1)
        return value.toByteArray();
    return value.toString();
}

Error failure(const QString &what, const QSqlError &error)
{
    return Error(ErrorCode::StorageFailure, u"%1: %2"_s.arg(what, error.text()));
}

Result<StoreCopier::Report> copyTables(QSqlDatabase &source, QSqlDatabase &target)
{

    // Tables in the order the ladder created them, which is an order their references allow.
    QSqlQuery tables(source);
    if (!tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                     "ORDER BY rowid"_s))
        return failure(u"cannot list the tables"_s, tables.lastError());
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();

    StoreCopier::Report report;
    if (!target.transaction())
        return failure(u"cannot begin"_s, target.lastError());
    const auto fail = [&target](const QString &what, const QSqlError &error) {
        target.rollback();
        return failure(what, error);
    };
    QSqlQuery existing(target);
    if (!existing.exec(u"LOCK TABLE users, server_secrets IN EXCLUSIVE MODE"_s) ||
        !existing.exec(u"SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM server_secrets)"_s) ||
        !existing.next())
        return fail(u"cannot read the target"_s, existing.lastError());
    if (existing.value(0).toLongLong() != 0) {
        target.rollback();
        return Error(ErrorCode::Refused, u"the PostgreSQL database already holds Parley data; nothing was copied"_s);
    }
    for (const QString &table : names) {
        QList<Column> columns;
        QSqlQuery info(source);
        if (!info.exec(u"SELECT name, type, pk FROM pragma_table_info('%1') ORDER BY cid"_s.arg(table)))
            return fail(u"cannot read %1's columns"_s.arg(table), info.lastError());
        bool onePrimaryKey = true;
        while (info.next()) {
            columns.append({info.value(0).toString(), info.value(1).toString().toUpper(), info.value(2).toInt() == 1});
            onePrimaryKey = onePrimaryKey && info.value(2).toInt() <= 1;
        }
        QStringList columnNames, marks;
        for (const Column &c : columns) {
            columnNames << c.name;
            marks << u"?"_s;
        }
        QSqlQuery insert(target);
        if (!insert.prepare(
                u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(table, columnNames.join(u", "_s), marks.join(u", "_s))))
            return fail(u"cannot prepare the copy of %1"_s.arg(table), insert.lastError());
        QSqlQuery rows(source);
        rows.setForwardOnly(true);
        if (!rows.exec(u"SELECT %1 FROM %2"_s.arg(columnNames.join(u", "_s), table)))
            return fail(u"cannot read %1"_s.arg(table), rows.lastError());
        while (rows.next()) {
            for (int i = 0; i < columns.size(); ++i)
                insert.bindValue(i, asDeclared(rows.value(i), columns[i]));
            if (!insert.exec())
                return fail(u"cannot copy a row of %1"_s.arg(table), insert.lastError());
            ++report.rows;
        }
        // An INTEGER PRIMARY KEY is an identity on PostgreSQL: it goes on after the highest id copied.
        for (const Column &c : columns) {
            if (!c.rowidKey || c.type != "INTEGER"_L1 || !onePrimaryKey)
                continue;
            QSqlQuery next(target);
            if (!next.exec(u"SELECT setval(pg_get_serial_sequence('%1', '%2'), COALESCE(MAX(%2), 0) + 1, false) "
                           "FROM %1"_s.arg(table, c.name)))
                return fail(u"cannot continue %1's ids"_s.arg(table), next.lastError());
        }
        ++report.tables;
    }
    // On PostgreSQL the counters are the heads (SqlStore::takeSeqs); SQLite's may be floors below them.
    for (const char *statement : raiseFloorsToHeads()) {
        QSqlQuery raise(target);
        if (!raise.exec(QString::fromUtf8(statement)))
            return fail(u"cannot set the sequence counters"_s, raise.lastError());
    }
    if (!target.commit())
        return failure(u"cannot commit the copy"_s, target.lastError());
    return report;
}

} // namespace

Result<StoreCopier::Report> StoreCopier::copy(const QString &sqlitePath, const QString &postgresUrl)
{
    Result<Report> result = Error(ErrorCode::StorageFailure, u"not run"_s);
    {
        Result<QSqlDatabase> source = SqliteFile::open(QString::fromLatin1(kSource), sqlitePath, serverSchemaSteps());
        Result<QSqlDatabase> target = PostgresConnection::open(QString::fromLatin1(kTarget), postgresUrl);
        if (!source) {
            result = source.error();
        } else if (!target) {
            result = target.error();
        } else if (const Result<int> version = SqlMigrator(target.value(), serverSchemaSteps()).migrate(); !version) {
            result = version.error();
        } else {
            result = copyTables(source.value(), target.value());
        }
    }
    QSqlDatabase::removeDatabase(QString::fromLatin1(kSource));
    QSqlDatabase::removeDatabase(QString::fromLatin1(kTarget));
    if (result)
        qCInfo(lcStore) << "copied" << result->rows << "rows of" << result->tables << "tables to PostgreSQL";
    return result;
}

} // namespace parley::server
