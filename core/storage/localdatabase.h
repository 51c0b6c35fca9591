#pragma once

#include "common/sqlstatements.h"
#include "protocol/result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace parley {

// The local cache file of one account: SQLite in WAL mode with full durability (the outbox and the
// sync position must survive a power cut), migrated on open. A file that cannot be opened, or that the
// background integrity check found damaged in an earlier run, is moved aside and a fresh cache is
// created; the server has everything that was sent or received. Used on the engine thread only.
class LocalDatabase {
public:
    LocalDatabase();
    ~LocalDatabase();
    LocalDatabase(const LocalDatabase &) = delete;
    LocalDatabase &operator=(const LocalDatabase &) = delete;

    Result<Done> open(const QString &path);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase &db() { return m_db; }
    // Runs `work` in a transaction: committed if it returns true, rolled back otherwise.
    bool inTransaction(const std::function<bool()> &work);
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
};

} // namespace parley
