// The local cache: its schema ladder, damaged files, transactions, and the rules of MessageRepository and
// InboxApplier — one row per message whatever arrives twice, the sync position committed with the items,
// each kind of item in its store, the outbox.

#include "common/sqlmigrator.h"
#include "core/storage/clientschema.h"
#include "core/storage/conversationrepository.h"
#include "core/storage/conversationsettingsrepository.h"
#include "core/storage/grouprepository.h"
#include "core/storage/localdatabase.h"
#include "core/storage/messagerepository.h"
#include "core/storage/peoplerepository.h"
#include "core/sync/inboxapplier.h"
#include "protocol/limits.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

const QString kSelf = u"me"_s;

v1::InboxItem item(quint64 seq, const QString &from, const QString &target, quint64 convSeq, qint64 uid,
                   const QByteArray &uuid, const std::string &text)
{
    v1::InboxItem i;
    i.set_seq(seq);
    v1::Message *m = i.mutable_message();
    m->set_from(from.toStdString());
    m->set_target(target.toStdString());
    m->set_conversation_seq(convSeq);
    m->set_message_uid(uid);
    m->set_timestamp(1700000000000 + uid);
    m->set_client_uuid(uuid.constData(), size_t(uuid.size()));
    m->mutable_content()->set_type(v1::CONTENT_TEXT);
    m->mutable_content()->set_searchable_content(text);
    return i;
}

QByteArray uuid(char c)
{
    return QByteArray(16, c);
}

} // namespace

