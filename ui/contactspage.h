#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QStackedWidget;

namespace parley {

class Client;
class ContactListModel;
class EmptyState;
class FriendRequestModel;
class FriendRequestsView;
class ProfileCard;

// The Contacts page: "New friends" (with the count of requests waiting for me) and my friends by name
// with index letters, beside the requests page or the selected friend's profile card. GUI thread.
class ContactsPage : public QWidget {
    Q_OBJECT

public:
    ContactsPage(Client &client, ContactListModel &contacts, FriendRequestModel &requests, QWidget *parent = nullptr);

    void showRequests();
    // Selects a friend and shows the card; false if the user is not a friend.
    bool showContactById(const QString &userId);

Q_SIGNALS:
    void messageRequested(const QString &userId);
    void addFriendRequested();

private:
    void showContact(const QModelIndex &index);
    void updateBadge(int pending);

    ContactListModel &m_contacts;
    QPushButton *m_newFriends;
    QLabel *m_badge;
    QListView *m_list;
    EmptyState *m_noFriends; // instead of the list while I have no friends: how people find me
    QStackedWidget *m_right;
    FriendRequestsView *m_requestsView;
    ProfileCard *m_card;
};

} // namespace parley
