#pragma once

#include <QObject>

class QTimer;

namespace parley {

class Client;

// Whether someone is using Parley on this computer: the application is in front and a key, a click or the
// wheel came lately. Tells DevicesApi::setActive when that changes, so my other devices can stay quiet. GUI
// thread.
class ActivityWatcher : public QObject {
    Q_OBJECT

public:
    static constexpr int kIdleMs = 60 * 1000;  // no input for this long: nobody is here
    static constexpr int kCheckMs = 10 * 1000; // how often idleness is looked for

    explicit ActivityWatcher(Client &client, QObject *parent = nullptr);
    ~ActivityWatcher() override;

    bool isActive() const { return m_active; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();

    Client &m_client;
    QTimer *m_check;
    qint64 m_lastInputMs = 0;
    bool m_active = false;
};

} // namespace parley
