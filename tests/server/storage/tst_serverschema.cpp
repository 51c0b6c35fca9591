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

    // A database at `version` with one message (uid 9) in a conversation, migrated one step further, then
    // `check`ed. False if any of it failed.
    bool withOneMessage(int version, const std::function<bool(QSqlQuery &)> &check,
                        const std::function<bool(QSqlQuery &)> &before = {})
    {
        const QString name = u"schema-%1"_s.arg(version + 1);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(name + u".sqlite"_s));
            SqlMigrator migrator(db, server::serverSchemaSteps());
            const auto migrated = [&migrator](int to) {
                const auto reached = migrator.migrate(to);
                return reached && reached.value() == to;
            };
            ok = db.open();
            QSqlQuery q(db);
            ok = ok && migrated(version) &&
                 q.exec(u"INSERT INTO users (id, uid, phone, created_at) VALUES (1, 'a', '+1', 0)"_s) &&
                 q.exec(u"INSERT INTO conversations (id, type, user_a, user_b, last_seq) VALUES (5, 0, 1, 1, 1)"_s) &&
                 q.exec(u"INSERT INTO messages (uid, conversation_id, conversation_seq, conversation_type, "
                        "sender_id, client_uuid, sender_message_id, target, content, created_at) "
                        "VALUES (9, 5, 1, 0, 1, x'01', 0, 'a', x'', 0)"_s) &&
                 (!before || before(q)) && migrated(version + 1) && check(q);
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
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
            QCOMPARE(migrator.migrate(1).value(), 1);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo2()
    {
        // A version-1 database with a conversation keeps it and gets both members with zero horizons.
        const QString name = u"schema-2"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"two.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, server::serverSchemaSteps());
            QCOMPARE(migrator.migrate(1).value(), 1);
            QSqlQuery q(db);
            QVERIFY(q.exec(
                u"INSERT INTO users (id, uid, phone, created_at) VALUES (1, 'a', '+1', 0), (2, 'b', '+2', 0)"_s));
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, user_a, user_b, last_seq) VALUES (5, 0, 1, 2, 3)"_s));
            QVERIFY(q.exec(u"INSERT INTO inbox (user_id, seq, message_uid) VALUES (1, 1, 9)"_s));
            QCOMPARE(migrator.migrate(2).value(), 2);
            QVERIFY(q.exec(
                u"SELECT COUNT(*), SUM(delivered_seq + read_seq) FROM conversation_members WHERE conversation_id = 5"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 2);
            QCOMPARE(q.value(1).toInt(), 0);
            QVERIFY(q.exec(u"SELECT kind, message_uid FROM inbox"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0); // an old row is a message item
            QCOMPARE(q.value(1).toInt(), 9);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo3()
    {
        // A version-2 user becomes findable with an empty profile; existing one-to-one members stay members.
        const QString name = u"schema-3"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"three.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, server::serverSchemaSteps());
            QCOMPARE(migrator.migrate(2).value(), 2);
            QSqlQuery q(db);
            QVERIFY(q.exec(
                u"INSERT INTO users (id, uid, phone, created_at) VALUES (1, 'a', '+1', 0), (2, 'b', '+2', 0)"_s));
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, user_a, user_b, last_seq) VALUES (5, 0, 1, 2, 3)"_s));
            QVERIFY(q.exec(u"INSERT INTO conversation_members (conversation_id, user_id) VALUES (5, 1), (5, 2)"_s));
            QCOMPARE(migrator.migrate(3).value(), 3);
            QVERIFY(q.exec(u"SELECT findable_by_phone, avatar, signature FROM users WHERE id = 1"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            QCOMPARE(q.value(1).toString(), QString());
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM conversation_members WHERE left_seq IS NULL AND role = 0"_s) &&
                    q.next());
            QCOMPARE(q.value(0).toInt(), 2);
            QVERIFY(tables(db).contains(u"contacts"_s) && tables(db).contains(u"friend_requests"_s) &&
                    tables(db).contains(u"chat_groups"_s));
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo4()
    {
        // A version-3 database keeps its messages and gains empty tables for uploads, files and their uses.
        const QString name = u"schema-4"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"four.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, server::serverSchemaSteps());
            QCOMPARE(migrator.migrate(3).value(), 3);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO users (id, uid, phone, created_at) VALUES (1, 'a', '+1', 0)"_s));
            QCOMPARE(migrator.migrate(4).value(), 4);
            for (const QString &table : {u"uploads"_s, u"files"_s, u"file_refs"_s}) {
                QVERIFY2(q.exec(u"SELECT COUNT(*) FROM "_s + table) && q.next(), qPrintable(table));
                QCOMPARE(q.value(0).toInt(), 0);
            }
            QVERIFY(q.exec(u"INSERT INTO files (id, sha256, size, mime_type, file_name, uploader_id, created_at) "
                           "VALUES ('f', x'00', 1, '', '', 1, 0)"_s));
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM users"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo5()
    {
        // A version-4 group keeps its name and gets no picture; avatars can be looked up by file id.
        const QString name = u"schema-5"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"five.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, server::serverSchemaSteps());
            QCOMPARE(migrator.migrate(4).value(), 4);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO users (id, uid, phone, created_at) VALUES (1, 'a', '+1', 0)"_s));
            QVERIFY(q.exec(u"INSERT INTO chat_groups (id, gid, conversation_id, name, owner_id, created_at) "
                           "VALUES (1, 'g', 7, 'Hikers', 1, 0)"_s));
            // Before, an avatar was any text: one names her own picture, one a file of someone else's chat.
            QVERIFY(q.exec(u"INSERT INTO users (id, uid, phone, created_at) VALUES (2, 'b', '+2', 0)"_s));
            QVERIFY(q.exec(
                u"INSERT INTO files (id, sha256, size, mime_type, file_name, uploader_id, created_at) "
                "VALUES ('own', x'00', 1, 'image/png', '', 1, 0), ('theirs', x'01', 1, 'image/png', '', 2, 0)"_s));
            QVERIFY(q.exec(u"UPDATE users SET avatar = 'own'"_s));
            QCOMPARE(migrator.migrate(5).value(), 5);
            QVERIFY(q.exec(u"SELECT uid, avatar FROM users ORDER BY id"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(1).toString(), u"own"_s);
            QVERIFY(q.next());
            QCOMPARE(q.value(1).toString(), QString()); // b named a's file: gone
            QVERIFY(q.exec(u"SELECT name, avatar FROM chat_groups"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"Hikers"_s);
            QCOMPARE(q.value(1).toString(), QString());
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                           "('users_by_avatar', 'chat_groups_by_avatar')"_s) &&
                    q.next());
            QCOMPARE(q.value(0).toInt(), 2);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo6()
    {
        // Version 6 finds files by size (a sender that sends while hashing asks whether one of its size is
        // stored); the files of before stay and are found.
        const QString name = u"schema-6"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"six.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, server::serverSchemaSteps());
            QCOMPARE(migrator.migrate(5).value(), 5);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO users (id, uid, phone, created_at) VALUES (1, 'a', '+1', 0)"_s));
            QVERIFY(q.exec(u"INSERT INTO files (id, sha256, size, mime_type, file_name, uploader_id, created_at) "
                           "VALUES ('f', x'00', 1234, 'video/mp4', 'talk.mp4', 1, 0)"_s));
            QCOMPARE(migrator.migrate(6).value(), 6);
            QVERIFY(q.exec(u"EXPLAIN QUERY PLAN SELECT 1 FROM files WHERE size = 1234 LIMIT 1"_s) && q.next());
            QVERIFY2(q.value(3).toString().contains(u"files_by_size"_s), qPrintable(q.value(3).toString()));
            QVERIFY(q.exec(u"SELECT id FROM files WHERE size = 1234"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"f"_s);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo7()
    {
        // Version 7 knows which message a reply quotes; the messages of before quote nothing and are kept.
        QVERIFY(withOneMessage(6, [](QSqlQuery &q) {
            return q.exec(u"SELECT uid, quoted_uid FROM messages"_s) && q.next() && q.value(0).toInt() == 9 &&
                   q.value(1).isNull() &&
                   q.exec(u"EXPLAIN QUERY PLAN SELECT uid FROM messages WHERE quoted_uid = 9"_s) && q.next() &&
                   q.value(3).toString().contains(u"messages_quoting"_s);
        }));
    }

    void migrateTo8()
    {
        // Version 8 knows when a message was edited (the messages of before never were) and finds a message's
        // edit items in the inboxes.
        QVERIFY(withOneMessage(7, [](QSqlQuery &q) {
            return q.exec(u"SELECT edited_at FROM messages WHERE uid = 9"_s) && q.next() && q.value(0).isNull() &&
                   q.exec(u"EXPLAIN QUERY PLAN SELECT seq FROM inbox WHERE message_uid = 9 AND kind = 5"_s) &&
                   q.next() && q.value(3).toString().contains(u"inbox_edits"_s);
        }));
    }

    void migrateTo9()
    {
        // Version 9 keeps reactions with their message; the messages of before have none.
        QVERIFY(withOneMessage(8, [](QSqlQuery &q) {
            return q.exec(u"SELECT reactions FROM messages WHERE uid = 9"_s) && q.next() && q.value(0).isNull();
        }));
    }

    void migrateTo10()
    {
        // Version 10 keeps presence: users of before were never seen and show it to everyone.
        QVERIFY(withOneMessage(9, [](QSqlQuery &q) {
            return q.exec(u"SELECT last_seen_at, presence_audience FROM users WHERE id = 1"_s) && q.next() &&
                   q.value(0).toLongLong() == 0 && q.value(1).toInt() == 0;
        }));
    }

    void migrateTo11()
    {
        // Version 11 keeps each user's conversation settings; users of before have none, and a row is one per
        // user and conversation.
        QVERIFY(withOneMessage(10, [](QSqlQuery &q) {
            return q.exec(u"SELECT COUNT(*) FROM conversation_settings"_s) && q.next() && q.value(0).toInt() == 0 &&
                   q.exec(u"INSERT INTO conversation_settings (user_id, conversation_type, target, pinned, updated_at) "
                          "VALUES (1, 0, 'u2', 1, 5)"_s) &&
                   !q.exec(u"INSERT INTO conversation_settings (user_id, conversation_type, target, updated_at) "
                           "VALUES (1, 0, 'u2', 6)"_s);
        }));
    }

    void migrateTo12()
    {
        // Version 12 keeps order in groups: groups of before are not muted and need no approval, their members
        // may write, and nobody waits to join.
        QVERIFY(withOneMessage(11, [](QSqlQuery &q) {
            return q.exec(u"SELECT COUNT(*) FROM chat_groups WHERE mute_all != 0 OR join_approval != 0"_s) &&
                   q.next() && q.value(0).toInt() == 0 &&
                   q.exec(u"SELECT COUNT(*) FROM conversation_members WHERE muted_until != 0"_s) && q.next() &&
                   q.value(0).toInt() == 0 && q.exec(u"SELECT COUNT(*) FROM group_join_requests"_s) && q.next() &&
                   q.value(0).toInt() == 0;
        }));
    }

    void migrateTo13()
    {
        // Version 13 reads heads from the newest rows; the counters of before become floors holding the heads
        // of that moment: an inbox pruned empty keeps its head, and a conversation's is its newest message.
        QVERIFY(withOneMessage(
            12,
            [](QSqlQuery &q) {
                return q.exec(u"SELECT id, inbox_seq FROM users ORDER BY id"_s) && q.next() &&
                       q.value(1).toLongLong() == 7 && q.next() && q.value(1).toLongLong() == 3 &&
                       q.exec(u"SELECT last_seq FROM conversations WHERE id = 5"_s) && q.next() &&
                       q.value(0).toLongLong() == 1;
            },
            [](QSqlQuery &q) {
                // User 1: items up to 7 were pruned. User 2: its counter lags its items (as between commits).
                return q.exec(u"UPDATE users SET inbox_seq = 7 WHERE id = 1"_s) &&
                       q.exec(u"UPDATE conversations SET last_seq = 0 WHERE id = 5"_s) &&
                       q.exec(
                           u"INSERT INTO users (id, uid, phone, created_at, inbox_seq) VALUES (2, 'b', '+2', 0, 1)"_s) &&
                       q.exec(u"INSERT INTO inbox (user_id, seq, message_uid) VALUES (2, 3, 9)"_s);
            }));
    }

    void migrateTo14()
    {
        // Version 14 keeps each inbox's counter in a table of its own: the floors of before move there (none for
        // an inbox never written), and users no longer has them.
        QVERIFY(withOneMessage(
            13,
            [](QSqlQuery &q) {
                return q.exec(u"SELECT user_id, seq FROM inbox_heads ORDER BY user_id"_s) && q.next() &&
                       q.value(0).toLongLong() == 1 && q.value(1).toLongLong() == 7 && !q.next() &&
                       !q.exec(u"SELECT inbox_seq FROM users"_s);
            },
            [](QSqlQuery &q) {
                return q.exec(u"UPDATE users SET inbox_seq = 7 WHERE id = 1"_s) &&
                       q.exec(u"INSERT INTO users (id, uid, phone, created_at) VALUES (2, 'b', '+2', 0)"_s);
            }));
    }

    void migrateTo15()
    {
        // Version 15 lets an operator suspend an account: nobody is suspended by the step.
        QVERIFY(withOneMessage(14, [](QSqlQuery &q) {
            return q.exec(u"SELECT suspended_at FROM users WHERE id = 1"_s) && q.next() && q.value(0).toLongLong() == 0;
        }));
    }

    void migrateTo16()
    {
        // Version 16 marks deleted accounts: nobody is deleted by the step, and the phone number stays.
        QVERIFY(withOneMessage(15, [](QSqlQuery &q) {
            return q.exec(u"SELECT deleted_at, phone FROM users WHERE id = 1"_s) && q.next() &&
                   q.value(0).toLongLong() == 0 && q.value(1).toString().startsWith(u'+');
        }));
    }

    void migrateTo17()
    {
        // Version 17 counts code requests per block of numbers; the requests already made learn their block.
        QVERIFY(withOneMessage(
            16,
            [](QSqlQuery &q) {
                return q.exec(u"SELECT number_block FROM code_requests"_s) && q.next() &&
                       q.value(0).toString() == u"+861380013"_s && !q.next();
            },
            [](QSqlQuery &q) {
                return q.exec(u"INSERT INTO code_requests (phone, address, requested_at) "
                              "VALUES ('+8613800138000', '10.0.0.1', 1)"_s);
            }));
    }

    void migrateTo18()
    {
        // Version 18 gives each code its purpose; the codes of before, which have none, go (they live minutes).
        QVERIFY(withOneMessage(
            17, [](QSqlQuery &q) { return q.exec(u"SELECT purpose FROM verification_codes"_s) && !q.next(); },
            [](QSqlQuery &q) {
                return q.exec(u"INSERT INTO verification_codes (phone, code_hash, expires_at, tries, created_at) "
                              "VALUES ('+8613800138000', x'00', 9, 2, 1)"_s);
            }));
    }

    void migrateTo19()
    {
        // Version 19 keys codes by number and purpose; the codes waiting keep their hash, tries and expiry.
        QVERIFY(withOneMessage(
            18,
            [](QSqlQuery &q) {
                return q.exec(u"SELECT phone, purpose, code_hash, expires_at, tries FROM verification_codes"_s) &&
                       q.next() && q.value(0).toString() == u"+8613800138000"_s && q.value(1).toInt() == 1 &&
                       q.value(2).toByteArray() == QByteArray(1, '\x07') && q.value(3).toInt() == 9 &&
                       q.value(4).toInt() == 2 && !q.next() &&
                       q.exec(u"INSERT INTO verification_codes (phone, purpose, code_hash, expires_at, created_at) "
                              "VALUES ('+8613800138000', 0, x'08', 9, 1)"_s) &&
                       !q.exec(u"INSERT INTO verification_codes (phone, purpose, code_hash, expires_at, created_at) "
                               "VALUES ('+8613800138000', 0, x'09', 9, 1)"_s);
            },
            [](QSqlQuery &q) {
                return q.exec(u"INSERT INTO verification_codes (phone, code_hash, expires_at, tries, created_at, "
                              "purpose) VALUES ('+8613800138000', x'07', 9, 2, 1, 1)"_s);
            }));
    }

    void migrateTo20()
    {
        // Version 20 finds the sessions revoked lately by an index (RevocationWatch asks every few seconds).
        QVERIFY(withOneMessage(19, [](QSqlQuery &q) {
            return q.exec(u"EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE revoked_at >= 5"_s) && q.next() &&
                   q.value(3).toString().contains(u"sessions_by_revocation"_s);
        }));
    }

    void migrateTo21()
    {
        // Version 21 keeps calls in progress: one row per call id, found by caller, callee and deadline.
        QVERIFY(withOneMessage(20, [](QSqlQuery &q) {
            const auto plan = [&q](const QString &query, const QString &index) {
                return q.exec(u"EXPLAIN QUERY PLAN "_s + query) && q.next() && q.value(3).toString().contains(index);
            };
            const QString row =
                u"INSERT INTO calls (id, caller_id, caller_uid, caller_device, callee_id, callee_uid, "
                "callee_device, media, created_at, answered_at, caller_alive_at, "
                "callee_alive_at, deadline) VALUES ('c1', 1, 'a', 'desk', 2, 'b', '', 1, 0, 0, 0, 0, 9)"_s;
            return q.exec(row) && !q.exec(row) &&
                   plan(u"SELECT 1 FROM calls WHERE caller_id = 1"_s, u"calls_by_caller"_s) &&
                   plan(u"SELECT 1 FROM calls WHERE callee_id = 1"_s, u"calls_by_callee"_s) &&
                   plan(u"SELECT id FROM calls WHERE deadline <= 5 ORDER BY deadline"_s, u"calls_by_deadline"_s);
        }));
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
