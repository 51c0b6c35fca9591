#include "ui/desktopnotifications.h"

#ifdef PARLEY_DBUS_NOTIFICATIONS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

#include <QIcon>
#include <QSystemTrayIcon>

namespace parley {

namespace {

constexpr char kInterface[] = "org.freedesktop.Notifications";
constexpr char kDefaultAction[] = "default"; // a click on the notification itself

} // namespace

DesktopNotifications::DesktopNotifications(QSystemTrayIcon *tray, QObject *parent) : QObject(parent), m_tray(tray)
{
#ifdef PARLEY_DBUS_NOTIFICATIONS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        bus.connect(QLatin1StringView(kService), QLatin1StringView(kPath), QLatin1StringView(kInterface),
                    QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
        bus.connect(QLatin1StringView(kService), QLatin1StringView(kPath), QLatin1StringView(kInterface),
                    QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));
    }
#endif
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] { Q_EMIT clicked(m_trayLast); });
}

void DesktopNotifications::show(const ConversationKey &conversation, const QString &title, const QString &body)
{
    m_trayLast = conversation; // the newest: what a click on the tray's balloon opens
#ifndef PARLEY_DBUS_NOTIFICATIONS
    showInTray(title, body);
#else
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        showInTray(title, body);
        return;
    }
    m_withdrawing.remove(conversation);
    if (m_pending.contains(conversation)) { // the earlier one's id is not known yet: this one replaces it then
        m_pending.insert(conversation, {title, body});
        return;
    }
    m_pending.insert(conversation, {});
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1StringView(kService), QLatin1StringView(kPath),
                                                      QLatin1StringView(kInterface), QStringLiteral("Notify"));
    call << QStringLiteral("Parley") << m_ids.value(conversation, 0u) << QStringLiteral("parley") << title << body
         << QStringList{QLatin1StringView(kDefaultAction), tr("Open")} << QVariantMap{} << kShowMs;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, conversation, title, body] {
                watcher->deleteLater();
                const std::pair<QString, QString> newer = m_pending.take(conversation);
                const QDBusPendingReply<uint> reply = *watcher;
                if (reply.isError()) { // no notification service: the tray's balloon
                    showInTray(title, body);
                    return;
                }
                m_ids.insert(conversation, reply.value());
                if (m_withdrawing.remove(conversation))
                    withdraw(conversation); // read before it even showed
                else if (!newer.first.isEmpty())
                    show(conversation, newer.first, newer.second); // came meanwhile: replaces it
            });
#endif
}

void DesktopNotifications::showInTray(const QString &title, const QString &body)
{
    if (m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, body, QIcon(QStringLiteral(":/parley.svg")), kShowMs);
}

void DesktopNotifications::withdraw(const ConversationKey &conversation)
{
    const auto it = m_ids.constFind(conversation);
    if (it == m_ids.cend()) {
        if (m_pending.contains(conversation))
            m_withdrawing.insert(conversation); // on its way: withdrawn as it comes
        return;
    }
#ifdef PARLEY_DBUS_NOTIFICATIONS
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1StringView(kService), QLatin1StringView(kPath),
                                                      QLatin1StringView(kInterface), QStringLiteral("CloseNotification"));
    call << *it;
    QDBusConnection::sessionBus().asyncCall(call);
#endif
    m_ids.erase(it);
}

void DesktopNotifications::onActionInvoked(uint id, const QString &action)
{
    if (action != QLatin1StringView(kDefaultAction))
        return;
    const ConversationKey conversation = m_ids.key(id);
    if (conversation.isValid())
        Q_EMIT clicked(conversation);
}

void DesktopNotifications::onClosed(uint id, uint)
{
    const ConversationKey conversation = m_ids.key(id);
    if (conversation.isValid())
        m_ids.remove(conversation);
}

} // namespace parley
