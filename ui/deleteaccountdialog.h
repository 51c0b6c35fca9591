#pragma once

#include "ui/resendcountdown.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace parley {

class Client;
class CodeField;

// Deleting one's account for good, from the settings: what goes and what stays said in words, then a code sent
// to the account's own number (a device left logged in is not enough), typed here, and one red button. Each step
// gets its own answer; a failure is said in words and changes nothing. Once deleted, the session ends and
// AppController shows the login window with the reason. GUI thread.
class DeleteAccountDialog : public QDialog {
    Q_OBJECT

public:
    explicit DeleteAccountDialog(Client &client, QWidget *parent = nullptr);

private:
    void sendCode();
    void deleteAccount();
    void updateButtons();

    Client &m_client;
    CodeField *m_code;
    QPushButton *m_sendCode;
    QPushButton *m_delete;
    QLabel *m_message;
    ResendCountdown m_countdown{this};
    bool m_codeSent = false;
    bool m_busy = false;
};

} // namespace parley
