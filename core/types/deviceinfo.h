#pragma once

#include <QMetaType>
#include <QString>

namespace parley {

// A device logged in to the account (settings: devices).
struct DeviceInfo {
    QString deviceId;
    QString platform;
    QString name;
    qint64 loggedInAtMs = 0;
    qint64 lastSeenAtMs = 0;
    bool online = false;
    bool current = false; // this device
};

} // namespace parley

Q_DECLARE_METATYPE(parley::DeviceInfo)
