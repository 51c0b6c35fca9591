#include "server/routing/requestrouter.h"

#include "server/iclock.h"
#include "server/net/sessionregistry.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

using namespace Qt::StringLiterals;

RequestRouter::RequestRouter(StoreExecutor &store, SessionRegistry &registry, const IClock &clock)
    : m_store(store), m_registry(registry), m_clock(clock)
{
}

void RequestRouter::addRoute(SubSignal subSignal, RequestPolicy policy, RunsOn runsOn, Handle handle)
{
    Q_ASSERT_X(!route(subSignal), "RequestRouter::addRoute", "one route per sub-signal");
    m_routes[quint8(subSignal)] = Route{policy, runsOn, std::move(handle)};
}

std::optional<RequestPolicy> RequestRouter::policy(SubSignal subSignal) const
{
    const std::optional<Route> &r = route(subSignal);
    return r ? std::optional(r->policy) : std::nullopt;
}

std::optional<RequestRouter::RunsOn> RequestRouter::runsOn(SubSignal subSignal) const
{
    const std::optional<Route> &r = route(subSignal);
    return r ? std::optional(r->runsOn) : std::nullopt;
}

void RequestRouter::dispatch(const RequestContext &context, const Frame &frame, Reply reply) const
{
    if (const std::optional<Route> &r = route(frame.subSignal)) {
        r->handle(context, frame, std::move(reply));
        return;
    }
    if (isPushOnly(frame.subSignal))
        reply(errorResult(ErrorCode::MalformedRequest,
                          u"%1 is pushed by the server; it is not a request"_s.arg(subSignalName(frame.subSignal))));
    else if (isKnownSubSignal(frame.subSignal) && frame.subSignal != SubSignal::None)
        reply(errorResult(ErrorCode::NotImplemented,
                          u"%1 is not served by this server version"_s.arg(subSignalName(frame.subSignal))));
    else
        reply(errorResult(ErrorCode::UnknownSubSignal, u"unknown sub-signal %1"_s.arg(int(frame.subSignal))));
}

void RequestRouter::replyMalformed(const Frame &frame, Reply &reply)
{
    reply(errorResult(ErrorCode::MalformedRequest,
                      u"the payload is not a valid %1 request"_s.arg(subSignalName(frame.subSignal))));
}

Call RequestRouter::callOf(const RequestContext &context) const
{
    return Call{context.user, context.session, context.peerAddress, m_clock.nowMs()};
}

void RequestRouter::runOnStorage(const RequestContext &context, Reply reply,
                                 std::function<Outcome(IStore &, const Call &)> rule, QList<qint64> lockKeys) const
{
    m_store.submit<Outcome>(
        [this, call = callOf(context), rule = std::move(rule)](IStore &store) mutable {
            call.nowMs = m_clock.nowMs(); // the time the rule runs, not the time it was queued
            return rule(store, call);
        },
        [this, reply](Outcome outcome) { finish(std::move(outcome), reply); },
        [reply](const Error &error) { reply(errorResult(error)); }, std::move(lockKeys));
}

void RequestRouter::finish(Outcome outcome, Reply reply) const
{
    if (outcome.replyLater)
        outcome.replyLater(std::move(reply));
    else
        reply(std::move(outcome.result));
    pushDeliveries(m_registry, outcome.deliveries);
    if (outcome.afterCommit)
        outcome.afterCommit(m_registry);
}

} // namespace parley::server
