#pragma once

#include "core/types/userprofile.h"
#include "protocol/error.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace parley {

class AvatarLabel;
class Client;

// "Add friend": find someone by phone number or ID, see who it is, and send a request with a greeting.
// Errors in words; closes when the request is sent. GUI thread.
class AddFriendDialog : public QDialog {
    Q_OBJECT

public:
    AddFriendDialog(Client &client, const QString &myName, QWidget *parent = nullptr);

private:
    void search();
    void onFound(const QList<UserProfile> &users);
    void sendRequest();

    Client &m_client;
    QString m_query;
    UserProfile m_found;
    QLineEdit *m_search;
    QPushButton *m_searchButton;
    QWidget *m_result;
    AvatarLabel *m_avatar;
    QLabel *m_name;
    QLineEdit *m_greeting;
    QPushButton *m_send;
    QLabel *m_message;
};

} // namespace parley
