#pragma once

#include "parley.pb.h"
#include "server/requestcontext.h"

namespace parley::server {

class DeviceSessions;
class RequestRouter;
class SessionRegistry;

// DVL and DVR: the devices logged in to this account, and logging one (or all others) out from here. A
// revoked device loses its token at once and, if online, is disconnected with DISCONNECT_DEVICE_REVOKED.
class DeviceService {
public:
    DeviceService(const DeviceSessions &sessions, SessionRegistry &registry)
        : m_sessions(sessions), m_registry(registry)
    {
    }

    void addRoutes(RequestRouter &router);

private:
    const DeviceSessions &m_sessions;
    SessionRegistry &m_registry;
};

} // namespace parley::server
