#pragma once

#include "parley.pb.h"
#include "server/requestcontext.h"

namespace parley::server {

class DeviceSessions;
class StoreExecutor;
class SessionRegistry;

// DVL and DVR: the devices logged in to this account, and logging one (or all others) out from here. A
// revoked device loses its token at once and, if online, is disconnected with DISCONNECT_DEVICE_REVOKED.
class DeviceService {
public:
    DeviceService(const DeviceSessions &sessions, StoreExecutor &store, SessionRegistry &registry)
        : m_sessions(sessions), m_store(store), m_registry(registry)
    {
    }

    void list(const RequestContext &context, Reply reply);
    void revoke(const RequestContext &context, const v1::RevokeDeviceRequest &request, Reply reply);

private:
    const DeviceSessions &m_sessions;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
};

} // namespace parley::server
