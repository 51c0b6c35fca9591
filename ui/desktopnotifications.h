#pragma once

#include "core/types/conversationkey.h"

#include <QHash>
#include <QObject>
#include <QSet>

class QSystemTrayIcon;

namespace parley {

// Desktop notifications, one per conversation, that can be taken back. Where the desktop has a notification
// service on D-Bus (org.freedesktop.Notifications: Linux desktops), a conversation's notification replaces
// its earlier one and is withdrawn on request; elsewhere (or if the service does not answer) the tray icon
// shows a balloon, which cannot be withdrawn. GUI thread.
class DesktopNotifications : public QObject {
    Q_OBJECT

public:
    static constexpr char kService[] = "org.freedesktop.Notifications";
    static constexpr char kPath[] = "/org/freedesktop/Notifications";
    static constexpr int kShowMs = 5000;

    DesktopNotifications(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void show(const ConversationKey &conversation, const QString &title, const QString &body);
    // Takes the conversation's notification off the screen (and out of the desktop's list), if it is there.
    void withdraw(const ConversationKey &conversation);
    bool isShown(const ConversationKey &conversation) const { return m_ids.contains(conversation); }

Q_SIGNALS:
    void clicked(const parley::ConversationKey &conversation);

private Q_SLOTS:
    // The service's signals.
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    void showInTray(const QString &title, const QString &body);

    QSystemTrayIcon *m_tray;
    QHash<ConversationKey, uint> m_ids;  // what the service showed, by conversation
    QHash<ConversationKey, std::pair<QString, QString>> m_pending; // Notify on its way; a newer text to show
    QSet<ConversationKey> m_withdrawing; // withdrawn while its Notify was still on the way
    ConversationKey m_trayLast;          // the tray's balloon: what a click on it opens
};

} // namespace parley
