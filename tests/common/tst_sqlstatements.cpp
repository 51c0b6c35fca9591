#include "common/nativesqlite.h"
#include "common/sqlstatements.h"

#include <QDate>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {
Q_LOGGING_CATEGORY(lcTest, "parley.test.sql")
}

// SqlStatements on SQLite's own API (NativeSqlite) must store and read every value as QtSql does: parleyd's
// statements move between the two, and the database must not be able to tell which one wrote a row.
class TstSqlStatements : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QSqlDatabase m_db;

    // A value of each kind the stores bind, with the ways a null or an empty one can look.
    static QList<QVariant> values()
    {
        return {QVariant(),
                QVariant(QMetaType::fromType<QByteArray>()),
                QVariant(QMetaType(QMetaType::LongLong)),
                QVariant(QString()),
                QVariant(u""_s),
                QVariant(u"汉字 and emoji 😀"_s),
                QVariant(QByteArray()),
                QVariant(QByteArray("", 0)),
                QVariant(QByteArray("\0bytes\xff", 7)),
                QVariant(0),
                QVariant(-7),
                QVariant(std::numeric_limits<qint64>::max()),
                QVariant(quint64(1) << 40),
                QVariant(std::numeric_limits<quint64>::max()), // does not fit in SQLite's integer: through QtSql
                QVariant(4000000000u),
                QVariant(true),
                QVariant(2.5),
                QVariant(QDate(2026, 12, 2))}; // not bound natively: through QtSql
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_sqlstatements"_s);
        m_db.setDatabaseName(m_dir.filePath(u"t.db"_s));
        QVERIFY(m_db.open());
        QVERIFY(QSqlQuery(m_db).exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, engine TEXT, k INTEGER, v)"_s));
        QVERIFY(QSqlQuery(m_db).exec(u"CREATE TABLE u (x INTEGER NOT NULL UNIQUE)"_s));
    }

    void cleanupTestCase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"tst_sqlstatements"_s);
    }

    void theNativeEngineIsTakenWhereQtSharesOurSqlite()
    {
        QVERIFY(NativeSqlite::handleOf(QSqlDatabase()) == nullptr);
#ifdef PARLEY_EXPECT_NATIVE_SQLITE
        // A distribution's Qt (Debian's here) links its SQLite driver to the system's libsqlite3, as we do.
        QVERIFY(NativeSqlite::handleOf(m_db) != nullptr);
#endif
    }

    void init()
    {
        if (!NativeSqlite::handleOf(m_db) &&
            QByteArray(QTest::currentTestFunction()) != "theNativeEngineIsTakenWhereQtSharesOurSqlite")
            QSKIP("Qt's SQLite driver does not share this program's SQLite: there is no native engine here");
    }

    void bothEnginesStoreAndReadEveryValueAlike()
    {
        SqlStatements qt(lcTest), native(lcTest);
        qt.setDatabase(m_db);
        native.setDatabase(m_db, SqlStatements::Engine::NativeWhereShared);
        const QList<QVariant> all = values();
        for (int k = 0; k < all.size(); ++k) {
            QVERIFY(qt.exec("INSERT INTO t (engine, k, v) VALUES ('qt', ?, ?)", {k, all[k]}));
            QVERIFY(native.exec("INSERT INTO t (engine, k, v) VALUES ('native', ?, ?)", {k, all[k]}));
        }
        for (int k = 0; k < all.size(); ++k) {
            const char *stored = "SELECT typeof(v) || ':' || quote(v) FROM t WHERE engine = ? AND k = ?";
            const QString byQt = qt.value(stored, {u"qt"_s, k}).toString();
            const QString byNative = native.value(stored, {u"native"_s, k}).toString();
            if (all[k].typeId() == QMetaType::ULongLong && all[k].toULongLong() == quint64(1) << 40) {
                // The one difference: QtSql binds a quint64 as text, the native engine as the integer it is.
                QCOMPARE(byQt, u"text:'1099511627776'"_s);
                QCOMPARE(byNative, u"integer:1099511627776"_s);
            } else {
                QCOMPARE(byNative, byQt);
            }
            // Read back, both ways, as the same QVariant: type, nullness and value.
            const char *read = "SELECT v FROM t WHERE engine = 'qt' AND k = ?";
            const QVariant viaQt = qt.value(read, {k});
            const QVariant viaNative = native.value(read, {k});
            QCOMPARE(viaNative.typeId(), viaQt.typeId());
            QCOMPARE(viaNative.isNull(), viaQt.isNull());
            QCOMPARE(viaNative, viaQt);
        }
        QVERIFY(!qt.failed());
        QVERIFY(!native.failed());
        // No row: an invalid QVariant from both; a row with NULL: a valid, null one.
        QVERIFY(!native.value("SELECT v FROM t WHERE k = -1").isValid());
        QVERIFY(!qt.value("SELECT v FROM t WHERE k = -1").isValid());
        const QVariant none = native.value("SELECT MAX(k) FROM t WHERE k = -1");
        QVERIFY(none.isValid() && none.isNull());
        QCOMPARE(none, qt.value("SELECT MAX(k) FROM t WHERE k = -1"));
    }

    void insertGivesTheRowIdAndAFailureIsRecorded()
    {
        SqlStatements native(lcTest);
        native.setDatabase(m_db, SqlStatements::Engine::NativeWhereShared);
        const qint64 first = native.insert("INSERT INTO t (engine, k, v) VALUES ('rowid', ?, ?)", {1, u"a"_s});
        const qint64 second = native.insert("INSERT INTO t (engine, k, v) VALUES ('rowid', ?, ?)", {2, u"b"_s});
        QVERIFY(first > 0);
        QCOMPARE(second, first + 1);
        QCOMPARE(native.value("SELECT k FROM t WHERE id = ?", {second}).toInt(), 2);

        QVERIFY(native.exec("INSERT INTO u (x) VALUES (?)", {1}));
        QVERIFY(!native.failed());
        QCOMPARE(native.insert("INSERT INTO u (x) VALUES (?)", {1}), 0); // UNIQUE
        QVERIFY(native.failed());
        native.clearFailure();
        QVERIFY(!native.exec("INSERT INTO u (x) VALUES (?)", {QVariant()})); // NOT NULL
        QVERIFY(native.failed());
        native.clearFailure();
        // The statement was reset after its failure: it runs again.
        QVERIFY(native.exec("INSERT INTO u (x) VALUES (?)", {2}));
        QCOMPARE(native.value("SELECT COUNT(*) FROM u").toInt(), 2);
        QVERIFY(!native.exec("INSERT INTO u (x) VALUES (?)", {})); // a value short: refused, not NULL
        QVERIFY(native.failed());
        native.clearFailure();
        QVERIFY(!native.exec("NOT SQL AT ALL"));
        QVERIFY(native.failed());
    }

    void aValueReadLeavesNoReadOpen()
    {
        // A SELECT run for its first value is reset at once: it holds no lock that would keep another
        // connection from writing (rollback journal here: a reader's shared lock blocks a writer's commit).
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_sqlstatements_other"_s);
        other.setDatabaseName(m_db.databaseName());
        other.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
        QVERIFY(other.open());
        const auto otherWrites = [&other] {
            return QSqlQuery(other).exec(u"INSERT INTO u (x) VALUES (100 + random() % 1000000)"_s);
        };
        {
            SqlStatements native(lcTest);
            native.setDatabase(m_db, SqlStatements::Engine::NativeWhereShared);
            QVERIFY(native.value("SELECT k FROM t ORDER BY k").isValid());
            QVERIFY(otherWrites());
            // QtSql's statement, stepped to its first row and not finished, does hold one.
            SqlStatements qt(lcTest);
            qt.setDatabase(m_db);
            QSqlQuery &open = qt.get("SELECT k FROM t ORDER BY k");
            QVERIFY(qt.exec(open) && open.next());
            QVERIFY(!otherWrites());
            open.finish();
            QVERIFY(otherWrites());
        }
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"tst_sqlstatements_other"_s);
    }
};

QTEST_GUILESS_MAIN(TstSqlStatements)
#include "tst_sqlstatements.moc"
