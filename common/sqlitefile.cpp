#include "common/sqlitefile.h"

#include "common/sqlmigrator.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

// SQLite's result codes for a damaged file.
constexpr char kCorrupt[] = "11";
constexpr char kNotADatabase[] = "26";

} // namespace

Result<QSqlDatabase> SqliteFile::open(const QString &connectionName, const QString &path,
                                      const QList<MigrationStep> &schema, Check check, const QStringList &pragmas)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error(ErrorCode::StorageFailure, u"cannot create the folder of %1"_s.arg(path));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(kBusyTimeoutMs));
    if (!db.open())
        return Error(ErrorCode::StorageFailure, u"cannot open %1: %2"_s.arg(path, db.lastError().text()));
    QSqlQuery q(db);
    if (check == Check::AtOpen && (!q.exec(u"PRAGMA quick_check"_s) || !q.next() || q.value(0).toString() != "ok"_L1))
        return Error(ErrorCode::StorageFailure, u"%1 failed its integrity check"_s.arg(path));
    q.finish();
    SqlMigrator migrator(db, schema);
    if (migrator.currentVersion() > migrator.latestVersion())
        return migrator.migrate().error(); // refused before anything is written
    for (const QString &pragma :
         QStringList{u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s, u"PRAGMA foreign_keys = ON"_s} +
             pragmas) {
        if (!q.exec(pragma))
            return Error(ErrorCode::StorageFailure, u"%1 failed: %2"_s.arg(pragma, q.lastError().text()));
        q.finish();
    }
    const Result<int> version = migrator.migrate();
    if (!version)
        return version.error();
    return db;
}

bool SqliteFile::isDamaged(const QString &path)
{
    static QAtomicInteger<int> checks;
    const QString name = u"parley-check-%1"_s.arg(checks.fetchAndAddRelaxed(1));
    bool damaged = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(kBusyTimeoutMs));
        if (QFileInfo::exists(path) && db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"PRAGMA quick_check"_s) && q.next()) {
                damaged = q.value(0).toString() != "ok"_L1;
            } else {
                const QString code = q.lastError().nativeErrorCode();
                damaged = code == QLatin1StringView(kCorrupt) || code == QLatin1StringView(kNotADatabase);
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return damaged;
}

} // namespace parley
