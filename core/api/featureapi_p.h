#pragma once

#include "core/account.h"
#include "core/api/featureapi.h"
#include "core/engine.h"

namespace parley {

template <typename T, typename Work>
Answer<T> FeatureApi::onEngine(Work &&work)
{
    Promise<T> promise(this);
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, promise, work = std::forward<Work>(work)]() mutable { work(*engine, promise); },
        Qt::QueuedConnection);
    return promise.answer();
}

template <typename T, typename Work>
Answer<T> FeatureApi::onAccount(Work &&work)
{
    return onEngine<T>([work = std::forward<Work>(work)](Engine &engine, Promise<T> promise) mutable {
        if (Account *account = engine.account())
            work(*account, std::move(promise));
        else
            promise.resolve(Error(ErrorCode::LoggedOut, QStringLiteral("log in first")));
    });
}

} // namespace parley
