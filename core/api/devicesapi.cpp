#include "core/api/devicesapi.h"

#include "core/api/featureapi_p.h"

namespace parley {

Answer<QList<DeviceInfo>> DevicesApi::list()
{
    return onEngine<QList<DeviceInfo>>([](Engine &e, Promise<QList<DeviceInfo>> p) { e.listDevices(std::move(p)); });
}

Answer<Done> DevicesApi::revoke(const QString &deviceId)
{
    return onEngine<Done>([=](Engine &e, Promise<Done> p) { e.revokeDevice(deviceId, false, std::move(p)); });
}

Answer<Done> DevicesApi::revokeOthers()
{
    return onEngine<Done>([](Engine &e, Promise<Done> p) { e.revokeDevice({}, true, std::move(p)); });
}

} // namespace parley
