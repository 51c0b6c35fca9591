#pragma once

#include "core/types/groupinfo.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace parley {

class Client;
class ContactListModel;
class FriendPicker;

// "New group": a name and friends picked with checkboxes, found by typing. Emits the created group.
// GUI thread.
class NewGroupDialog : public QDialog {
    Q_OBJECT

public:
    NewGroupDialog(Client &client, const ContactListModel &contacts, QWidget *parent = nullptr);

Q_SIGNALS:
    void groupCreated(const parley::GroupInfo &group);

private:
    void updateButton();
    void create();

    Client &m_client;
    QLineEdit *m_name;
    FriendPicker *m_friends;
    QLabel *m_message;
    QPushButton *m_create;
    bool m_waiting = false;
};

} // namespace parley
