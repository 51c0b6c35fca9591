#include "core/api/devicesapi.h"

#include "core/account.h"
#include "core/api/featureapi_p.h"
#include "core/people/deviceactivity.h"

namespace parley {

void DevicesApi::attach(Account &account)
{
    connect(&account.deviceActivity(), &DeviceActivity::othersActiveChanged, this, [this](bool active) {
        m_otherActive = active;
        Q_EMIT otherDeviceActiveChanged(active);
    });
}

void DevicesApi::reset()
{
    if (m_otherActive) {
        m_otherActive = false;
        Q_EMIT otherDeviceActiveChanged(false);
    }
}

void DevicesApi::setActive(bool active)
{
    onAccount<Done>([active](Account &a, Promise<Done> p) {
        a.deviceActivity().setActive(active);
        p.resolve(Done{});
    });
}

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
