#pragma once

#include "common/sqlstatements.h"
#include "protocol/result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <vector>

class QThread;

namespace parley {

// The local cache file of one account: SQLite in WAL mode with full durability (the outbox and the
// sync position must survive a power cut), migrated on open. A file that cannot be opened, or that the
// background integrity check found damaged in an earlier run, is moved aside and a fresh cache is
// created; the server has everything that was sent or received. Used on the thread that opened it (the
// engine thread) only; asserted in debug builds.
class LocalDatabase {
public:
    LocalDatabase();
    ~LocalDatabase();
    LocalDatabase(const LocalDatabase &) = delete;
    LocalDatabase &operator=(const LocalDatabase &) = delete;

    Result<Done> open(const QString &path);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase &db()
    {
        assertOwnerThread();
        return m_db;
    }
    // Runs `work` in a transaction: committed if it returns true and every beforeCommit step succeeds, rolled
    // back otherwise. A call inside another one joins it (SQLite has no nested transactions): the inner work
    // commits nothing by itself, and if it fails the whole outer transaction is rolled back, whatever the
    // outer work returns — so nobody commits half of a failed step.
    bool inTransaction(const std::function<bool()> &work);
    bool isInTransaction() const { return m_depth > 0; }
    // Inside a transaction: `step` runs just before the outermost COMMIT (false rolls everything back). For
    // work gathered per batch, such as the newest activity per conversation.
    void beforeCommit(std::function<bool()> step);
    // Inside a transaction: `undo` runs if it is rolled back. For caches of what the transaction wrote.
    void onRollback(std::function<void()> undo);
    // Debug builds: the calling thread is the one that opened the file.
    void assertOwnerThread() const;
    // Runs the statement `clear`, then `put` for each item, in one transaction: all or nothing.
    template <typename T, typename Put>
    bool replaceAll(SqlStatements &sql, const char *clear, const QList<T> &items, Put put)
    {
        sql.clearFailure();
        return inTransaction([&] {
            if (!sql.exec(clear))
                return false;
            for (const T &item : items) {
                if (!put(item))
                    return false;
            }
            return !sql.failed();
        });
    }
    QString path() const { return m_path; }
    // The file a corrupt cache was moved to, if that happened on open.
    QString movedAsidePath() const { return m_movedAside; }

    // Reads the whole file for damage on a pool thread, with its own connection; a damaged file is
    // marked and replaced at the next open. Not at open: a big cache would hold up the window.
    void checkInBackground() const;
    // The mark the check leaves beside a damaged file.
    static QString damageMarkPath(const QString &path);

private:
    Result<Done> openFile();

    QString m_connectionName;
    QString m_path;
    QString m_movedAside;
    QSqlDatabase m_db;
    const QThread *m_ownerThread = nullptr;
    int m_depth = 0;             // nesting of inTransaction calls
    bool m_rollbackOnly = false; // an inner transaction failed
    std::vector<std::function<bool()>> m_beforeCommit;
    std::vector<std::function<void()>> m_onRollback;
};

} // namespace parley
