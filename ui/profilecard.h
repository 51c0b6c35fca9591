#pragma once

#include "core/types/contact.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace parley {

class AvatarLabel;
class Client;

// A person as the contacts page shows them: avatar, name, nickname and id, presence ("online", "last seen …"),
// signature, my remark for them (editable), and what I can do: send a message, delete, block or unblock.
// GUI thread.
class ProfileCard : public QWidget {
    Q_OBJECT

public:
    explicit ProfileCard(Client &client, QWidget *parent = nullptr);

    void setContact(const Contact &contact);
    QString userId() const { return m_contact.userId(); }

Q_SIGNALS:
    void messageRequested(const QString &userId);

private:
    void saveRemark();
    void showPresence();

    Client &m_client;
    Contact m_contact;
    AvatarLabel *m_avatar;
    QLabel *m_name;
    QLabel *m_details;
    QLabel *m_presence;
    QLabel *m_signature;
    QLineEdit *m_remark;
    QPushButton *m_message;
    QPushButton *m_delete;
    QPushButton *m_block;
};

} // namespace parley
