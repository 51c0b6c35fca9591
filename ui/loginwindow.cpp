#include "ui/loginwindow.h"

#include "common/phonenumber.h"
#include "core/client.h"
#include "ui/centredcard.h"
#include "ui/codefield.h"
#include "ui/errortext.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kLogo = 56;

struct Country {
    const char *code;
    const char *name; // translated through LoginWindow::tr
};
// The calling codes people here use most; "Other" takes a number typed with its own "+".
constexpr Country kCountries[] = {
    {"+86", QT_TRANSLATE_NOOP("parley::LoginWindow", "China")},
    {"+852", QT_TRANSLATE_NOOP("parley::LoginWindow", "Hong Kong")},
    {"+853", QT_TRANSLATE_NOOP("parley::LoginWindow", "Macao")},
    {"+886", QT_TRANSLATE_NOOP("parley::LoginWindow", "Taiwan")},
    {"+65", QT_TRANSLATE_NOOP("parley::LoginWindow", "Singapore")},
    {"+81", QT_TRANSLATE_NOOP("parley::LoginWindow", "Japan")},
    {"+82", QT_TRANSLATE_NOOP("parley::LoginWindow", "South Korea")},
    {"+1", QT_TRANSLATE_NOOP("parley::LoginWindow", "United States / Canada")},
    {"+44", QT_TRANSLATE_NOOP("parley::LoginWindow", "United Kingdom")},
    {"+49", QT_TRANSLATE_NOOP("parley::LoginWindow", "Germany")},
    {"+33", QT_TRANSLATE_NOOP("parley::LoginWindow", "France")},
    {"+61", QT_TRANSLATE_NOOP("parley::LoginWindow", "Australia")},
};

constexpr int kCountryNameRole = Qt::UserRole + 1;
constexpr int kCountryWidth = 84;
constexpr int kCountryListWidth = 260;

// The closed box shows the calling code; its list shows the code with the country's name.
class CountryDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = u"%1   %2"_s.arg(index.data().toString(), index.data(kCountryNameRole).toString());
    }
};

} // namespace

LoginWindow::LoginWindow(Client &client, const QString &server, const QString &fingerprint, bool serverFixed,
                         QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_country(new QComboBox(this)),
      m_phone(new QLineEdit(this)),
      m_code(new CodeField(this)),
      m_sendCode(new QPushButton(this)),
      m_logIn(new QPushButton(tr("Log in"), this)),
      m_message(new QLabel(this)),
      m_advanced(new QWidget(this)),
      m_server(new QLineEdit(server, m_advanced)),
      m_fingerprint(new QLineEdit(fingerprint, m_advanced))
{
    setObjectName(u"loginWindow"_s);
    setWindowTitle(tr("Parley — Log in"));
    for (const Country &c : kCountries) {
        m_country->addItem(QLatin1StringView(c.code), QLatin1StringView(c.code));
        m_country->setItemData(m_country->count() - 1, tr(c.name), kCountryNameRole);
    }
    m_country->addItem(u"+"_s, QString());
    m_country->setItemData(m_country->count() - 1, tr("Other (type +code)"), kCountryNameRole);
    m_country->setItemDelegate(new CountryDelegate(m_country));
    m_country->setFixedWidth(kCountryWidth);
    m_country->view()->setMinimumWidth(kCountryListWidth);
    m_phone->setObjectName(u"phoneField"_s);
    m_phone->setPlaceholderText(tr("Phone number"));
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_sendCode->setObjectName(u"sendCodeButton"_s);
    m_logIn->setObjectName(u"primaryButton"_s);
    m_logIn->setDefault(true);
    m_message->setObjectName(u"secondaryText"_s);
    m_message->setWordWrap(true);
    m_server->setPlaceholderText(u"127.0.0.1:7800"_s);
    m_fingerprint->setPlaceholderText(tr("SHA-256, from the server's ready line"));

    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(u":/parley.svg"_s).pixmap(kLogo, kLogo));
    logo->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("Log in to Parley"), this);
    title->setObjectName(u"loginTitle"_s);
    title->setAlignment(Qt::AlignCenter);
    auto *subtitle = new QLabel(tr("We'll send a verification code to your phone."), this);
    subtitle->setObjectName(u"secondaryText"_s);
    subtitle->setAlignment(Qt::AlignCenter);
    auto *phoneRow = new QHBoxLayout;
    phoneRow->addWidget(m_country);
    phoneRow->addWidget(m_phone, 1);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_sendCode);

    auto *advancedToggle = new QPushButton(tr("Advanced"), this);
    advancedToggle->setObjectName(u"linkButton"_s);
    advancedToggle->setFlat(true);
    advancedToggle->setVisible(!serverFixed);
    auto *apply = new QPushButton(tr("Use this server"), m_advanced);
    auto *advancedForm = new QFormLayout(m_advanced);
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->addRow(tr("Server"), m_server);
    advancedForm->addRow(tr("Certificate"), m_fingerprint);
    advancedForm->addRow(QString(), apply);
    m_advanced->hide();

    QVBoxLayout *cardLayout = centredCard(this);
    cardLayout->addWidget(logo);
    cardLayout->addWidget(title);
    cardLayout->addWidget(subtitle);
    cardLayout->addSpacing(8);
    cardLayout->addLayout(phoneRow);
    cardLayout->addLayout(codeRow);
    cardLayout->addWidget(m_message);
    cardLayout->addWidget(m_logIn);
    cardLayout->addWidget(advancedToggle, 0, Qt::AlignCenter);
    cardLayout->addWidget(m_advanced);

    connect(m_sendCode, &QPushButton::clicked, this, &LoginWindow::onSendCode);
    connect(m_logIn, &QPushButton::clicked, this, &LoginWindow::onLogIn);
    connect(m_phone, &QLineEdit::returnPressed, this, [this] {
        if (m_sendCode->isEnabled())
            onSendCode();
    });
    connect(m_code, &QLineEdit::returnPressed, this, &LoginWindow::onLogIn);
    connect(m_phone, &QLineEdit::textChanged, this, &LoginWindow::updateButtons);
    connect(m_code, &QLineEdit::textChanged, this, &LoginWindow::updateButtons);
    connect(advancedToggle, &QPushButton::clicked, this, [this] { m_advanced->setVisible(!m_advanced->isVisible()); });
    connect(apply, &QPushButton::clicked, this, [this] {
        Q_EMIT serverChosen(m_server->text().trimmed(), m_fingerprint->text().trimmed().remove(u':').toLower());
    });
    connect(&m_countdown, &ResendCountdown::ticked, this, &LoginWindow::updateButtons);
    updateButtons();
}

