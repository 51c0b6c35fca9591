#include "ui/loginwindow.h"

#include "core/client.h"
#include "ui/errortext.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

namespace {
constexpr int kCountdownTickMs = 1000;
}

LoginWindow::LoginWindow(Client &client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_phone(new QLineEdit(this)),
      m_code(new QLineEdit(this)),
      m_sendCode(new QPushButton(this)),
      m_logIn(new QPushButton(tr("Log in"), this)),
      m_message(new QLabel(this))
{
    setWindowTitle(tr("Parley — Log in"));
    m_phone->setObjectName(u"phoneField"_s);
    m_code->setObjectName(u"codeField"_s);
    m_sendCode->setObjectName(u"sendCodeButton"_s);
    m_logIn->setObjectName(u"primaryButton"_s);
    m_phone->setPlaceholderText(tr("+86 138 0013 8000"));
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_code->setPlaceholderText(tr("6-digit code"));
    m_code->setMaxLength(6);
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(u"\\d{0,6}"_s), m_code));
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);
    m_message->setWordWrap(true);
    m_logIn->setDefault(true);

    auto *form = new QFormLayout;
    auto *phoneRow = new QHBoxLayout;
    phoneRow->addWidget(m_phone, 1);
    phoneRow->addWidget(m_sendCode);
    form->addRow(tr("Phone number"), phoneRow);
    form->addRow(tr("Code"), m_code);
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Log in to Parley"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    title->setFont(big);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_logIn);
    layout->addStretch();
    setMinimumWidth(380);

    connect(m_sendCode, &QPushButton::clicked, this, &LoginWindow::onSendCode);
    connect(m_logIn, &QPushButton::clicked, this, &LoginWindow::onLogIn);
    connect(m_phone, &QLineEdit::returnPressed, this, [this] {
        if (m_sendCode->isEnabled())
            onSendCode();
    });
    connect(m_code, &QLineEdit::returnPressed, this, &LoginWindow::onLogIn);
    connect(m_phone, &QLineEdit::textChanged, this, &LoginWindow::updateButtons);
    connect(m_code, &QLineEdit::textChanged, this, &LoginWindow::updateButtons);
    connect(&m_client, &Client::codeSent, this, &LoginWindow::onCodeSent);
    connect(&m_client, &Client::codeRequestFailed, this, &LoginWindow::onFailed);
    connect(&m_client, &Client::loginFailed, this, &LoginWindow::onFailed);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        if (--m_secondsLeft <= 0)
            m_countdown.stop();
        updateButtons();
    });
    m_countdown.setInterval(kCountdownTickMs);
    updateButtons();
}

void LoginWindow::onSendCode()
{
    m_busy = true;
    m_message->setText(tr("Sending the code…"));
    m_client.requestCode(m_phone->text());
    updateButtons();
}

void LoginWindow::onLogIn()
{
    if (m_code->text().size() != 6)
        return;
    m_busy = true;
    m_message->setText(tr("Logging in…"));
    m_client.logIn(m_phone->text(), m_code->text());
    updateButtons();
}

void LoginWindow::onCodeSent(int resendAfterS)
{
    m_busy = false;
    m_message->setText(tr("We sent a code to %1.").arg(m_phone->text()));
    m_secondsLeft = resendAfterS;
    m_countdown.start();
    m_code->setFocus();
    updateButtons();
}

void LoginWindow::onFailed(const Error &error)
{
    m_busy = false;
    m_message->setText(errorText(error));
    if (error.code == ErrorCode::RateLimited && error.retryAfterSeconds > 0) {
        m_secondsLeft = int(error.retryAfterSeconds);
        m_countdown.start();
    }
    updateButtons();
}

void LoginWindow::updateButtons()
{
    m_sendCode->setText(m_secondsLeft > 0 ? tr("Resend in %1 s").arg(m_secondsLeft) : tr("Send code"));
    m_sendCode->setEnabled(!m_busy && m_secondsLeft <= 0 && !m_phone->text().trimmed().isEmpty());
    m_logIn->setEnabled(!m_busy && m_code->text().size() == 6 && !m_phone->text().trimmed().isEmpty());
}

} // namespace parley
