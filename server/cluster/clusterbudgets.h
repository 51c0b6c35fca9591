#pragma once

#include "server/cluster/redislink.h"
#include "server/net/isharedbudgets.h"

#include <QByteArray>
#include <QMap>

#include <functional>

class QObject;
class QTimer;

namespace parley::server {

// The per-user budgets of a cluster, kept in Redis: one token bucket per user and budget, taken by a Lua
// script so that the check and the take are one step for every node, on Redis's clock. Its own Redis
// connection, on ClusterBus's thread (asks are posted there). An answer that does not come within kAnswerMs
// is Unknown, and the asking link falls back on its own bucket; after such a wait, asks are answered Unknown
// at once for kStalledMs (or until Redis answers again), so a Redis that stalls delays a link's requests by
// kAnswerMs once, not each time. Redis away refuses nothing.
class ClusterBudgets final : public ISharedBudgets {
public:
    static constexpr int kAnswerMs = 500; // then Unknown
    static constexpr int kStalledMs = 5000;

    struct Rate {
        double perSecond = 0; // 0: unlimited (never asked)
        int burst = 0;
    };
    using Post = std::function<void(std::function<void()>)>; // runs work on the bus thread (or drops it when stopped)

    ClusterBudgets(Rate send, Rate lookup, Post post);
    ~ClusterBudgets() override;

    void take(RequestPolicy::Budget budget, qint64 userId, Done done) override;

    // On the bus thread.
    void open(const RedisLink::Address &redis, QObject *home);
    void close(); // what is unanswered is Unknown

    static QByteArray keyOf(RequestPolicy::Budget budget, qint64 userId);

private:
    void ask(RequestPolicy::Budget budget, qint64 userId, Done done);
    void answer(quint64 askId, Answer answer);
    void expire();

    const Rate m_send;
    const Rate m_lookup;
    const Post m_post;
    RedisLink *m_link = nullptr;
    QTimer *m_expiry = nullptr;
    struct Pending {
        Done done;
        qint64 askedAtMs = 0;
    };
    QMap<quint64, Pending> m_pending; // by ask, oldest first
    quint64 m_nextAsk = 1;
    qint64 m_stalledUntilMs = 0;
    qint64 m_refusals = 0;
};

} // namespace parley::server
