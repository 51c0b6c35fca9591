#pragma once

#include "protocol/error.h"

#include "ui/resendcountdown.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace parley {

class Client;
class CodeField;

// Log in with a phone number and the code sent to it: the country code and the number (checked before
// anything is sent), "Send code" with a resend countdown, the 6-digit code, "Log in". Errors in words.
// "Advanced" sets the server and the fingerprint of a self-hosted server's certificate to trust.
// Sends intents to Client; shows what Client says. GUI thread.
class LoginWindow : public QWidget {
    Q_OBJECT

public:
    LoginWindow(Client &client, const QString &server, const QString &fingerprint, bool serverFixed,
                QWidget *parent = nullptr);

    // The number as E.164 ("+8613800138000"), or empty if it is not a valid one.
    QString phoneNumber() const;

Q_SIGNALS:
    // The user chose another server (host:port) or certificate fingerprint in "Advanced".
    void serverChosen(const QString &server, const QString &fingerprint);

private:
    void onSendCode();
    void onLogIn();
    void onCodeSent(int resendAfterS);
    void onFailed(const Error &error);
    void updateButtons();

    Client &m_client;
    QComboBox *m_country;
    QLineEdit *m_phone;
    CodeField *m_code;
    QPushButton *m_sendCode;
    QPushButton *m_logIn;
    QLabel *m_message;
    QWidget *m_advanced;
    QLineEdit *m_server;
    QLineEdit *m_fingerprint;
    ResendCountdown m_countdown{this};
    bool m_busy = false;
};

} // namespace parley
