#pragma once

#include "core/api/answer.h"
#include "core/types/groupinfo.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;

namespace parley {

class AvatarLabel;
class Client;
class ContactListModel;
class GroupMemberModel;

// A group's details: its picture, name and announcement (changed by the owner and admins), its members with their
// roles — add friends (+), remove members, appoint or revoke admins, hand over ownership — muting it on this
// device, and leaving or dismissing the group. Whatever cannot be undone asks first. Shows what the client reports. GUI
// thread.
class GroupDetailsDialog : public QDialog {
    Q_OBJECT

public:
    // muted: whether this device keeps the group's notifications quiet.
    GroupDetailsDialog(Client &client, const ContactListModel &contacts, const GroupInfo &group, bool muted,
                       QWidget *parent = nullptr);

    GroupMemberModel *members() const { return m_members; }

private:
    void onGroupChanged(const GroupInfo &group);
    void showMemberMenu(const QPoint &pos);
    void addMembers();
    void leaveOrDismiss();
    // A management request: its failure is said in the dialog.
    void manage(const Answer<GroupInfo> &request);

    Client &m_client;
    const ContactListModel &m_contacts;
    GroupInfo m_group;
    GroupMemberModel *m_members;
    AvatarLabel *m_avatar;
    QPushButton *m_changeAvatar;
    QPushButton *m_removeAvatar;
    QLineEdit *m_name;
    QPlainTextEdit *m_announcement;
    QPushButton *m_save;
    QLabel *m_count;
    QListView *m_list;
    QPushButton *m_add;
    QCheckBox *m_mute;
    QCheckBox *m_muteAll;  // owner and admins: only they write
    QCheckBox *m_approval; // owner and admins: members' invitations wait for them
    QPushButton *m_joins;  // owner and admins: the requests to join, when some wait
    QPushButton *m_leave;
    QLabel *m_message;
};

} // namespace parley
