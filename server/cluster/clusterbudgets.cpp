#include "server/cluster/clusterbudgets.h"

#include "server/logging.h"
#include "server/net/ioworker.h"

#include <QTimer>

#include <hiredis/hiredis.h>

namespace parley::server {

namespace {

// KEYS[1]: the bucket; ARGV: tokens per millisecond, burst. A missing bucket is full; a bucket is dropped once
// it would be full again. Answers {1, 0} (taken) or {0, seconds until a token is there}.
constexpr char kTakeScript[] = R"lua(
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local kept = redis.call('HMGET', KEYS[1], 'at', 'tokens')
local tokens = burst
if kept[1] and kept[2] then
  tokens = math.min(burst, tonumber(kept[2]) + math.max(0, now - tonumber(kept[1])) * rate)
end
local taken = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
else
  wait = math.ceil((1 - tokens) / rate / 1000)
end
redis.call('HSET', KEYS[1], 'at', now, 'tokens', tostring(tokens))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1000)
return {taken, wait}
)lua";

} // namespace

ClusterBudgets::ClusterBudgets(Rate send, Rate lookup, Post post)
    : m_send(send), m_lookup(lookup), m_post(std::move(post))
{
}

ClusterBudgets::~ClusterBudgets() = default;

QByteArray ClusterBudgets::keyOf(RequestPolicy::Budget budget, qint64 userId)
{
    const QByteArray kind =
        budget == RequestPolicy::Budget::Send ? QByteArrayLiteral("send") : QByteArrayLiteral("lookup");
    return QByteArrayLiteral("parley:budget:") + kind + ':' + QByteArray::number(userId);
}

void ClusterBudgets::take(RequestPolicy::Budget budget, qint64 userId, Done done)
{
    m_post([this, budget, userId, done = std::move(done)]() mutable { ask(budget, userId, std::move(done)); });
}

void ClusterBudgets::open(const RedisLink::Address &redis, QObject *home)
{
    m_link = new RedisLink(redis, QStringLiteral("budgets"), home);
    m_expiry = new QTimer(home);
    m_expiry->setSingleShot(true);
    QObject::connect(m_expiry, &QTimer::timeout, home, [this] { expire(); });
    m_link->open();
}

void ClusterBudgets::close()
{
    delete m_link; // its unanswered commands are answered "failed" here, as Unknown
    m_link = nullptr;
    delete m_expiry;
    m_expiry = nullptr;
    const QMap<quint64, Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending)
        p.done(Answer{});
}

void ClusterBudgets::ask(RequestPolicy::Budget budget, qint64 userId, Done done)
{
    const Rate rate = budget == RequestPolicy::Budget::Send ? m_send : m_lookup;
    if (!m_link || !m_link->isReady() || rate.perSecond <= 0 || IoWorker::monotonicMs() < m_stalledUntilMs) {
        done(Answer{});
        return;
    }
    const quint64 id = m_nextAsk++;
    m_pending.insert(id, Pending{std::move(done), IoWorker::monotonicMs()});
    const bool sent = m_link->command(
        {QByteArrayLiteral("EVAL"), QByteArray(kTakeScript), QByteArrayLiteral("1"), keyOf(budget, userId),
         QByteArray::number(rate.perSecond / 1000.0, 'g', 17), QByteArray::number(rate.burst)},
        [this, id](const redisReply *reply) {
            if (reply)
                m_stalledUntilMs = 0; // answering again
            if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2 ||
                reply->element[0]->type != REDIS_REPLY_INTEGER || reply->element[1]->type != REDIS_REPLY_INTEGER) {
                if (reply && m_refusals++ % 1000 == 0) // said once per thousand
                    qCWarning(lcServer).noquote() << "Redis did not take a budget token:" << RedisLink::textOf(reply);
                answer(id, Answer{});
                return;
            }
            answer(id, reply->element[0]->integer == 1
                           ? Answer{Verdict::Allowed, 0}
                           : Answer{Verdict::Refused, quint32(std::max<long long>(1, reply->element[1]->integer))});
        });
    if (!sent) {
        answer(id, Answer{});
        return;
    }
    if (!m_expiry->isActive())
        m_expiry->start(kAnswerMs);
}

void ClusterBudgets::answer(quint64 askId, Answer answer)
{
    const auto it = m_pending.find(askId);
    if (it == m_pending.end())
        return; // too late: answered Unknown already
    const Done done = std::move(it->done);
    m_pending.erase(it);
    done(answer);
}

void ClusterBudgets::expire()
{
    const qint64 now = IoWorker::monotonicMs();
    while (!m_pending.isEmpty() && now - m_pending.first().askedAtMs >= kAnswerMs) {
        m_stalledUntilMs = now + kStalledMs;
        const Done done = std::move(m_pending.first().done);
        m_pending.erase(m_pending.begin());
        done(Answer{});
    }
    if (!m_pending.isEmpty())
        m_expiry->start(int(kAnswerMs - (now - m_pending.first().askedAtMs)));
}

} // namespace parley::server
