#pragma once

#include "protocol/error.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace parley {

class Client;

// Log in with a phone number and the code sent to it: "Send code" (with a resend countdown), the code,
// "Log in". Errors in words. Sends intents to Client; shows what Client says.
class LoginWindow : public QWidget {
    Q_OBJECT

public:
    explicit LoginWindow(Client &client, QWidget *parent = nullptr);

private:
    void onSendCode();
    void onLogIn();
    void onCodeSent(int resendAfterS);
    void onFailed(const Error &error);
    void updateButtons();

    Client &m_client;
    QLineEdit *m_phone;
    QLineEdit *m_code;
    QPushButton *m_sendCode;
    QPushButton *m_logIn;
    QLabel *m_message;
    QTimer m_countdown{this};
    int m_secondsLeft = 0;
    bool m_busy = false;
};

} // namespace parley
