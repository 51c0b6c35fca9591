#pragma once

#include "server/storage/storeexecutor.h"

#include <QList>

#include <atomic>
#include <chrono>
#include <semaphore>
#include <utility>

// How a StoreExecutor groups jobs into batches, seen from outside: Hold keeps the storage thread busy while jobs
// queue up behind it; sizes() submits jobs at once and gives the batches they ran in.
class BatchProbe {
public:
    static constexpr int kWaitSeconds = 20;

    // Holds the storage thread with a first job until release(): what is submitted meanwhile shares one batch.
    // Returns once the job runs, so nothing submitted after it can join its batch. (Jobs must be re-runnable — a
    // failed batch runs each of its jobs again — so it holds only once.)
    class Hold {
    public:
        explicit Hold(parley::server::StoreExecutor &executor)
        {
            executor.submit<parley::Done>(
                [this](parley::server::IStore &) {
                    if (!m_held.exchange(true)) {
                        m_running.release();
                        m_released.acquire();
                    }
                    return parley::Done{};
                },
                {}, {});
            if (!m_running.try_acquire_for(std::chrono::seconds(kWaitSeconds)))
                qFatal("the storage thread did not start the holding job");
        }
        void release() { m_released.release(); }

    private:
        std::binary_semaphore m_running{0};
        std::binary_semaphore m_released{0};
        std::atomic<bool> m_held = false;
    };

    // A job for sizes(): the locks it takes, and how many inbox items it appends to sizes()' `inboxUser`.
    struct Job {
        QList<qint64> lockKeys;
        int inboxItems = 0;
    };

    // Submits `jobs` at once behind a Hold and gives the sizes of the batches they ran in, in order. Each job
    // counts itself when it runs; at its commit it notes how many had run by then. Jobs of one batch all run
    // before any of them commits, so each batch gives one distinct count. For jobs that do not fail: a failed
    // batch runs its jobs again, in halves, which this does not tell apart (a failed job is counted as -1).
    static QList<int> sizes(parley::server::StoreExecutor &executor, const QList<Job> &jobs, qint64 inboxUser = 0,
                            qint64 nowMs = 0)
    {
        Hold hold(executor);
        std::atomic<int> runs = 0;
        // Written on the storage thread only (answers and failures run there), read after the last answer.
        QList<int> seenAtCommit;
        std::counting_semaphore<> finished(0);
        for (const Job &job : jobs)
            executor.submit<parley::Done>(
                [&runs, &job, inboxUser, nowMs](parley::server::IStore &store) {
                    ++runs;
                    for (int i = 0; i < job.inboxItems; ++i)
                        store.appendToInbox(inboxUser, {parley::server::InboxEntry::Progress, 0, "p"}, nowMs);
                    return parley::Done{};
                },
                [&](parley::Done) {
                    seenAtCommit.append(runs.load());
                    finished.release(); // last: this frame may be gone once it returns
                },
                [&](const parley::Error &) {
                    seenAtCommit.append(-1);
                    finished.release();
                },
                job.lockKeys);
        hold.release();
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            if (!finished.try_acquire_for(std::chrono::seconds(kWaitSeconds)))
                qFatal("a storage job did not finish"); // its closures refer to this frame
        }
        QList<int> sizes;
        int before = 0;
        for (const int seen : std::as_const(seenAtCommit)) {
            if (seen != before) {
                sizes.append(seen > 0 ? seen - before : seen);
                before = seen;
            }
        }
        return sizes;
    }
};
