#include "ui/deleteaccountdialog.h"

#include "core/client.h"
#include "ui/codefield.h"
#include "ui/errortext.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

namespace {
constexpr int kWidth = 460;
constexpr int kMarginX = 24;
constexpr int kMarginY = 20;
constexpr int kSpacing = 12;
} // namespace

DeleteAccountDialog::DeleteAccountDialog(Client &client, QWidget *parent)
    : QDialog(parent),
      m_client(client),
      m_code(new CodeField(this)),
      m_sendCode(new QPushButton(this)),
      m_delete(new QPushButton(tr("Delete my account"), this)),
      m_message(new QLabel(this))
{
    setObjectName(u"deleteAccountDialog"_s);
    setWindowTitle(tr("Delete account"));
    setMinimumWidth(kWidth);
    auto *title = new QLabel(tr("Delete your account for good?"), this);
    title->setObjectName(u"profileName"_s);
    auto *what = new QLabel(
        tr("This cannot be undone. Your profile, friends, friend requests, settings and the files you sent are deleted "
           "from the server, and you leave your groups (a group you own passes to its next admin or longest member). "
           "Every device logged in to this account is logged out and forgets it.\n\n"
           "Messages you sent stay with the people you sent them to, shown as from \"Deleted account\". Your phone "
           "number is free to make a new account."),
        this);
    what->setWordWrap(true);
    auto *how = new QLabel(tr("To confirm, Parley sends a code to the phone number of this account."), this);
    how->setObjectName(u"secondaryText"_s);
    how->setWordWrap(true);
    m_sendCode->setObjectName(u"sendCodeButton"_s);
    m_delete->setObjectName(u"destructiveButton"_s);
    m_message->setObjectName(u"secondaryText"_s);
    m_message->setWordWrap(true);

    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_sendCode);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_delete, QDialogButtonBox::DestructiveRole);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kMarginX, kMarginY, kMarginX, kMarginY);
    layout->setSpacing(kSpacing);
    layout->addWidget(title);
    layout->addWidget(what);
    layout->addWidget(how);
    layout->addLayout(codeRow);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_sendCode, &QPushButton::clicked, this, &DeleteAccountDialog::sendCode);
    connect(m_delete, &QPushButton::clicked, this, &DeleteAccountDialog::deleteAccount);
    connect(m_code, &QLineEdit::textChanged, this, &DeleteAccountDialog::updateButtons);
    connect(&m_countdown, &ResendCountdown::ticked, this, &DeleteAccountDialog::updateButtons);
    updateButtons();
}

void DeleteAccountDialog::sendCode()
{
    m_busy = true;
    m_message->setText(tr("Sending the code…"));
    m_client.requestDeletionCode().then(this, [this](const Result<CodeSent> &sent) {
        m_busy = false;
        if (sent) {
            m_codeSent = true;
            m_countdown.start(sent->resendAfterS);
            m_message->setText(tr("A code is on its way to your phone."));
            m_code->setFocus();
        } else {
            m_message->setText(errorText(sent.error()));
            m_countdown.start(int(sent.error().retryAfterSeconds));
        }
        updateButtons();
    });
    updateButtons();
}

void DeleteAccountDialog::deleteAccount()
{
    if (!m_code->isComplete())
        return;
    m_busy = true;
    m_message->setText(tr("Deleting the account…"));
    // Deleted: the session ends and AppController shows the login window, which closes this dialog with the main
    // window. Here only a failure is said.
    m_client.deleteAccount(m_code->text()).then(this, [this](const Result<Done> &deleted) {
        m_busy = false;
        if (deleted) {
            accept();
            return;
        }
        m_message->setText(errorText(deleted.error()));
        updateButtons();
    });
    updateButtons();
}

void DeleteAccountDialog::updateButtons()
{
    m_sendCode->setText(m_countdown.running() ? tr("Resend in %1 s").arg(m_countdown.secondsLeft())
                                              : (m_codeSent ? tr("Send again") : tr("Send code")));
    m_sendCode->setEnabled(!m_busy && !m_countdown.running());
    m_delete->setEnabled(!m_busy && m_codeSent && m_code->isComplete());
}

} // namespace parley
