#pragma once

#include "core/api/featureapi.h"
#include "core/types/deviceinfo.h"

#include <QList>

namespace parley {

// The devices logged in to my account, logging others out, and whether someone is using one of them now (so
// that this one can stay quiet). GUI thread.
class DevicesApi : public FeatureApi {
    Q_OBJECT

public:
    DevicesApi(Engine *engine, QObject *parent) : FeatureApi(engine, parent) {}

    void attach(Account &account) override;
    void reset() override;

    // Someone is using this device (its window is in front and was touched lately), or stopped: my other
    // devices are told while online. An intent, not a request: nothing answers it.
    void setActive(bool active);
    // Someone is using another of my devices now (as far as this one knows: unknown while offline).
    bool otherDeviceActive() const { return m_otherActive; }

    Answer<QList<DeviceInfo>> list();
    // One other device (it is disconnected and must log in again).
    Answer<Done> revoke(const QString &deviceId);
    // Every device but this one.
    Answer<Done> revokeOthers();

Q_SIGNALS:
    void otherDeviceActiveChanged(bool active);

private:
    bool m_otherActive = false;
};

} // namespace parley
