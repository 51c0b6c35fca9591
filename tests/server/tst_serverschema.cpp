// parleyd's schema ladder: each step applies alone; a newer database is refused and left untouched.

#include "common/sqlitefile.h"
#include "common/sqlmigrator.h"
#include "server/storage/serverschema.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestServerSchema : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QStringList tables(const QSqlDatabase &db)
    {
        QStringList names = db.tables();
        names.sort();
        return names;
    }

private Q_SLOTS:
    void migrateTo1()
    {
        const QString name = u"schema-1"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"one.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, server::serverSchemaSteps());
            QCOMPARE(migrator.currentVersion(), 0);
            const Result<int> version = migrator.migrate(1);
            QVERIFY(version);
            QCOMPARE(version.value(), 1);
            QCOMPARE(tables(db),
                     (QStringList{u"code_requests"_s, u"conversations"_s, u"inbox"_s, u"messages"_s,
                                  u"server_secrets"_s, u"sessions"_s, u"users"_s, u"verification_codes"_s}));
            // Idempotent: running again changes nothing.
            QCOMPARE(migrator.migrate().value(), 1);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void refusesANewerDatabase()
    {
        const QString path = m_dir.filePath(u"future.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"CREATE TABLE from_the_future (x)"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 999"_s));
        }
        QSqlDatabase::removeDatabase(u"future"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();

        {
            const Result<QSqlDatabase> opened = SqliteFile::open(u"future2"_s, path, server::serverSchemaSteps());
            QVERIFY(!opened);
            QCOMPARE(opened.error().code, ErrorCode::SchemaTooNew);
        }
        QSqlDatabase::removeDatabase(u"future2"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }
};

QTEST_GUILESS_MAIN(TestServerSchema)
#include "tst_serverschema.moc"
