#pragma once

#include "server/storage/storejob.h"

#include <functional>
#include <optional>

namespace parley::server {

// A StoreJob from three functions: the work (returns R), what to do with R once committed, and what to
// do if the batch could not be committed; and the locks it takes (StoreJob::lockKeys).
template <typename R>
class FunctionJob final : public StoreJob {
public:
    FunctionJob(std::function<R(IStore &)> work, std::function<void(R)> onCommitted,
                std::function<void(const Error &)> onFailed, QList<qint64> lockKeys = {})
        : m_work(std::move(work)),
          m_onCommitted(std::move(onCommitted)),
          m_onFailed(std::move(onFailed)),
          m_lockKeys(std::move(lockKeys))
    {
    }

    void run(IStore &store) override { m_result.emplace(m_work(store)); }
    void committed() override
    {
        if (m_onCommitted && m_result)
            m_onCommitted(std::move(*m_result));
    }
    void failed(const Error &error) override
    {
        if (m_onFailed)
            m_onFailed(error);
    }
    QList<qint64> lockKeys() const override { return m_lockKeys; }

private:
    std::function<R(IStore &)> m_work;
    std::function<void(R)> m_onCommitted;
    std::function<void(const Error &)> m_onFailed;
    QList<qint64> m_lockKeys;
    std::optional<R> m_result;
};

} // namespace parley::server
