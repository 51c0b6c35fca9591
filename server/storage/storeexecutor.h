#pragma once

#include "protocol/result.h"
#include "server/storage/functionjob.h"
#include "server/storage/istore.h"
#include "server/storage/storejob.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace parley::server {

class Metrics;

// The storage thread. Owns the IStore (created on the thread, since a QtSql connection belongs to the
// thread that opened it) and runs submitted jobs in batches, one transaction per batch (group commit):
// under load many messages share one fsync, and nothing is acknowledged before its commit.
// If a batch fails, it is rolled back and its halves are run apart, down to single jobs, so one bad job
// fails alone; one that lost a race with another node's transaction (a deadlock PostgreSQL broke) first
// runs again whole. Before running any job, a batch takes its jobs' locks (StoreJob::lockKeys) in ascending
// order. submit() is thread-safe; jobs of one submitter run in submission order.
class StoreExecutor {
public:
    using StoreFactory = std::function<Result<std::unique_ptr<IStore>>()>;

    // Under load a batch takes what has queued up to this many jobs: each batch writes the pages its messages
    // touch (each sender's, conversation's and recipient's newest index leaf) once, so fewer, larger batches
    // write fewer pages per message (docs/BENCHMARKS.md, 2026-12-05). Under light load a batch is whatever is
    // queued, often one job.
    static constexpr size_t kMaxBatchJobs = 4096;
    // Where the store takes locks (IStore::takesLocks), a batch's jobs take at most this many distinct locks in
    // all (StoreJob::lockKeys; the first job whatever it has): PostgreSQL's lock table is shared by every
    // connection (max_locks_per_transaction x max_connections).
    static constexpr qsizetype kMaxBatchLockKeys = 1000;
    // A batch whose jobs so far leave this many rows to write at the commit (IStore::pendingWrites) runs no
    // more of them; the rest go back to the head of the queue. 4,096 one-to-one messages leave about 8,000;
    // forty messages to a group of 500 leave 20,000, a fifth of a second's work here.
    static constexpr std::size_t kMaxBatchPendingWrites = 20000;
    // A batch that lost a race with another node's transaction (StoreExecutor::runBatch) runs again as it was
    // this many times before its halves are tried apart.
    static constexpr int kTransientRetries = 5;

    // `threadName` (at most 15 characters, a string literal) is what `top -H` shows for the thread.
    explicit StoreExecutor(StoreFactory factory, const char *threadName = "parleyd-store");
    ~StoreExecutor();
    StoreExecutor(const StoreExecutor &) = delete;
    StoreExecutor &operator=(const StoreExecutor &) = delete;

    // Counts batches, their time and the queue for the operator; before start().
    void setMetrics(Metrics *metrics) { m_metrics = metrics; }
    // Starts the thread and opens the store; returns when it is open or has failed to open.
    Result<Done> start();
    // Runs what is queued, closes the store and joins the thread.
    void stop();

    void submit(std::unique_ptr<StoreJob> job);

    template <typename R>
    void submit(std::function<R(IStore &)> work, std::function<void(R)> onCommitted,
                std::function<void(const Error &)> onFailed, QList<qint64> lockKeys = {})
    {
        submit(std::make_unique<FunctionJob<R>>(std::move(work), std::move(onCommitted), std::move(onFailed),
                                                std::move(lockKeys)));
    }

private:
    void threadMain();
    // MayEndEarly: the batch may stop after a job that took it past kMaxBatchPendingWrites, putting back the
    // jobs it has not run. A batch run again (a lost race, or a half of a failed one) runs whole.
    enum class Extent : std::uint8_t { MayEndEarly, Whole };
    void runBatch(std::vector<std::unique_ptr<StoreJob>> &jobs, Extent extent = Extent::Whole,
                  int transientRetries = kTransientRetries);
    // Moves jobs[from..] back to the head of the queue, in their order.
    void putBack(std::vector<std::unique_ptr<StoreJob>> &jobs, std::size_t from);
    // The jobs' lock keys, each once, ascending.
    static QList<qint64> lockKeysOf(const std::vector<std::unique_ptr<StoreJob>> &jobs);

    StoreFactory m_factory;
    std::unique_ptr<IStore> m_store;
    const char *m_threadName;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_opened;
    std::deque<std::unique_ptr<StoreJob>> m_queue;
    bool m_stopping = false;
    std::optional<Result<Done>> m_openResult;
    Metrics *m_metrics = nullptr;
};

} // namespace parley::server
