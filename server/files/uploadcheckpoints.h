#pragma once

#include "protocol/result.h"
#include "server/files/blobstore.h"

#include <QString>

#include <utility> // before Asio: its awaitable.hpp uses std::exchange

#include <boost/asio.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace parley::server {

class IClock;
class StoreExecutor;

// Uploads' checkpoints: the bytes a PATCH wrote are synced (on a thread of their own, while the transfer threads
// go on reading) and then their offset is committed (on the storage thread), so the offset the store holds,
// which HEAD tells, is always durable.
//
// Those in the middle of a body are started and awaited by the PATCH that writes (start, finished). The one
// after a PATCH's last bytes, when they are not the file's last, runs behind the answer (settleBehind): the
// sender's next request is on its way while the disk catches up, and whatever reads or writes that upload
// next (HEAD, PATCH, DELETE, on any connection) first waits in settled(). Any thread.
class UploadCheckpoints {
public:
    // Once started it runs by itself; its result arrives on the executor given to start(), whose coroutine
    // awaits it with finished().
    struct Checkpoint {
        quint64 offset = 0;
        std::optional<Result<Done>> result;
        std::function<void(Result<Done>)> waiter;
    };

    UploadCheckpoints(StoreExecutor &store, const IClock &clock);
    ~UploadCheckpoints();
    UploadCheckpoints(const UploadCheckpoints &) = delete;
    UploadCheckpoints &operator=(const UploadCheckpoints &) = delete;

    template <typename Executor>
    std::shared_ptr<Checkpoint> start(const Executor &executor, const BlobStore::Writer &writer, const QString &id,
                                      quint64 offset)
    {
        auto pending = std::make_shared<Checkpoint>();
        pending->offset = offset;
        remember(pending);
        run(writer, id, offset, [executor, pending](Result<Done> result) {
            boost::asio::post(executor, [pending, result = std::move(result)]() mutable {
                if (pending->waiter)
                    std::exchange(pending->waiter, {})(std::move(result));
                else
                    pending->result = std::move(result);
            });
        });
        return pending;
    }

    // Awaits a checkpoint started on the awaiting coroutine's executor.
    static auto finished(const std::shared_ptr<Checkpoint> &pending)
    {
        return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(Result<Done>)>(
            [](auto handler, std::shared_ptr<Checkpoint> pending) {
                auto shared = std::make_shared<decltype(handler)>(std::move(handler));
                if (pending->result) {
                    auto executor = boost::asio::get_associated_executor(*shared);
                    boost::asio::post(executor,
                                      [shared, result = *pending->result]() mutable { (*shared)(std::move(result)); });
                } else {
                    pending->waiter = [shared](Result<Done> result) { (*shared)(std::move(result)); };
                }
            },
            boost::asio::use_awaitable, pending);
    }

    // The checkpoint of a PATCH's last bytes, run behind its answer. One at a time per upload: requests for an
    // upload are one at a time, and each first waits for the last one's to settle. If it fails, the store keeps
    // the last durable offset, and the sender's next PATCH is told that one (409).
    void settleBehind(const BlobStore::Writer &writer, const QString &id, quint64 offset);

    // Resumes once no checkpoint of upload `id` runs behind an answer.
    auto settled(const QString &id)
    {
        return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
            [this](auto handler, QString id) {
                auto executor = boost::asio::get_associated_executor(handler);
                auto shared = std::make_shared<decltype(handler)>(std::move(handler));
                whenSettled(id, [executor, shared] { boost::asio::post(executor, [shared] { (*shared)(); }); });
            },
            boost::asio::use_awaitable, id);
    }

    // Joins the syncing thread (what it had not run yet is dropped) and lets go of whatever still waits: once the
    // transfer threads are joined nobody will resume it.
    void stop();

private:
    void remember(const std::shared_ptr<Checkpoint> &pending);
    // The sync on the syncing thread, then the commit on the storage thread; `deliver` is called with the
    // result on whichever ran last.
    void run(const BlobStore::Writer &writer, const QString &id, quint64 offset,
             std::function<void(Result<Done>)> deliver);
    void whenSettled(const QString &id, std::function<void()> resume);

    StoreExecutor &m_store;
    const IClock &m_clock;
    boost::asio::thread_pool m_syncing{1};
    std::mutex m_mutex;
    // Each awaited checkpoint and its waiting coroutine hold each other until its result arrives; stop() breaks
    // those that never will (their sync dropped from the queue, or the answer with the io_context).
    std::vector<std::weak_ptr<Checkpoint>> m_awaited;
    std::map<QString, std::vector<std::function<void()>>> m_settling; // by upload: who waits for it to settle
};

} // namespace parley::server
