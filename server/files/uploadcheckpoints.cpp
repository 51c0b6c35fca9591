#include "server/files/uploadcheckpoints.h"

#include "server/iclock.h"
#include "server/logging.h"
#include "server/storage/istore.h"
#include "server/storage/storeexecutor.h"

#include <algorithm>
#include <cassert>
#include <pthread.h>

namespace parley::server {

UploadCheckpoints::UploadCheckpoints(StoreExecutor &store, const IClock &clock) : m_store(store), m_clock(clock)
{
    boost::asio::post(m_syncing, [] { pthread_setname_np(pthread_self(), "parleyd-sync"); });
}

UploadCheckpoints::~UploadCheckpoints()
{
    stop();
}

void UploadCheckpoints::remember(const std::shared_ptr<Checkpoint> &pending)
{
    const std::lock_guard guard(m_mutex);
    std::erase_if(m_awaited, [](const std::weak_ptr<Checkpoint> &c) { return c.expired(); });
    m_awaited.push_back(pending);
}

void UploadCheckpoints::run(const BlobStore::Writer &writer, const QString &id, quint64 offset,
                            std::function<void(Result<Done>)> deliver)
{
    boost::asio::post(m_syncing, [this, sync = writer.syncLater(), deliver = std::move(deliver), id, offset] {
        if (Result<Done> synced = sync(); !synced)
            return deliver(std::move(synced));
        m_store.submit<Result<Done>>(
            [&clock = m_clock, id, offset](IStore &s) -> Result<Done> {
                s.files().setUploadOffset(id, offset, clock.nowMs());
                return Done{};
            },
            deliver, [deliver](const Error &error) { deliver(Result<Done>(error)); });
    });
}

void UploadCheckpoints::settleBehind(const BlobStore::Writer &writer, const QString &id, quint64 offset)
{
    {
        const std::lock_guard guard(m_mutex);
        [[maybe_unused]] const bool fresh = m_settling.try_emplace(id).second;
        assert(fresh && "an upload's next request waits for its last checkpoint to settle");
    }
    run(writer, id, offset, [this, id](const Result<Done> &result) {
        if (!result)
            qCWarning(lcFiles) << "an upload's checkpoint failed:" << result.error().message;
        std::vector<std::function<void()>> waiters;
        {
            const std::lock_guard guard(m_mutex);
            const auto it = m_settling.find(id);
            if (it == m_settling.end()) // stopped
                return;
            waiters = std::move(it->second);
            m_settling.erase(it);
        }
        for (const std::function<void()> &resume : waiters)
            resume();
    });
}

void UploadCheckpoints::whenSettled(const QString &id, std::function<void()> resume)
{
    {
        const std::lock_guard guard(m_mutex);
        if (const auto it = m_settling.find(id); it != m_settling.end()) {
            it->second.push_back(std::move(resume));
            return;
        }
    }
    resume();
}

void UploadCheckpoints::stop()
{
    m_syncing.stop();
    m_syncing.join();
    const std::lock_guard guard(m_mutex);
    for (const std::weak_ptr<Checkpoint> &c : std::exchange(m_awaited, {})) {
        if (const std::shared_ptr<Checkpoint> pending = c.lock())
            pending->waiter = {};
    }
    m_settling.clear();
}

} // namespace parley::server
