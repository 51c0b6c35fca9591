#pragma once

#include "protocol/result.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace parley {

template <typename T>
class Promise;

namespace detail {

// What one request's answer is, and who waits for it. Touched on the home thread only.
template <typename T>
struct AnswerState {
    std::optional<Result<T>> result;
    std::vector<std::pair<QPointer<QObject>, std::function<void(const Result<T> &)>>> handlers;

    void deliver(Result<T> answer)
    {
        result = std::move(answer);
        for (auto &[context, handler] : std::exchange(handlers, {})) {
            if (context)
                handler(*result);
        }
    }
};

} // namespace detail

// The answer to one request made through the client's API: that request's own result or typed error,
// delivered on the thread that made it (the home thread: the GUI thread in the app), never a broadcast to
// filter. Like QXmppTask or tdesktop's request().done().fail(). A cheap handle: copies see the same answer.
// Home thread only.
template <typename T>
class Answer {
public:
    // Calls handler(const Result<T> &) once the answer is there (at once if it already is), unless `context`
    // has been destroyed by then. Register before returning to the event loop; several handlers may wait.
    template <typename F>
    const Answer &then(QObject *context, F &&handler) const
    {
        Q_ASSERT(context);
        if (m_state->result) {
            handler(*m_state->result);
            return *this;
        }
        m_state->handlers.emplace_back(context, std::forward<F>(handler));
        return *this;
    }

    bool isReady() const { return m_state->result.has_value(); }
    // The answer, once ready.
    const Result<T> &result() const
    {
        Q_ASSERT(isReady());
        return *m_state->result;
    }

private:
    friend class Promise<T>;
    explicit Answer(std::shared_ptr<detail::AnswerState<T>> state) : m_state(std::move(state)) {}

    std::shared_ptr<detail::AnswerState<T>> m_state;
};

// The side that answers one request. Made on the home thread together with its Answer, resolved from any
// thread — the first resolve counts, later ones are ignored. If the last copy goes away unresolved (the
// account closed, the engine stopped before the reply came), the answer is ErrorCode::Cancelled, so every
// request gets exactly one answer. The answer always arrives queued, through the home object's event loop;
// `home` must outlive every promise made with it (Client stops the engine before its API objects go).
template <typename T>
class Promise {
public:
    explicit Promise(QObject *home) : m_core(std::make_shared<Core>(home)) {}

    Answer<T> answer() const { return Answer<T>(m_core->state); }
    void resolve(Result<T> result) const { m_core->post(std::move(result)); }
    // Resolves with the value, or with the error of `result` (for results of another type).
    template <typename U>
    void fail(const Result<U> &result) const
    {
        Q_ASSERT(!result);
        resolve(result.error());
    }

private:
    struct Core {
        explicit Core(QObject *h) : home(h), state(std::make_shared<detail::AnswerState<T>>()) {}
        ~Core()
        {
            if (!resolved.load())
                post(Error(ErrorCode::Cancelled, QStringLiteral("the request ended before it was answered")));
        }
        Core(const Core &) = delete;
        Core &operator=(const Core &) = delete;

        void post(Result<T> result)
        {
            if (resolved.exchange(true))
                return;
            QMetaObject::invokeMethod(
                home, [state = state, result = std::move(result)]() mutable { state->deliver(std::move(result)); },
                Qt::QueuedConnection);
        }

        QObject *home;
        std::shared_ptr<detail::AnswerState<T>> state;
        std::atomic<bool> resolved{false};
    };

    std::shared_ptr<Core> m_core;
};

} // namespace parley
