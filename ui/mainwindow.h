#pragma once

#include "core/types/conversationkey.h"

#include <QMainWindow>

class QButtonGroup;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace parley {

class CallWindow;
class ChatsPage;
class Client;
class ContactListModel;
class ContactsPage;
class FriendRequestModel;
class NameBook;
class Notifier;
class SettingsPage;

// The main window: a narrow navigation rail (me and my settings, Chats, Contacts; log out at the bottom), the page it
// selects, and the connection banner above. Remembers its size and the splitters between runs; the models
// it shows live here, fed by the client. GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    static constexpr int kRailWidth = 64;
    static constexpr QSize kMinimumSize{760, 520};

    explicit MainWindow(Client &client, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatsPage *chatsPage() const { return m_chats; }
    ContactsPage *contactsPage() const { return m_contactsPage; }
    Notifier *notifier() const { return m_notifier; }
    CallWindow *callWindow() const { return m_callWindow; }
    void showChats();
    void showContacts();
    void showSettings();

Q_SIGNALS:
    void logOutRequested(bool removeLocalData);
    void languageChanged(const QString &language);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override; // with a tray icon: hidden, Parley keeps running

private:
    void openChatWith(const QString &userId);
    void addFriend();
    void newGroup();
    void showDetails(const ConversationKey &conversation);
    void updateMe();
    void setRailBadge(QLabel *badge, int count);

    Client &m_client;
    NameBook *m_names;
    ContactListModel *m_contacts;
    FriendRequestModel *m_requests;
    QButtonGroup *m_rail;
    QStackedWidget *m_pages;
    ChatsPage *m_chats;
    CallWindow *m_callWindow = nullptr;
    ContactsPage *m_contactsPage;
    SettingsPage *m_settings;
    Notifier *m_notifier;
    QToolButton *m_me;
    QLabel *m_chatsBadge;
    QLabel *m_contactsBadge;
};

} // namespace parley
