#include "core/storage/localdatabase.h"

#include "common/sqlitefile.h"
#include "core/logging.h"
#include "core/storage/clientschema.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QFile>
#include <QThread>
#include <QThreadPool>

#include <utility>

namespace parley {

using namespace Qt::StringLiterals;

namespace {
QAtomicInteger<int> g_connections;
}

LocalDatabase::LocalDatabase() : m_connectionName(u"parley-cache-%1"_s.arg(g_connections.fetchAndAddRelaxed(1)))
{
}

LocalDatabase::~LocalDatabase()
{
    close();
}

void LocalDatabase::close()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

Result<Done> LocalDatabase::openFile()
{
    close();
    if (QFile::exists(damageMarkPath(m_path)))
        return Error(ErrorCode::StorageFailure, u"%1 failed its integrity check"_s.arg(m_path));
    Result<QSqlDatabase> db = SqliteFile::open(m_connectionName, m_path, clientSchemaSteps(), SqliteFile::Check::Skip);
    if (!db) {
        close();
        return db.error();
    }
    m_db = db.value();
    m_ownerThread = QThread::currentThread();
    return Done{};
}

Result<Done> LocalDatabase::open(const QString &path)
{
    m_path = path;
    m_movedAside.clear();
    Result<Done> opened = openFile();
    if (opened || !QFile::exists(path))
        return opened;
    if (opened.error().code == ErrorCode::SchemaTooNew)
        return opened; // never touch a cache from a newer version
    // Unreadable: keep the file for inspection and start a fresh cache; sync refills it from the server.
    qCWarning(lcDb) << "the local cache is damaged (" << opened.error().message << "); starting a fresh one";
    close();
    m_movedAside = u"%1.damaged-%2"_s.arg(path).arg(QDateTime::currentMSecsSinceEpoch());
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::rename(path + suffix, m_movedAside + suffix);
    QFile::remove(damageMarkPath(path));
    return openFile();
}

QString LocalDatabase::damageMarkPath(const QString &path)
{
    return path + u".damaged"_s;
}

void LocalDatabase::checkInBackground() const
{
    // The global pool: the application waits for it on exit, so a check never outlives the process
    // half-way; it holds nothing of this object.
    QThreadPool::globalInstance()->start([path = m_path] {
        if (!SqliteFile::isDamaged(path))
            return;
        qCWarning(lcDb) << "the local cache failed its integrity check; a fresh one replaces it at the next start";
        QFile mark(damageMarkPath(path));
        if (!mark.open(QIODevice::WriteOnly))
            qCWarning(lcDb) << "cannot mark the damaged cache:" << mark.errorString();
    });
}

void LocalDatabase::assertOwnerThread() const
{
    Q_ASSERT_X(!m_ownerThread || QThread::currentThread() == m_ownerThread, "LocalDatabase",
               "the cache is used only by the thread that opened it");
}

bool LocalDatabase::inTransaction(const std::function<bool()> &work)
{
    assertOwnerThread();
    if (m_depth > 0) {
        ++m_depth;
        const bool ok = work();
        --m_depth;
        if (!ok)
            m_rollbackOnly = true;
        return ok;
    }
    if (!m_db.transaction())
        return false;
    m_depth = 1;
    m_rollbackOnly = false;
    bool ok = work() && !m_rollbackOnly;
    // A step may register more steps: they run too, still before the commit.
    while (ok && !m_beforeCommit.empty()) {
        for (const auto &step : std::exchange(m_beforeCommit, {}))
            ok = ok && step();
    }
    ok = ok && !m_rollbackOnly && m_db.commit();
    if (!ok)
        m_db.rollback();
    m_depth = 0;
    m_beforeCommit.clear();
    for (const auto &undo : std::exchange(m_onRollback, {})) {
        if (!ok)
            undo(); // outside the transaction: undo steps only forget what it wrote
    }
    return ok;
}

void LocalDatabase::beforeCommit(std::function<bool()> step)
{
    Q_ASSERT_X(m_depth > 0, "LocalDatabase::beforeCommit", "only inside a transaction");
    m_beforeCommit.push_back(std::move(step));
}

void LocalDatabase::onRollback(std::function<void()> undo)
{
    Q_ASSERT_X(m_depth > 0, "LocalDatabase::onRollback", "only inside a transaction");
    m_onRollback.push_back(std::move(undo));
}

} // namespace parley
