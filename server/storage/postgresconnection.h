#pragma once

#include "protocol/result.h"

#include <QSqlDatabase>
#include <QString>

namespace parley::server {

// parleyd's connection to PostgreSQL, given as a libpq URL:
//   postgresql://[user[:password]@][host][:port]/database[?param=value&...]
// where the parameters are libpq's own (host=/run/postgresql for a Unix socket, sslmode=verify-full, ...).
// Opened through QtSql's PostgreSQL driver; the thread that opens it owns it.
class PostgresConnection {
public:
    static bool isUrl(const QString &location);
    // Adds and opens the connection `connectionName`; the error names the server, never the password.
    static Result<QSqlDatabase> open(const QString &connectionName, const QString &url);
    // Whether the connection to the server is still up (a restarted server drops every connection).
    static bool isAlive(const QSqlDatabase &db);
};

} // namespace parley::server