class TestLocalCache : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LocalDatabase> m_db;
    std::unique_ptr<MessageRepository> m_repo;
    std::unique_ptr<ConversationRepository> m_conversations;
    std::unique_ptr<PeopleRepository> m_people;
    std::unique_ptr<GroupRepository> m_groups;
    std::unique_ptr<InboxApplier> m_inbox;

    // A cache at `version` with one message from Bob (server uid 10, "old"), migrated one step further;
    // `check` runs on it right after the step. Its path, or nothing if a step failed.
    std::optional<QString> cacheWithOneMessage(int version, const std::function<bool(QSqlQuery &)> &check = {})
    {
        const QString path = m_dir.filePath(u"step%1.sqlite"_s.arg(version + 1));
        const QString name = u"client-step-%1"_s.arg(version + 1);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            SqlMigrator migrator(db, clientSchemaSteps());
            const auto migrated = [&migrator](int to) {
                const auto reached = migrator.migrate(to);
                return reached && reached.value() == to;
            };
            ok = db.open();
            QSqlQuery q(db);
            ok = ok && migrated(version) &&
                 q.exec(u"INSERT INTO conversations (id, type, target) VALUES (1, 0, 'bob')"_s) &&
                 q.exec(u"INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, "
                        "outgoing, state, content_type, text, content, timestamp_ms) "
                        "VALUES (1, 'bob', x'01', 10, 1, 0, 2, 1, 'old', x'', 1)"_s) &&
                 migrated(version + 1) && (!check || check(q));
        }
        QSqlDatabase::removeDatabase(name);
        return ok ? std::optional(path) : std::nullopt;
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<LocalDatabase>();
        QVERIFY(m_db->open(m_dir.filePath(u"%1.sqlite"_s.arg(QLatin1StringView(QTest::currentTestFunction())))));
        m_repo = std::make_unique<MessageRepository>(*m_db, kSelf);
        m_conversations = std::make_unique<ConversationRepository>(*m_db, kSelf);
        m_people = std::make_unique<PeopleRepository>(*m_db, kSelf);
        m_groups = std::make_unique<GroupRepository>(*m_db, kSelf);
        m_inbox = std::make_unique<InboxApplier>(*m_db, kSelf,
                                                 InboxApplier::Stores{*m_repo, *m_conversations, *m_people, *m_groups});
    }

    void cleanup()
    {
        m_inbox.reset();
        m_groups.reset();
        m_people.reset();
        m_conversations.reset();
        m_repo.reset();
        m_db.reset();
    }

    void opensInWalWithFullDurability()
    {
        QSqlDatabase &db = m_db->db();
        QCOMPARE(SqlMigrator(db, clientSchemaSteps()).currentVersion(), int(clientSchemaSteps().size()));
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
        QVERIFY(q.exec(u"PRAGMA synchronous"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2); // FULL
    }

    void migrateTo1()
    {
        const QString name = u"client-step-1"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"step1.sqlite"_s));
            QVERIFY(db.open());
            QCOMPARE(SqlMigrator(db, clientSchemaSteps()).migrate(1).value(), 1);
            QStringList tables = db.tables();
            tables.sort();
            QCOMPARE(tables, (QStringList{u"conversations"_s, u"messages"_s, u"sync_state"_s}));
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo2()
    {
        // A version-1 cache with a message in it keeps the message and gains the horizons at zero.
        const QString name = u"client-step-2"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"step2.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(1).value(), 1);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, target) VALUES (1, 0, 'bob')"_s));
            QVERIFY(q.exec(u"INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, "
                           "outgoing, state, content_type, text, content, timestamp_ms) "
                           "VALUES (1, 'bob', x'01', 7, 1, 0, 3, 1, 'kept', x'', 1)"_s));
            QCOMPARE(migrator.migrate(2).value(), 2);
            QVERIFY(q.exec(u"SELECT read_seq, peer_delivered_seq, peer_read_seq, reported_read_seq, history_complete "
                           "FROM conversations"_s) &&
                    q.next());
            for (int i = 0; i < 5; ++i)
                QCOMPARE(q.value(i).toInt(), 0);
            QVERIFY(q.exec(u"SELECT text, recalled_at FROM messages"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"kept"_s);
            QVERIFY(q.value(1).isNull());
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo3()
    {
        // A version-2 message mentions nobody and is about nobody; the people tables start empty.
        const QString name = u"client-step-3"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"step3.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(2).value(), 2);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, target) VALUES (1, 0, 'bob')"_s));
            QVERIFY(q.exec(u"INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, "
                           "outgoing, state, content_type, text, content, timestamp_ms) "
                           "VALUES (1, 'bob', x'01', 7, 1, 0, 3, 1, 'kept', x'', 1)"_s));
            QCOMPARE(migrator.migrate(3).value(), 3);
            QVERIFY(q.exec(u"SELECT text, mentions_me, notice_users, notice_role FROM messages"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"kept"_s);
            QCOMPARE(q.value(1).toInt(), 0);
            QCOMPARE(q.value(2).toString(), QString());
            QCOMPARE(q.value(3).toInt(), 0);
            for (const QString &table :
                 {u"profiles"_s, u"contacts"_s, u"friend_requests"_s, u"chat_groups"_s, u"group_members"_s}) {
                QVERIFY(q.exec(u"SELECT COUNT(*) FROM %1"_s.arg(table)) && q.next());
                QCOMPARE(q.value(0).toInt(), 0);
            }
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo4()
    {
        // Version-3 conversations are neither pinned, muted nor removed, and have no draft.
        const QString name = u"client-step-4"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"step4.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(3).value(), 3);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, target) VALUES (1, 0, 'bob')"_s));
            QCOMPARE(migrator.migrate(4).value(), 4);
            QVERIFY(q.exec(u"SELECT pinned, muted, hidden, draft FROM conversations"_s) && q.next());
            QCOMPARE(q.value(0).toInt() + q.value(1).toInt() + q.value(2).toInt(), 0);
            QCOMPARE(q.value(3).toString(), QString());
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo5()
    {
        // Messages stored before the search index existed are found once the catch-up has run.
        const QString path = m_dir.filePath(u"step5.sqlite"_s);
        const QString name = u"client-step-5"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(4).value(), 4);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, target) VALUES (1, 0, 'bob')"_s));
            QVERIFY(q.exec(u"INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, "
                           "outgoing, state, content_type, text, content, timestamp_ms) "
                           "VALUES (1, 'bob', x'01', 7, 1, 0, 3, 1, '去香山爬山', x'', 1)"_s));
            QCOMPARE(migrator.migrate(5).value(), 5);
        }
        QSqlDatabase::removeDatabase(name);
        LocalDatabase db;
        QVERIFY(db.open(path));
        MessageRepository repo(db, kSelf);
        QCOMPARE(repo.search(u"爬山"_s, 10).size(), 0); // not indexed yet
        while (repo.searchIndex().catchUp()) {}
        QCOMPARE(repo.search(u"爬山"_s, 10).size(), 1);
    }

    void migrateTo6()
    {
        // A text message of version 5 reads as before: no media, nothing to transfer, nothing cached.
        const QString path = m_dir.filePath(u"step6.sqlite"_s);
        const QString name = u"client-step-6"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(5).value(), 5);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, target) VALUES (1, 0, 'bob')"_s));
            QVERIFY(q.exec(u"INSERT INTO messages (conversation_id, sender, client_uuid, server_uid, conversation_seq, "
                           "outgoing, state, content_type, text, content, timestamp_ms) "
                           "VALUES (1, 'bob', x'01', 7, 1, 0, 3, 1, 'hello', x'', 1)"_s));
            QCOMPARE(migrator.migrate(6).value(), 6);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM transfers"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM media_cache"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
        QSqlDatabase::removeDatabase(name);
        LocalDatabase db;
        QVERIFY(db.open(path));
        MessageRepository repo(db, kSelf);
        const std::optional<ChatMessage> m = repo.byServerUid(7);
        QVERIFY(m);
        QCOMPARE(m->text, u"hello"_s);
        QVERIFY(m->media.isEmpty());
        QVERIFY(m->localPath.isEmpty());
        QCOMPARE(m->transfer.state, TransferState::None);
    }

    void migrateTo7()
    {
        // A group of version 6 keeps its name and has no picture until the server names one.
        const QString path = m_dir.filePath(u"step7.sqlite"_s);
        const QString name = u"client-step-7"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(6).value(), 6);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO chat_groups (group_id, name, owner_id, member_count, created_at, my_role, "
                           "is_member, dismissed) VALUES ('g1', '登山队', 'bob', 3, 1, 0, 1, 0)"_s));
            QCOMPARE(migrator.migrate(7).value(), 7);
        }
        QSqlDatabase::removeDatabase(name);
        LocalDatabase db;
        QVERIFY(db.open(path));
        GroupRepository groups(db, kSelf);
        std::optional<GroupInfo> g = groups.group(u"g1"_s);
        QVERIFY(g);
        QCOMPARE(g->name, u"登山队"_s);
        QCOMPARE(g->avatar, QString());
        g->avatar = u"f00d"_s;
        QVERIFY(groups.putGroup(*g));
        QCOMPARE(groups.group(u"g1"_s)->avatar, u"f00d"_s);
    }

    void migrateTo8()
    {
        // Messages of version 7 are not replies; the step adds the index a recall finds replies by.
        const std::optional<QString> path = cacheWithOneMessage(7, [](QSqlQuery &q) {
            return q.exec(u"EXPLAIN QUERY PLAN SELECT id FROM messages WHERE quote_uid = 10"_s) && q.next() &&
                   q.value(3).toString().contains(u"messages_quoting"_s);
        });
        QVERIFY(path);
        LocalDatabase db;
        QVERIFY(db.open(*path));
        QVERIFY(MessageRepository(db, kSelf).byServerUid(10)->quote.isEmpty());
    }

    void migrateTo9()
    {
        // Messages of version 8 were never edited.
        const std::optional<QString> path = cacheWithOneMessage(8);
        QVERIFY(path);
        LocalDatabase db;
        QVERIFY(db.open(*path));
        QVERIFY(!MessageRepository(db, kSelf).byServerUid(10)->isEdited());
    }

    void migrateTo11()
    {
        // What a device kept for itself before (pinned, muted, a draft) is offered to the server once; a mute
        // of then has no end.
        const std::optional<QString> path = cacheWithOneMessage(10, [](QSqlQuery &q) {
            return q.exec(u"SELECT muted_until, settings_dirty FROM conversations"_s) && q.next() &&
                   q.value(0).toLongLong() == 0 && q.value(1).toInt() == 0;
        });
        QVERIFY(path);
        const QString name = u"client-step-11-kept"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"step11-kept.sqlite"_s));
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(10).value(), 10);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO conversations (id, type, target, pinned, muted, draft) "
                           "VALUES (1, 0, 'bob', 1, 1, 'hi'), (2, 0, 'carol', 0, 0, '')"_s));
            QCOMPARE(migrator.migrate(11).value(), 11);
            QVERIFY(q.exec(u"SELECT target, muted_until, settings_dirty FROM conversations ORDER BY id"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(1).toLongLong(), limits::kMutedForever);
            QCOMPARE(q.value(2).toInt(), ConversationSettingsRepository::Pinned | ConversationSettingsRepository::MutedUntil |
                                             ConversationSettingsRepository::Draft);
            QVERIFY(q.next());
            QCOMPARE(q.value(2).toInt(), 0);
            QVERIFY(!q.exec(u"SELECT muted FROM conversations"_s)); // gone
        }
        QSqlDatabase::removeDatabase(name);
    }

    void migrateTo12()
    {
        // Groups cached before version 12 are not muted and need no approval; their members may write.
        const QString path = m_dir.filePath(u"step12.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"client-step-12"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(11).value(), 11);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO chat_groups (group_id, name) VALUES ('g1', 'old')"_s));
            QVERIFY(q.exec(u"INSERT INTO group_members (group_id, user_id) VALUES ('g1', 'bob')"_s));
            QCOMPARE(migrator.migrate(12).value(), 12);
        }
        QSqlDatabase::removeDatabase(u"client-step-12"_s);
        LocalDatabase db;
        QVERIFY(db.open(path));
        GroupRepository groups(db, kSelf);
        const std::optional<GroupInfo> old = groups.group(u"g1"_s);
        QVERIFY(old);
        QVERIFY(!old->muteAll && !old->joinApproval && old->myMutedUntilMs == 0 && old->pendingJoins == 0);
        QCOMPARE(groups.members(u"g1"_s).value(0).mutedUntilMs, 0);
    }

    void migrateTo13()
    {
        // Profiles cached before version 13 are of accounts that exist; one the server says is deleted is shown so.
        const QString path = m_dir.filePath(u"step13.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"client-step-13"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            SqlMigrator migrator(db, clientSchemaSteps());
            QCOMPARE(migrator.migrate(12).value(), 12);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO profiles (user_id, nickname) VALUES ('bob', 'Bob')"_s));
            QCOMPARE(migrator.migrate(13).value(), 13);
        }
        QSqlDatabase::removeDatabase(u"client-step-13"_s);
        LocalDatabase db;
        QVERIFY(db.open(path));
        PeopleRepository people(db, kSelf);
        QCOMPARE(people.profile(u"bob"_s)->deleted, false);
        QCOMPARE(people.displayName(u"bob"_s), u"Bob"_s);
        QVERIFY(people.putProfile(UserProfile{u"bob"_s, {}, {}, {}, true}));
        QVERIFY(people.profile(u"bob"_s)->deleted);
        QCOMPARE(people.displayName(u"bob"_s), u"Deleted account"_s);
    }

    void migrateTo10()
    {
        // Messages of version 9 have no reactions.
        const std::optional<QString> path = cacheWithOneMessage(9);
        QVERIFY(path);
        LocalDatabase db;
        QVERIFY(db.open(*path));
        const std::optional<ChatMessage> old = MessageRepository(db, kSelf).byServerUid(10);
        QVERIFY(old && old->text == u"old"_s);
        QVERIFY(old->reactions.isEmpty());
    }

    void refusesACacheFromANewerVersion()
    {
        const QString path = m_dir.filePath(u"newer.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(u"PRAGMA user_version = 42"_s);
        }
        QSqlDatabase::removeDatabase(u"newer"_s);
        LocalDatabase db;
        const Result<Done> opened = db.open(path);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::SchemaTooNew);
        QVERIFY(db.movedAsidePath().isEmpty());
        QVERIFY(QFile::exists(path));
    }

    void aDamagedCacheIsMovedAside()
    {
        const QString path = m_dir.filePath(u"damaged.sqlite"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4096, '\x5a'));
        file.close();
        LocalDatabase db;
        QVERIFY(db.open(path));
        QVERIFY(!db.movedAsidePath().isEmpty());
        QVERIFY(QFile::exists(db.movedAsidePath()));
        QCOMPARE(SqlMigrator(db.db(), clientSchemaSteps()).currentVersion(), int(clientSchemaSteps().size()));
    }

    void theBackgroundCheckReplacesADamagedCacheAtTheNextOpen()
    {
        // Opening does not read the whole file; the check does, later, and the next open starts afresh.
        const QString path = m_dir.filePath(u"checked.sqlite"_s);
        {
            LocalDatabase db;
            QVERIFY(db.open(path));
            QSqlQuery q(db.db());
            QVERIFY(q.exec(u"CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)"_s));
            QVERIFY(db.inTransaction([&] {
                for (int i = 0; i < 2000; ++i)
                    q.exec(u"INSERT INTO filler (body) VALUES ('%1')"_s.arg(QString(200, QChar(u'a' + i % 26))));
                return true;
            }));
            db.checkInBackground(); // a sound file: no mark
            QThreadPool::globalInstance()->waitForDone();
            QVERIFY(!QFile::exists(LocalDatabase::damageMarkPath(path)));
        }
        {
            // A page in the middle of the table goes bad (a disk error, a bad copy).
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 pageSize = 4096;
            QVERIFY(file.size() > 20 * pageSize);
            file.seek((file.size() / pageSize / 2) * pageSize);
            file.write(QByteArray(int(pageSize), '\x5a'));
        }
        LocalDatabase damaged;
        QVERIFY(damaged.open(path)); // quick: the bad page is not read
        QVERIFY(damaged.movedAsidePath().isEmpty());
        damaged.checkInBackground();
        QThreadPool::globalInstance()->waitForDone();
        QVERIFY(QFile::exists(LocalDatabase::damageMarkPath(path)));
        damaged.close();

        LocalDatabase next;
        QVERIFY(next.open(path));
        QVERIFY(!next.movedAsidePath().isEmpty());
        QVERIFY(!QFile::exists(LocalDatabase::damageMarkPath(path)));
        QSqlQuery q(next.db());
        QVERIFY(!q.exec(u"SELECT COUNT(*) FROM filler"_s)); // a fresh cache
        QCOMPARE(SqlMigrator(next.db(), clientSchemaSteps()).currentVersion(), int(clientSchemaSteps().size()));
    }

    void outgoingMessageLifecycle()
    {
        const ConversationKey bob = ConversationKey::withUser(u"bob"_s);
        const Result<ChatMessage> stored = m_repo->addOutgoing(bob, uuid('a'), u"hi Bob"_s, 1000);
        QVERIFY(stored);
        QCOMPARE(stored->state, MessageState::Sending);
        QVERIFY(stored->outgoing);
        QCOMPARE(stored->sender, kSelf);
        QCOMPARE(m_repo->pendingOutgoing().size(), 1);

        QVERIFY(m_repo->markFailed(stored->localId, ErrorCode::Timeout));
        QCOMPARE(m_repo->pendingOutgoing().size(), 1); // worth retrying
        QVERIFY(m_repo->markSending(stored->localId));
        const Result<ChatMessage> sent = m_repo->markSent(stored->localId, 501, 1, 2000);
        QCOMPARE(sent->state, MessageState::Sent);
        QCOMPARE(sent->serverUid, 501);
        QCOMPARE(m_repo->pendingOutgoing().size(), 0);

        const Result<ChatMessage> refused = m_repo->addOutgoing(bob, uuid('b'), u"too much"_s, 3000);
        QVERIFY(m_repo->markFailed(refused->localId, ErrorCode::TooLarge));
        QCOMPARE(m_repo->pendingOutgoing().size(), 0); // needs the user, not a retry
    }

    void eachMessageIsStoredOnce()
    {
        const QList<v1::InboxItem> page{item(1, u"bob"_s, kSelf, 1, 10, uuid('x'), "one"),
                                        item(2, u"bob"_s, kSelf, 2, 11, uuid('y'), "two")};
        const auto first = m_inbox->apply(page, 2);
        QCOMPARE(first->added.size(), 2);
        const auto again = m_inbox->apply(page, 2); // a repeated pull, or a push of the same item
        QCOMPARE(again->added.size(), 0);
        QCOMPARE(m_repo->latest(ConversationKey::withUser(u"bob"_s), 10).size(), 2);
        QCOMPARE(m_inbox->syncSeq(), quint64(2));
    }

    void ownMessageIsCompletedBySync()
    {
        // Sent here, but the PUB_ACK was lost: the copy in our inbox acknowledges it; no second row.
        const ConversationKey bob = ConversationKey::withUser(u"bob"_s);
        const Result<ChatMessage> stored = m_repo->addOutgoing(bob, uuid('o'), u"did it arrive?"_s, 1000);
        const auto applied = m_inbox->apply({item(1, kSelf, u"bob"_s, 1, 77, uuid('o'), "did it arrive?")}, 1);
        QCOMPARE(applied->added.size(), 0);
        QCOMPARE(applied->updated.size(), 1);
        QCOMPARE(applied->updated.first().localId, stored->localId);
        QCOMPARE(applied->updated.first().state, MessageState::Sent);
        QCOMPARE(applied->updated.first().serverUid, 77);
        QCOMPARE(m_repo->latest(bob, 10).size(), 1);
        QCOMPARE(m_repo->pendingOutgoing().size(), 0);
    }

    void messagesFromAnotherOfMyDevicesAreMine()
    {
        const auto applied = m_inbox->apply({item(1, kSelf, u"carol"_s, 1, 5, uuid('p'), "from my phone")}, 1);
        QCOMPARE(applied->added.size(), 1);
        const ChatMessage m = applied->added.first();
        QVERIFY(m.outgoing);
        QCOMPARE(m.state, MessageState::Sent);
        QCOMPARE(m.conversation, ConversationKey::withUser(u"carol"_s));
    }

    void latestIsInConversationOrderWithUnsentLast()
    {
        const ConversationKey bob = ConversationKey::withUser(u"bob"_s);
        m_repo->addOutgoing(bob, uuid('u'), u"unsent"_s, 5000);
        // Arrives out of order across pages; shown by conversation sequence.
        m_inbox->apply({item(2, u"bob"_s, kSelf, 3, 30, uuid('3'), "third")}, 2);
        m_inbox->apply(
            {item(3, u"bob"_s, kSelf, 1, 10, uuid('1'), "first"), item(4, kSelf, u"bob"_s, 2, 20, uuid('2'), "second")},
            4);
        QStringList texts;
        for (const ChatMessage &m : m_repo->latest(bob, 10))
            texts.append(m.text);
        QCOMPARE(texts, (QStringList{u"first"_s, u"second"_s, u"third"_s, u"unsent"_s}));
        QCOMPARE(m_repo->latest(bob, 2).first().text, u"third"_s);
    }

    void syncPositionMovesOnlyWithItsItems()
    {
        m_inbox->apply({item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "one")}, 1);
        // The second item of the next page cannot be stored: the whole page, position included, rolls back.
        QSqlQuery trigger(m_db->db());
        QVERIFY(trigger.exec(u"CREATE TRIGGER injected_failure BEFORE INSERT ON messages WHEN NEW.text = 'boom' "
                             "BEGIN SELECT RAISE(ABORT, 'injected'); END"_s));
        const auto failed = m_inbox->apply(
            {item(2, u"bob"_s, kSelf, 2, 11, uuid('2'), "two"), item(3, u"bob"_s, kSelf, 3, 12, uuid('3'), "boom")}, 3);
        QVERIFY(!failed);
        QCOMPARE(m_inbox->syncSeq(), quint64(1));
        QCOMPARE(m_repo->latest(ConversationKey::withUser(u"bob"_s), 10).size(), 1);
        // Pulled again once the problem is gone: applied exactly once.
        QVERIFY(trigger.exec(u"DROP TRIGGER injected_failure"_s));
        const auto retried = m_inbox->apply(
            {item(2, u"bob"_s, kSelf, 2, 11, uuid('2'), "two"), item(3, u"bob"_s, kSelf, 3, 12, uuid('3'), "boom")}, 3);
        QCOMPARE(retried->added.size(), 2);
        QCOMPARE(m_inbox->syncSeq(), quint64(3));
    }

    void eachKindOfItemReachesItsStore()
    {
        // One batch: a message, my read mark from another device, a receipt, another member's read horizon in
        // a group, a contact and a friend request — each lands where it belongs, with one sync position.
        QList<v1::InboxItem> items{item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "hello")};
        const auto progress = [&](quint64 seq, v1::ConversationType type, const QString &target, const QString &user,
                                  quint64 read) {
            v1::InboxItem i;
            i.set_seq(seq);
            v1::ConversationProgress *p = i.mutable_progress();
            p->set_conversation_type(type);
            p->set_target(target.toStdString());
            p->set_user(user.toStdString());
            p->set_delivered_seq(read);
            p->set_read_seq(read);
            items.append(i);
        };
        progress(2, v1::CONVERSATION_PRIVATE, u"bob"_s, kSelf, 1);        // I read it on my phone
        progress(3, v1::CONVERSATION_PRIVATE, u"carol"_s, u"carol"_s, 4); // carol read mine
        progress(4, v1::CONVERSATION_GROUP, u"g1"_s, u"dave"_s, 7);       // dave read the group
        v1::InboxItem contact;
        contact.set_seq(5);
        contact.mutable_contact()->mutable_profile()->set_user_id("erin");
        contact.mutable_contact()->mutable_profile()->set_nickname("Erin");
        contact.mutable_contact()->set_is_friend(true);
        items.append(contact);
        v1::InboxItem request;
        request.set_seq(6);
        request.mutable_friend_request()->set_request_id(42);
        request.mutable_friend_request()->mutable_from()->set_user_id("frank");
        request.mutable_friend_request()->mutable_to()->set_user_id(kSelf.toStdString());
        items.append(request);

        const Result<ChangeSet> changes = m_inbox->apply(items, 6);
        QVERIFY(changes);
        QCOMPARE(changes->added.size(), 1);
        // Erin's chat (if there is one) takes her new name: it is looked at again.
        QCOMPARE(changes->conversations,
                 (QSet<ConversationKey>{ConversationKey::withUser(u"bob"_s), ConversationKey::withUser(u"carol"_s),
                                        ConversationKey::withUser(u"erin"_s)}));
        QCOMPARE(changes->groupsRead, QSet<QString>{u"g1"_s});
        QVERIFY(changes->contactsChanged);
        QVERIFY(changes->requestsChanged);
        QCOMPARE(m_inbox->syncSeq(), quint64(6));
        QCOMPARE(m_conversations->summary(ConversationKey::withUser(u"bob"_s))->unreadCount, 0);
        QCOMPARE(m_conversations->summary(ConversationKey::withUser(u"carol"_s))->peerReadSeq, quint64(4));
        QCOMPARE(m_groups->readHorizons(u"g1"_s), QList<quint64>{7});
        QCOMPARE(m_people->contact(u"erin"_s)->profile.nickname, u"Erin"_s);
        QCOMPARE(m_people->requests().size(), 1);
        QVERIFY(m_people->requests().first().incoming);
    }

    void aMissedCallIsUnreadAndAnAnsweredOneIsNot()
    {
        // Bob's calls to me, as the server records them: one I answered, one I missed.
        const auto record = [](quint64 seq, int type, v1::CallEnd reason, qint64 durationMs) {
            v1::InboxItem i = item(seq, u"bob"_s, kSelf, seq, qint64(20 + seq), uuid(char('a' + seq)), "");
            v1::CallRecord r;
            r.set_call_id("c" + std::to_string(seq));
            r.set_media(v1::CALL_VIDEO);
            r.set_reason(reason);
            r.set_duration_ms(durationMs);
            i.mutable_message()->mutable_content()->set_type(type);
            i.mutable_message()->mutable_content()->set_binary_content(r.SerializeAsString());
            return i;
        };
        const Result<ChangeSet> changes = m_inbox->apply({record(1, content::kCallRecord, v1::CALL_END_HUNG_UP, 192000),
                                                          record(2, content::kMissedCall, v1::CALL_END_NO_ANSWER, 0)},
                                                         2);
        QVERIFY(changes);
        QCOMPARE(changes->added.size(), 2);
        QCOMPARE(changes->added.at(0).call,
                 (CallSummary{content::kCallVideo, content::CallEnd::HungUp, 192000, u"c1"_s}));
        QCOMPARE(changes->added.at(1).call.reason, content::CallEnd::NoAnswer);
        QCOMPARE(m_conversations->summary(ConversationKey::withUser(u"bob"_s))->unreadCount, 1);
        // Read back from the cache, as the chat shows them.
        const QList<ChatMessage> stored = m_repo->latest(ConversationKey::withUser(u"bob"_s), 10);
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.at(0).call.durationMs, 192000);
        QVERIFY(stored.at(1).isCallRecord() && stored.at(1).isNotice());
    }

    void aReplyKeepsItsQuoteAndLosesItWithTheOriginal()
    {
        // Bob's message, then his reply quoting it, as the server sends them; then my own reply to it.
        v1::InboxItem reply = item(2, u"bob"_s, kSelf, 2, 11, uuid('2'), "answering myself");
        v1::Quote *quote = reply.mutable_message()->mutable_content()->mutable_quote();
        quote->set_message_uid(10);
        quote->set_conversation_seq(1);
        quote->set_from("bob");
        quote->set_type(v1::CONTENT_TEXT);
        quote->set_excerpt("the original");
        QVERIFY(m_inbox->apply({item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "the original"), reply}, 2));
        const std::optional<ChatMessage> stored = m_repo->byServerUid(11);
        QVERIFY(stored);
        QCOMPARE(stored->quote, (Quote{10, 1, u"bob"_s, v1::CONTENT_TEXT, u"the original"_s}));
        v1::Quote mine = *quote;
        const Result<ChatMessage> echo =
            m_repo->addOutgoing(ConversationKey::withUser(u"bob"_s), uuid('m'), u"me too"_s, 5000, {}, false, mine);
        QVERIFY(echo);
        QCOMPARE(echo->quote, stored->quote);
        QCOMPARE(m_repo->contentOf(echo->localId).quote().message_uid(), 10); // what the outbox sends

        // Bob recalls the original: it and both replies change, the replies keep their own text.
        v1::InboxItem recall;
        recall.set_seq(3);
        recall.mutable_recall()->set_conversation_type(v1::CONVERSATION_PRIVATE);
        recall.mutable_recall()->set_target("bob");
        recall.mutable_recall()->set_from("bob");
        recall.mutable_recall()->set_message_uid(10);
        recall.mutable_recall()->set_conversation_seq(1);
        recall.mutable_recall()->set_recalled_at(9000);
        const Result<ChangeSet> changes = m_inbox->apply({recall}, 3);
        QVERIFY(changes);
        QCOMPARE(changes->updated.size(), 3);
        for (const ChatMessage &m : changes->updated) {
            if (m.serverUid == 10)
                continue;
            QVERIFY(m.quote.isRecalled());
            QVERIFY(m.quote.excerpt.isEmpty());
            QVERIFY(m.text == u"answering myself"_s || m.text == u"me too"_s);
        }
        QVERIFY(m_repo->byServerUid(10)->isRecalled());
        QVERIFY(m_repo->byServerUid(11)->quote.isRecalled());
        QVERIFY(m_repo->byLocalId(echo->localId)->quote.isRecalled());
        QVERIFY(m_repo->contentOf(echo->localId).quote().excerpt().empty()); // not in what the outbox sends either
        // The same recall again changes nothing.
        recall.set_seq(4);
        QCOMPARE(m_inbox->apply({recall}, 4)->updated.size(), 0);
    }

    void anEditChangesTheTextAndWhatSearchFinds()
    {
        QVERIFY(m_inbox->apply({item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "lunch at noon")}, 1));
        while (m_repo->searchIndex().catchUp()) {
        }
        QCOMPARE(m_repo->search(u"noon"_s, 10).size(), 1);
        v1::InboxItem edit;
        edit.set_seq(2);
        v1::EditNotice *notice = edit.mutable_edit();
        notice->set_conversation_type(v1::CONVERSATION_PRIVATE);
        notice->set_target("bob");
        notice->set_from("bob");
        notice->set_message_uid(10);
        notice->set_conversation_seq(1);
        notice->set_text("lunch at one");
        notice->set_edited_at(1700000005000);
        const Result<ChangeSet> changes = m_inbox->apply({edit}, 2);
        QVERIFY(changes);
        QCOMPARE(changes->updated.size(), 1);
        QCOMPARE(changes->updated.first().text, u"lunch at one"_s);
        QCOMPARE(changes->updated.first().editedAtMs, 1700000005000);
        QCOMPARE(m_repo->byServerUid(10)->text, u"lunch at one"_s);
        QCOMPARE(m_repo->contentOf(m_repo->byServerUid(10)->localId).searchable_content(), "lunch at one");
        QCOMPARE(m_repo->search(u"noon"_s, 10).size(), 0); // the old words are gone from the index
        QCOMPARE(m_repo->search(u"one"_s, 10).size(), 1);
        // An older edit arriving late changes nothing; neither does one of a message not cached here.
        notice->set_text("lunch at eleven");
        notice->set_edited_at(1700000004000);
        edit.set_seq(3);
        QCOMPARE(m_inbox->apply({edit}, 3)->updated.size(), 0);
        notice->set_message_uid(99);
        notice->set_edited_at(1700000009000);
        edit.set_seq(4);
        QCOMPARE(m_inbox->apply({edit}, 4)->updated.size(), 0);
        QCOMPARE(m_repo->byServerUid(10)->text, u"lunch at one"_s);
    }

    void reactionsArriveWithTheMessageAndChangeWhole()
    {
        v1::InboxItem first = item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "booked");
        v1::Reaction *thumbs = first.mutable_message()->add_reactions();
        thumbs->set_emoji("👍");
        thumbs->add_users("carol");
        const Result<ChangeSet> added = m_inbox->apply({first}, 1);
        QVERIFY(added);
        QCOMPARE(added->added.first().reactions, (QList<Reaction>{{u"👍"_s, {u"carol"_s}}}));
        QCOMPARE(m_repo->byServerUid(10)->reactions, (QList<Reaction>{{u"👍"_s, {u"carol"_s}}}));

        v1::InboxItem changed;
        changed.set_seq(2);
        v1::ReactionNotice *notice = changed.mutable_reaction();
        notice->set_conversation_type(v1::CONVERSATION_PRIVATE);
        notice->set_target("bob");
        notice->set_message_uid(10);
        notice->set_conversation_seq(1);
        *notice->add_reactions() = *thumbs;
        notice->mutable_reactions(0)->add_users(kSelf.toStdString());
        notice->add_reactions()->set_emoji("😂");
        notice->mutable_reactions(1)->add_users("bob");
        const Result<ChangeSet> changes = m_inbox->apply({changed}, 2);
        QVERIFY(changes);
        QCOMPARE(changes->updated.size(), 1);
        const QList<Reaction> expected{{u"👍"_s, {u"carol"_s, kSelf}}, {u"😂"_s, {u"bob"_s}}};
        QCOMPARE(changes->updated.first().reactions, expected);
        QCOMPARE(m_repo->byServerUid(10)->reactions, expected);
        changed.set_seq(3); // the same again: nothing changes
        QCOMPARE(m_inbox->apply({changed}, 3)->updated.size(), 0);
        notice->clear_reactions(); // all taken back
        changed.set_seq(4);
        QCOMPARE(m_inbox->apply({changed}, 4)->updated.size(), 1);
        QVERIFY(m_repo->byServerUid(10)->reactions.isEmpty());
    }

    void innerTransactionsJoinTheOuterOne()
    {
        // An inner failure rolls the whole transaction back, even if the outer work would go on; ids of
        // conversations created in it are forgotten, so the next batch creates them again.
        const ConversationKey bob = ConversationKey::withUser(u"bob"_s);
        bool innerCommitted = true;
        const bool committed = m_db->inTransaction([&] {
            ChangeSet changes;
            if (!m_repo->applyMessage(item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "one").message(), changes))
                return false;
            innerCommitted = m_db->inTransaction([] { return false; });
            return true; // the outer work ignores the inner failure
        });
        QVERIFY(!innerCommitted);
        QVERIFY(!committed);
        QVERIFY(!m_db->isInTransaction());
        QCOMPARE(m_repo->latest(bob, 10).size(), 0);
        QCOMPARE(m_conversations->summaries().size(), 0);
        QVERIFY(m_inbox->apply({item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "one")}, 1));
        QCOMPARE(m_repo->latest(bob, 10).size(), 1);
        QCOMPARE(m_conversations->summaries().size(), 1);
        QCOMPARE(m_conversations->summaries().first().lastActivityMs, 1700000000010);
    }

    void theCacheRefusesAnotherThread()
    {
        // Debug builds (the test build) abort when the cache is used from a thread that did not open it. The
        // call runs in a child process, since it must abort.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PARLEY_WRONG_THREAD_CHILD"_s, u"1"_s);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {u"usedFromAnotherThread"_s});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY2(child.readAll().contains("called from the wrong thread"), "the assertion says why");
    }

    void usedFromAnotherThread()
    {
        if (qEnvironmentVariableIsEmpty("PARLEY_WRONG_THREAD_CHILD"))
            QSKIP("run by theCacheRefusesAnotherThread in a child process");
        std::unique_ptr<QThread> other(QThread::create([this] { m_inbox->syncSeq(); }));
        other->start();
        other->wait();
        QFAIL("the call from another thread was not caught");
    }

    void myConversationList()
    {
        // Pinned first; muted ones leave the total; removed ones come back with their next message; a draft
        // stays until I send.
        ConversationRepository &conversations = *m_conversations;
        const ConversationKey bob = ConversationKey::withUser(u"bob"_s);
        const ConversationKey carol = ConversationKey::withUser(u"carol"_s);
        QVERIFY(m_inbox->apply(
            {item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "old"), item(2, u"carol"_s, kSelf, 1, 11, uuid('2'), "new")},
            2));
        QCOMPARE(conversations.summaries().first().key, carol); // the most recent
        ConversationSettingsRepository settings(*m_db);
        using Field = ConversationSettingsRepository::Field;
        QVERIFY(settings.change(bob, Field::Pinned, true));
        QVERIFY(!settings.change(bob, Field::Pinned, true)); // there already
        QCOMPARE(conversations.summaries().first().key, bob);
        QCOMPARE(conversations.totalUnread(), 2);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(settings.change(carol, Field::MutedUntil, now + 3600 * 1000));
        QVERIFY(conversations.summary(carol)->muted);
        QCOMPARE(conversations.totalUnread(), 1);
        QVERIFY(settings.change(carol, Field::MutedUntil, now - 1)); // a mute that ended
        QVERIFY(!conversations.summary(carol)->muted);
        QCOMPARE(conversations.totalUnread(), 2);
        QVERIFY(settings.change(carol, Field::MutedUntil, limits::kMutedForever));
        QCOMPARE(conversations.totalUnread(), 1);
        QVERIFY(conversations.setHidden(bob, true));
        QCOMPARE(conversations.summaries().size(), 1);
        QVERIFY(m_inbox->apply({item(3, u"bob"_s, kSelf, 2, 12, uuid('3'), "back")}, 3));
        QCOMPARE(conversations.summaries().size(), 2);
        QVERIFY(settings.change(carol, Field::Draft, u"half a thought"_s));
        QCOMPARE(conversations.summary(carol)->draft, u"half a thought"_s);
        QVERIFY(m_repo->addOutgoing(carol, uuid('4'), u"the whole thought"_s, 1700000001000));
        QCOMPARE(conversations.summary(carol)->draft, QString());
        // Read, but marked unread: counts as one.
        QVERIFY(conversations.markRead(bob, 2));
        QCOMPARE(conversations.totalUnread(), 0);
        QVERIFY(settings.change(bob, Field::MarkedUnread, true));
        QCOMPARE(conversations.totalUnread(), 1);
        QVERIFY(conversations.summary(bob)->markedUnread);
    }

    void searchFindsChineseAndLatin()
    {
        QVERIFY(m_inbox->apply({item(1, u"bob"_s, kSelf, 1, 10, uuid('1'), "周末去香山爬山吧"),
                                item(2, u"bob"_s, kSelf, 2, 11, uuid('2'), "Let's go hiking on Saturday"),
                                item(3, u"bob"_s, kSelf, 3, 12, uuid('3'), "山上的风景很好"),
                                item(4, u"bob"_s, kSelf, 4, 13, uuid('4'), "爬山"),
                                item(5, u"bob"_s, kSelf, 5, 14, uuid('5'), "50% off, a_b\\c")},
                               5));
        const auto texts = [this](const QString &typed) {
            while (m_repo->searchIndex().catchUp()) {}
            QStringList out;
            for (const ChatMessage &m : m_repo->search(typed, 10))
                out.append(m.text);
            return out;
        };
        QCOMPARE(texts(u"爬山"_s), (QStringList{u"爬山"_s, u"周末去香山爬山吧"_s})); // newest first
        QCOMPARE(texts(u"山"_s).size(), 3);
        QCOMPARE(texts(u"香山爬"_s), QStringList{u"周末去香山爬山吧"_s});
        QCOMPARE(texts(u"山爬香"_s), QStringList());                              // its pairs are there, not the phrase
        QCOMPARE(texts(u"HIK"_s), QStringList{u"Let's go hiking on Saturday"_s}); // any case, by prefix
        QCOMPARE(texts(u"saturday hiking"_s), QStringList());                     // the words must be in order
        QCOMPARE(texts(u"50%"_s), QStringList{u"50% off, a_b\\c"_s});
        QCOMPARE(texts(u"\"*"_s), QStringList()); // query syntax is not passed through
        // A recalled message leaves the index.
        ChangeSet recalled;
        QVERIFY(m_repo->markRecalled(13, 1700000009000, recalled));
        QCOMPARE(recalled.updated.size(), 1);
        QCOMPARE(texts(u"爬山"_s), QStringList{u"周末去香山爬山吧"_s});
        // My own message is found too.
        QVERIFY(m_repo->addOutgoing(ConversationKey::withUser(u"bob"_s), uuid('9'), u"我也想去爬山"_s, 1700000010000));
        QCOMPARE(texts(u"爬山"_s).first(), u"我也想去爬山"_s);
    }
};

QTEST_GUILESS_MAIN(TestLocalCache)
#include "tst_localcache.moc"
