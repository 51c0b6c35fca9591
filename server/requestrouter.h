#pragma once

#include "protocol/frame.h"
#include "server/requestcontext.h"

namespace parley::server {

class AuthService;
class DeviceService;
class FriendService;
class GroupService;
class HistoryService;
class MessageService;
class ProfileService;
class RecallService;
class ReceiptService;

// The services a router dispatches to; all outlive it.
struct Services {
    AuthService *auth = nullptr;
    MessageService *messages = nullptr;
    ReceiptService *receipts = nullptr;
    RecallService *recalls = nullptr;
    HistoryService *history = nullptr;
    DeviceService *devices = nullptr;
    ProfileService *profiles = nullptr;
    FriendService *friends = nullptr;
    GroupService *groups = nullptr;
};

// Turns a PUBLISH into a service call by sub-signal. Sub-signals of the schema that this version does
// not serve are answered ERR_NOT_IMPLEMENTED; values outside the schema ERR_UNKNOWN_SUB_SIGNAL; a payload
// that does not parse ERR_MALFORMED_REQUEST. Every request gets exactly one reply.
class RequestRouter {
public:
    explicit RequestRouter(Services services) : m_services(services) {}

    // Requests a link may make before its CONNECT is accepted.
    static bool allowedBeforeConnect(SubSignal subSignal);

    void dispatch(const RequestContext &context, const Frame &frame, Reply reply) const;

private:
    // People and groups; false if the sub-signal is not one of theirs.
    bool dispatchSocial(const RequestContext &context, const Frame &frame, Reply &reply) const;

    Services m_services;
};

} // namespace parley::server
