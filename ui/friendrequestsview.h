#pragma once

#include <QWidget>

class QVBoxLayout;

namespace parley {

class Client;
class FriendRequestModel;

// The "New friends" page: every friend request to and from me, newest first, with Accept and Reject on
// those that wait for me and the state of the others. Rebuilt from FriendRequestModel when it changes.
// GUI thread.
class FriendRequestsView : public QWidget {
    Q_OBJECT

public:
    FriendRequestsView(Client &client, FriendRequestModel &requests, QWidget *parent = nullptr);

private:
    void rebuild();

    Client &m_client;
    FriendRequestModel &m_requests;
    QVBoxLayout *m_rows;
};

} // namespace parley
