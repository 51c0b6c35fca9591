#pragma once

#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "protocol/strictpayload.h"
#include "server/net/irequesthandler.h"
#include "server/routing/call.h"
#include "server/routing/outcome.h"

#include <array>
#include <functional>
#include <optional>

namespace parley::server {

class IClock;
class IStore;
class SessionRegistry;
class StoreExecutor;

// The route table: every request parleyd serves, each with its policy (before or after CONNECT, the budget
// it draws on), the thread its rule runs on, and one way to handle it — parse the payload (a payload that
// does not parse: ERR_MALFORMED_REQUEST), check its shape on the network thread (lengths, counts, enums),
// then run its rule, on the storage thread inside a batch's transaction for everything that reads or
// writes the store, and carry out the Outcome after the commit. Sub-signals of the schema without a route
// are answered ERR_NOT_IMPLEMENTED, values outside the schema ERR_UNKNOWN_SUB_SIGNAL. Every request gets
// exactly one reply. Routes are added while the server starts; after that the table is read-only and
// used from every network thread.
class RequestRouter final : public IRequestHandler {
public:
    enum class RunsOn { Storage, Network };

    template <typename Request>
    using Check = std::function<std::optional<Error>(const Request &)>;
    template <typename Request>
    using Rule = std::function<Outcome(IStore &, const Call &, const Request &)>;
    template <typename Request>
    using NetworkRule = std::function<Outcome(const Call &, const Request &)>;
    // The locks a request's job takes before its batch runs (StoreJob::lockKeys): those of the conversations
    // it writes to (ConversationLock).
    template <typename Request>
    using Locks = std::function<QList<qint64>(const AuthenticatedUser &, const Request &)>;

    RequestRouter(StoreExecutor &store, SessionRegistry &registry, const IClock &clock);

    // A request whose rule reads or writes the store.
    template <typename Request>
    void add(SubSignal subSignal, RequestPolicy policy, Rule<Request> rule, Check<Request> check = {},
             Locks<Request> locks = {})
    {
        addRoute(subSignal, policy, RunsOn::Storage,
                 [this, rule = std::move(rule), check = std::move(check),
                  locks = std::move(locks)](const RequestContext &context, const Frame &frame, Reply reply) {
                     std::optional<Request> request = parse<Request>(frame, check, reply);
                     if (!request)
                         return;
                     QList<qint64> keys = locks && context.user ? locks(*context.user, *request) : QList<qint64>();
                     runOnStorage(
                         context, std::move(reply),
                         [rule, request = std::move(*request)](IStore &store, const Call &call) {
                             return rule(store, call, request);
                         },
                         std::move(keys));
                 });
    }

    // A request answered by the network thread alone, without the store.
    template <typename Request>
    void addOnNetworkThread(SubSignal subSignal, RequestPolicy policy, NetworkRule<Request> rule,
                            Check<Request> check = {})
    {
        addRoute(subSignal, policy, RunsOn::Network,
                 [this, rule = std::move(rule), check = std::move(check)](const RequestContext &context,
                                                                          const Frame &frame, Reply reply) {
                     std::optional<Request> request = parse<Request>(frame, check, reply);
                     if (request)
                         finish(rule(callOf(context), *request), std::move(reply));
                 });
    }

    std::optional<RequestPolicy> policy(SubSignal subSignal) const override;
    std::optional<RunsOn> runsOn(SubSignal subSignal) const;
    void dispatch(const RequestContext &context, const Frame &frame, Reply reply) const override;

private:
    using Handle = std::function<void(const RequestContext &, const Frame &, Reply)>;
    struct Route {
        RequestPolicy policy;
        RunsOn runsOn = RunsOn::Storage;
        Handle handle;
    };

    void addRoute(SubSignal subSignal, RequestPolicy policy, RunsOn runsOn, Handle handle);
    const std::optional<Route> &route(SubSignal subSignal) const { return m_routes[quint8(subSignal)]; }
    Call callOf(const RequestContext &context) const;
    // The payload as Request if it parses and passes the check; otherwise the error is replied.
    template <typename Request>
    static std::optional<Request> parse(const Frame &frame, const Check<Request> &check, Reply &reply)
    {
        std::optional<Request> request = fromBytes<Request>(frame.payload);
        if (!request) {
            replyMalformed(frame, reply);
            return std::nullopt;
        }
        if (const std::optional<QString> undefined = StrictPayload::undefinedEnum(*request)) {
            reply(errorResult(ErrorCode::MalformedRequest, *undefined));
            return std::nullopt;
        }
        if (check) {
            if (const std::optional<Error> refused = check(*request)) {
                reply(errorResult(*refused));
                return std::nullopt;
            }
        }
        return request;
    }
    static void replyMalformed(const Frame &frame, Reply &reply);
    void runOnStorage(const RequestContext &context, Reply reply, std::function<Outcome(IStore &, const Call &)> rule,
                      QList<qint64> lockKeys = {}) const;
    // Replies (now or through replyLater), pushes, then runs afterCommit.
    void finish(Outcome outcome, Reply reply) const;

    StoreExecutor &m_store;
    SessionRegistry &m_registry;
    const IClock &m_clock;
    std::array<std::optional<Route>, 256> m_routes; // by sub-signal byte
};

} // namespace parley::server
