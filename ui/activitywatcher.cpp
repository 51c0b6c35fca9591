#include "ui/activitywatcher.h"

#include "core/client.h"

#include <QDateTime>
#include <QEvent>
#include <QGuiApplication>
#include <QTimer>

namespace parley {

ActivityWatcher::ActivityWatcher(Client &client, QObject *parent)
    : QObject(parent), m_client(client), m_check(new QTimer(this))
{
    m_lastInputMs = QDateTime::currentMSecsSinceEpoch(); // opening the app counts
    qApp->installEventFilter(this);
    connect(qApp, &QGuiApplication::applicationStateChanged, this, &ActivityWatcher::update);
    m_check->setInterval(kCheckMs);
    connect(m_check, &QTimer::timeout, this, &ActivityWatcher::update);
    m_check->start();
    update();
}

ActivityWatcher::~ActivityWatcher()
{
    if (m_active)
        m_client.devices().setActive(false);
}

bool ActivityWatcher::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        m_lastInputMs = QDateTime::currentMSecsSinceEpoch();
        if (!m_active)
            update();
        break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

void ActivityWatcher::update()
{
    const bool active = QGuiApplication::applicationState() == Qt::ApplicationActive &&
                        QDateTime::currentMSecsSinceEpoch() - m_lastInputMs < kIdleMs;
    if (active == m_active)
        return;
    m_active = active;
    m_client.devices().setActive(active);
}

} // namespace parley
