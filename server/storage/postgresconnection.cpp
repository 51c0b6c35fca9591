#include "server/storage/postgresconnection.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

namespace parley::server {

using namespace Qt::StringLiterals;

bool PostgresConnection::isUrl(const QString &location)
{
    return location.startsWith("postgresql://"_L1) || location.startsWith("postgres://"_L1);
}

Result<QSqlDatabase> PostgresConnection::open(const QString &connectionName, const QString &location)
{
    const QUrl url(location, QUrl::StrictMode);
    if (!url.isValid() || !isUrl(location) || url.path().size() < 2)
        return Error(ErrorCode::MalformedRequest,
                     u"not a PostgreSQL URL (postgresql://user@host:port/database?param=value)"_s);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    if (!db.isValid())
        return Error(ErrorCode::StorageFailure, u"Qt's PostgreSQL driver (QPSQL) is not installed"_s);
    db.setDatabaseName(url.path().mid(1));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setHostName(url.host());
    db.setPort(url.port(-1));
    QStringList options;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        options << key + u'=' + value;
    db.setConnectOptions(options.join(u';'));
    const QString where = url.host().isEmpty() ? QUrlQuery(url).queryItemValue(u"host"_s) : url.host();
    if (!db.open())
        return Error(ErrorCode::StorageFailure, u"cannot connect to PostgreSQL database %1 at %2: %3"_s.arg(
                                                    db.databaseName(), where, db.lastError().text()));
    // The server's notices ("already exists, skipping") would go to stderr unformatted; warnings still do.
    QSqlQuery(db).exec(u"SET client_min_messages TO warning"_s);
    return db;
}

bool PostgresConnection::isAlive(const QSqlDatabase &db)
{
    return db.isOpen() && db.driver() && db.driver()->isOpen();
}

} // namespace parley::server