QString LoginWindow::phoneNumber() const
{
    const QString typed = m_phone->text().trimmed();
    const QString prefix = typed.startsWith(u'+') ? QString() : m_country->currentData().toString();
    return PhoneNumber::normalize(QString(prefix + typed)).value_or(QString());
}

void LoginWindow::onSendCode()
{
    const QString phone = phoneNumber();
    if (phone.isEmpty()) {
        m_message->setText(errorText(Error(ErrorCode::InvalidPhone)));
        return;
    }
    m_busy = true;
    m_message->setText(tr("Sending the code…"));
    m_client.requestCode(phone).then(this, [this](const Result<CodeSent> &sent) {
        if (sent)
            onCodeSent(sent->resendAfterS);
        else
            onFailed(sent.error());
    });
    updateButtons();
}

void LoginWindow::onLogIn()
{
    if (!m_code->isComplete() || phoneNumber().isEmpty())
        return;
    m_busy = true;
    m_message->setText(tr("Logging in…"));
    // Logged in: AppController follows Client::loggedIn to the main window; here only the failure is said.
    m_client.logIn(phoneNumber(), m_code->text()).then(this, [this](const Result<LoginInfo> &loggedIn) {
        if (!loggedIn)
            onFailed(loggedIn.error());
    });
    updateButtons();
}

void LoginWindow::onCodeSent(int resendAfterS)
{
    m_busy = false;
    m_message->setText(tr("We sent a code to %1.").arg(phoneNumber()));
    m_countdown.start(resendAfterS);
    m_code->setFocus();
    updateButtons();
}

void LoginWindow::onFailed(const Error &error)
{
    m_busy = false;
    m_message->setText(errorText(error));
    if (error.code == ErrorCode::RateLimited && error.retryAfterSeconds > 0) {
        m_countdown.start(int(error.retryAfterSeconds));
    }
    updateButtons();
}

void LoginWindow::updateButtons()
{
    m_sendCode->setText(m_countdown.running() ? tr("Resend in %1 s").arg(m_countdown.secondsLeft()) : tr("Send code"));
    m_sendCode->setEnabled(!m_busy && !m_countdown.running() && !m_phone->text().trimmed().isEmpty());
    m_logIn->setEnabled(!m_busy && m_code->isComplete() && !m_phone->text().trimmed().isEmpty());
}

} // namespace parley
