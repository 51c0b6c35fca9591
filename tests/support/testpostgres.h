#pragma once

#include <QSqlDatabase>
#include <QString>

// The test PostgreSQL server of the postgres fixture (PARLEY_TEST_POSTGRES_URL_FILE names the file in which the
// fixture wrote its URL), for tests that use it with or without a parleyd process. Needs nothing of the client
// core, so that a test of parleyd's code in its own process can link it.
class TestPostgres {
public:
    // The URL of the server's maintenance database, or empty when the test runs on SQLite.
    static QString serverUrl();
    // A new, empty database on that server (or another): its URL, or empty on failure.
    static QString createDatabase(const QString &serverUrl = TestPostgres::serverUrl());
    // A connection `connectionName` to the PostgreSQL database at `url`, opened (or failed: isOpen() says).
    static QSqlDatabase connect(const QString &connectionName, const QString &url);
};
