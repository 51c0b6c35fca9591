#pragma once

#include "core/types/chatmessage.h"

#include <QObject>

#include <functional>

class QSystemTrayIcon;

namespace parley {

class Client;
class DesktopNotifications;
class NameBook;

// The tray icon with the total unread count, and a desktop notification for a new message whose
// conversation is not in front — unless it is muted, notifications are off, the message is old news arriving
// by sync, or (a setting, on by default) someone is using Parley on another of my devices. A notification is
// withdrawn once its conversation is read, here or on another device. Clicking the notification or the icon
// brings the conversation up. Whether previews are shown is a setting. GUI thread.
class Notifier : public QObject {
    Q_OBJECT

public:
    // QSettings keys.
    static constexpr char kEnabled[] = "notifications/enabled";
    static constexpr char kPreview[] = "notifications/preview";
    static constexpr char kQuietWhileElsewhere[] = "notifications/quietWhileActiveElsewhere";
    static constexpr qint64 kFreshMs = 2 * 60 * 1000; // older messages arriving by sync are not announced

    struct Hooks {
        std::function<bool(const ConversationKey &)> inFront; // the conversation is open in the active window
        std::function<bool(const ConversationKey &)> muted;
    };

    Notifier(Client &client, NameBook &names, Hooks hooks, QObject *parent = nullptr);

    // The text a notification for `message` shows (title, body), as the settings say.
    std::pair<QString, QString> texts(const ChatMessage &message);
    // The icon is in a tray: closing the window keeps Parley running there.
    bool inTray() const;
    DesktopNotifications *notifications() const { return m_notifications; }

Q_SIGNALS:
    void openRequested(const parley::ConversationKey &conversation);
    void quitRequested();                                       // the icon's menu
    void notified(const parley::ConversationKey &conversation); // for tests: a notification was shown
    void heldBack(const parley::ConversationKey &conversation); // for tests: quiet while in use elsewhere

private:
    void onMessage(const ChatMessage &message);
    void setUnread(int total);

    Client &m_client;
    NameBook &m_names;
    Hooks m_hooks;
    QSystemTrayIcon *m_tray = nullptr;
    DesktopNotifications *m_notifications = nullptr;
    ConversationKey m_last; // what the last notification was about
};

} // namespace parley
