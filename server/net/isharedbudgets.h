#pragma once

#include "server/net/requestpolicy.h"

#include <QtGlobal>

#include <functional>

namespace parley::server {

// The budgets of RequestPolicy kept for a user by every node of a cluster together, so that spreading requests
// over links and nodes does not multiply them. Thread-safe; never waits.
class ISharedBudgets {
public:
    enum class Verdict {
        Allowed,
        Refused,
        Unknown, // not known in time (Redis away or slow): the asking link decides with its own budget
    };
    struct Answer {
        Verdict verdict = Verdict::Unknown;
        quint32 retryAfterS = 0; // when Refused
    };
    using Done = std::function<void(Answer)>;

    virtual ~ISharedBudgets() = default;

    // Takes one token of the user's `budget`. `done` is called once, on another thread, within a bounded time
    // (unless the node is stopping).
    virtual void take(RequestPolicy::Budget budget, qint64 userId, Done done) = 0;
};

} // namespace parley::server
