#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class QTimer;

namespace parley {

namespace v1 {
class ActivityNotice;
} // namespace v1

class Connection;

// Whether someone is using this device, told to my other devices (DA), and whether someone is using one of
// them (DAN): a device in use says so every limits::kActivityRepeatMs and is believed for kActivityValidMs, so
// one that vanishes without a word stops counting soon. Nothing is stored. Engine thread.
class DeviceActivity : public QObject {
    Q_OBJECT

public:
    explicit DeviceActivity(Connection &connection, QObject *parent = nullptr);

    void setActive(bool active);
    bool othersActive() const { return !m_others.isEmpty(); }

    void onOnline();
    void onOffline();
    void onPush(const v1::ActivityNotice &notice);

Q_SIGNALS:
    void othersActiveChanged(bool active);

private:
    void tell();  // this device's state, to the server
    void prune(); // forgets activity that was not repeated in time

    Connection &m_connection;
    bool m_active = false;
    QTimer *m_repeat = nullptr;      // while active: say it again
    QTimer *m_expiry = nullptr;      // the next end of another device's activity
    QHash<QString, qint64> m_others; // device id -> believed active until (ms)
};

} // namespace parley
