#include "server/storage/storeexecutor.h"

#include "server/logging.h"
#include "server/ops/metrics.h"

#include <QSet>

#include <pthread.h>

#include <algorithm>

namespace parley::server {

using namespace Qt::StringLiterals;

StoreExecutor::StoreExecutor(StoreFactory factory, const char *threadName)
    : m_factory(std::move(factory)), m_threadName(threadName)
{
}

StoreExecutor::~StoreExecutor()
{
    stop();
}

Result<Done> StoreExecutor::start()
{
    m_thread = std::thread([this] { threadMain(); });
    std::unique_lock lock(m_mutex);
    m_opened.wait(lock, [this] { return m_openResult.has_value(); });
    const Result<Done> result = *m_openResult;
    lock.unlock();
    if (!result)
        m_thread.join();
    return result;
}

void StoreExecutor::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void StoreExecutor::submit(std::unique_ptr<StoreJob> job)
{
    std::unique_lock lock(m_mutex);
    if (m_stopping || !m_store) {
        lock.unlock();
        job->failed(Error(ErrorCode::Unavailable, u"the server is shutting down"_s));
        return;
    }
    m_queue.push_back(std::move(job));
    if (m_metrics)
        m_metrics->storeQueueChanged(std::int64_t(m_queue.size()));
    lock.unlock();
    m_wake.notify_one();
}

void StoreExecutor::threadMain()
{
    pthread_setname_np(pthread_self(), m_threadName);
    Result<std::unique_ptr<IStore>> store = m_factory();
    {
        std::lock_guard lock(m_mutex);
        if (store) {
            m_store = std::move(store.value());
            m_openResult = Done{};
        } else {
            m_openResult = store.error();
        }
    }
    m_opened.notify_all();
    if (!m_store)
        return;

    std::vector<std::unique_ptr<StoreJob>> batch;
    batch.reserve(kMaxBatchJobs);
    QSet<qint64> lockKeys; // the batch's, each once
    const bool countLocks = m_store->takesLocks();
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                break; // stopping, and everything queued has run
            lockKeys.clear();
            while (!m_queue.empty() && batch.size() < kMaxBatchJobs) {
                if (countLocks) {
                    // Jobs of one conversation share its key: the limit counts the locks taken, each key once.
                    const QList<qint64> keys = m_queue.front()->lockKeys();
                    const auto isNew = [&lockKeys](qint64 key) { return !lockKeys.contains(key); };
                    if (!batch.empty() &&
                        lockKeys.size() + std::count_if(keys.cbegin(), keys.cend(), isNew) > kMaxBatchLockKeys)
                        break;
                    for (const qint64 key : keys)
                        lockKeys.insert(key);
                }
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            if (m_metrics) {
                m_metrics->storeQueueChanged(std::int64_t(m_queue.size()));
                m_metrics->storeBatchStarted();
            }
        }
        runBatch(batch, Extent::MayEndEarly);
        if (m_metrics)
            m_metrics->storeBatchEnded(batch.size());
        batch.clear();
    }
    std::unique_ptr<IStore> closing;
    {
        std::lock_guard lock(m_mutex);
        closing = std::move(m_store);
    }
    closing.reset(); // closes the connection on the thread that opened it
}

QList<qint64> StoreExecutor::lockKeysOf(const std::vector<std::unique_ptr<StoreJob>> &jobs)
{
    QList<qint64> keys;
    for (const auto &job : jobs)
        keys.append(job->lockKeys());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

void StoreExecutor::putBack(std::vector<std::unique_ptr<StoreJob>> &jobs, std::size_t from)
{
    const auto first = jobs.begin() + std::ptrdiff_t(from);
    {
        std::lock_guard lock(m_mutex);
        m_queue.insert(m_queue.begin(), std::make_move_iterator(first), std::make_move_iterator(jobs.end()));
        if (m_metrics)
            m_metrics->storeQueueChanged(std::int64_t(m_queue.size()));
    }
    jobs.erase(first, jobs.end());
}

void StoreExecutor::runBatch(std::vector<std::unique_ptr<StoreJob>> &jobs, Extent extent, int transientRetries)
{
    IStore &store = *m_store;
    store.clearFailure();
    if (store.beginTransaction()) {
        if (store.takesLocks())
            store.takeLocks(lockKeysOf(jobs));
        for (std::size_t i = 0; i < jobs.size() && !store.failed(); ++i) {
            jobs[i]->run(store);
            if (extent == Extent::MayEndEarly && i + 1 < jobs.size() &&
                store.pendingWrites() >= kMaxBatchPendingWrites) {
                putBack(jobs, i + 1);
                break;
            }
        }
        if (!store.failed() && store.commitTransaction()) {
            for (auto &job : jobs)
                job->committed();
            return;
        }
        const bool transient = store.failureIsTransient();
        store.rollbackTransaction();
        if (m_metrics)
            m_metrics->storeRolledBack();
        if (transient && transientRetries > 0) {
            qCInfo(lcStore) << "a batch of" << jobs.size() << "jobs lost a race with another writer; running it again";
            runBatch(jobs, Extent::Whole, transientRetries - 1);
            return;
        }
    }
    if (jobs.size() == 1) {
        qCWarning(lcStore) << "a storage job failed and was rolled back";
        jobs.front()->failed(Error(ErrorCode::Unavailable, u"storage failed; try again"_s));
        return;
    }
    // Isolate the failing job: run each half as a batch of its own, and so on down to the one that fails: about
    // two transactions per halving rather than one per job.
    qCWarning(lcStore) << "batch of" << jobs.size() << "jobs failed; running its halves apart";
    const auto middle = jobs.begin() + std::ptrdiff_t(jobs.size() / 2);
    std::vector<std::unique_ptr<StoreJob>> second(std::make_move_iterator(middle), std::make_move_iterator(jobs.end()));
    jobs.erase(middle, jobs.end());
    runBatch(jobs);
    runBatch(second);
    jobs.insert(jobs.end(), std::make_move_iterator(second.begin()), std::make_move_iterator(second.end()));
}

} // namespace parley::server
