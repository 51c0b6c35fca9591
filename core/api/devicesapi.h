#pragma once

#include "core/api/featureapi.h"
#include "core/types/deviceinfo.h"

#include <QList>

namespace parley {

// The devices logged in to my account, and logging others out. GUI thread.
class DevicesApi : public FeatureApi {
    Q_OBJECT

public:
    DevicesApi(Engine *engine, QObject *parent) : FeatureApi(engine, parent) {}

    void attach(Account &) override {}

    Answer<QList<DeviceInfo>> list();
    // One other device (it is disconnected and must log in again).
    Answer<Done> revoke(const QString &deviceId);
    // Every device but this one.
    Answer<Done> revokeOthers();
};

} // namespace parley
