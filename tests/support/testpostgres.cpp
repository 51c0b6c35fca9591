#include "tests/support/testpostgres.h"

#include <QCoreApplication>
#include <QDebug>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

using namespace Qt::StringLiterals;

QString TestPostgres::serverUrl()
{
    const QString file = qEnvironmentVariable("PARLEY_TEST_POSTGRES_URL_FILE");
    if (file.isEmpty())
        return {};
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning() << "the PostgreSQL variant of this test needs the postgres fixture's URL in" << file;
        return u"postgresql://fixture-did-not-run/none"_s; // fails to connect, and says so
    }
    const QString url = QString::fromUtf8(f.readAll()).trimmed();
    return url.isEmpty() ? u"postgresql://fixture-wrote-no-url/none"_s : url;
}

QString TestPostgres::createDatabase(const QString &server)
{
    static int created = 0;
    const QString name = u"parley_test_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(++created);
    const QString connection = u"parleyd-process-admin-%1"_s.arg(name);
    bool ok = false;
    QString database;
    {
        QUrl url(server);
        QSqlDatabase db = connect(connection, server);
        if (!db.isOpen()) {
            qWarning() << "cannot reach the test PostgreSQL server:" << db.lastError().text();
        } else {
            QSqlQuery q(db);
            ok = q.exec(u"CREATE DATABASE %1"_s.arg(name));
            if (!ok)
                qWarning() << "cannot create a database:" << q.lastError().text();
        }
        url.setPath(u"/"_s + name);
        if (ok)
            database = url.toString();
    }
    QSqlDatabase::removeDatabase(connection);
    return database;
}

QSqlDatabase TestPostgres::connect(const QString &connectionName, const QString &location)
{
    const QUrl url(location);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setDatabaseName(url.path().mid(1));
    db.setUserName(url.userName());
    db.setConnectOptions(url.query(QUrl::FullyDecoded).replace(u'&', u';'));
    db.open();
    return db;
}
