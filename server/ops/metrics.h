#pragma once

#include "protocol/signaltypes.h"
#include "server/steadyclock.h"

#include <QByteArray>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace parley::server {

class TransferPacer;

// What parleyd counts for its operator, written out in the Prometheus text format at /metrics (OpsServer).
// Every value is an atomic written by whichever thread sees the event — network threads, the storage thread,
// the transfer threads — without a lock; a scrape reads each value once, so values taken together may be a
// few events apart. One per Server; docs/DEPLOYMENT.md lists the names.
class Metrics {
public:
    enum class Transport : std::uint8_t { Tls, Ws, Wss };
    enum class Direction : std::uint8_t { Upload, Download };
    static constexpr int kTransports = 3;
    static constexpr int kErrorCodes = 1000; // every v1::ErrorCode is below this
    static constexpr int kSubSignals = 256;
    // Upper bounds, in seconds, of the store batch histogram's buckets (+Inf follows).
    static constexpr std::array<double, 10> kBatchBucketsS{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                           0.025,  0.05,  0.1,    0.25,  1.0};

    // Network threads.
    void linkOpened(Transport transport);
    void linkClosed(Transport transport);
    void loginAnswered(bool accepted);
    void sessionEnded(); // an authenticated one
    void requestAnswered(SubSignal subSignal, int errorCode);
    void pushed() { m_pushes.fetch_add(1, std::memory_order_relaxed); }
    // A network thread's bytes waiting to be written, all its links together, as of its last sweep: the
    // change since its previous report.
    void writeBacklogChanged(std::int64_t deltaBytes)
    {
        m_writeBacklog.fetch_add(deltaBytes, std::memory_order_relaxed);
    }

    // The storage thread.
    void storeQueueChanged(std::int64_t depth) { m_storeQueue.store(depth, std::memory_order_relaxed); }
    void storeBatchStarted() { m_batchStartedUs.store(steadyNowUs(), std::memory_order_relaxed); }
    void storeBatchEnded(std::size_t jobs);
    void storeRolledBack() { m_batchesFailed.fetch_add(1, std::memory_order_relaxed); }

    // Transfer threads.
    void transferStarted(Direction direction);
    void transferEnded(Direction direction);
    void transferred(Direction direction, std::uint64_t bytes);
    void uploadCompleted() { m_uploadsCompleted.fetch_add(1, std::memory_order_relaxed); }
    // The files port's pacer, whose pace and quiet level each scrape asks for (none without a files port).
    // Set before any scrape, from the thread that starts the server.
    void setTransferPacer(TransferPacer *pacer) { m_pacer = pacer; }

    // How long the storage thread has been running its current batch; 0 when it is idle.
    std::int64_t storeBatchRunningMs() const;
    std::int64_t storeQueueDepth() const { return m_storeQueue.load(std::memory_order_relaxed); }

    // Everything, in the Prometheus text exposition format (version 0.0.4). `version`: parleyd's.
    QByteArray exposition(const QByteArray &version) const;

private:
    using Counter = std::atomic<std::uint64_t>;
    using Gauge = std::atomic<std::int64_t>;

    static int index(Transport t) { return int(t); }
    static int index(Direction d) { return int(d); }

    std::array<Gauge, kTransports> m_links{};
    std::array<Counter, kTransports> m_linksAccepted{};
    Gauge m_sessions{0};
    Counter m_loginsAccepted{0};
    Counter m_loginsRefused{0};
    std::array<Counter, kSubSignals> m_requests{};
    std::array<Counter, kErrorCodes> m_errors{};
    Counter m_messagesAccepted{0};
    Counter m_pushes{0};
    Gauge m_writeBacklog{0};

    Gauge m_storeQueue{0};
    Gauge m_batchStartedUs{0};                                   // steadyNowUs(); 0: idle
    std::array<Counter, kBatchBucketsS.size()> m_batchBuckets{}; // not cumulative: each batch counts in one
    Counter m_batches{0};
    Counter m_batchesFailed{0};
    Counter m_batchJobs{0};
    std::atomic<double> m_batchSeconds{0};

    std::array<Gauge, 2> m_transfers{};
    std::array<Counter, 2> m_transferBytes{};
    Counter m_uploadsCompleted{0};
    TransferPacer *m_pacer = nullptr;
};

} // namespace parley::server
