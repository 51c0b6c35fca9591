#include "ui/welcomewindow.h"

#include "core/client.h"
#include "protocol/limits.h"
#include "ui/avatar.h"
#include "ui/avatarcropdialog.h"
#include "ui/centredcard.h"
#include "ui/errortext.h"
#include "ui/namevalidator.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kPicture = 96;

} // namespace

WelcomeWindow::WelcomeWindow(Client &client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_picture(new QLabel(this)),
      m_choosePicture(new QPushButton(tr("Choose a picture…"), this)),
      m_name(new QLineEdit(this)),
      m_message(new QLabel(this)),
      m_continue(new QPushButton(tr("Continue"), this))
{
    setObjectName(u"welcomeWindow"_s);
    setWindowTitle(tr("Parley — Welcome"));
    auto *title = new QLabel(tr("Welcome to Parley"), this);
    title->setObjectName(u"loginTitle"_s);
    title->setAlignment(Qt::AlignCenter);
    auto *subtitle =
        new QLabel(tr("Choose the name your friends will see. You can change it later in Settings."), this);
    subtitle->setObjectName(u"secondaryText"_s);
    subtitle->setAlignment(Qt::AlignCenter);
    subtitle->setWordWrap(true);
    m_picture->setObjectName(u"welcomePicture"_s);
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setFixedHeight(kPicture);
    m_choosePicture->setObjectName(u"linkButton"_s);
    m_choosePicture->setFlat(true);
    m_name->setObjectName(u"nameField"_s);
    m_name->setPlaceholderText(tr("Your name"));
    NameValidator::apply(m_name, limits::kMaxNickname);
    m_message->setObjectName(u"secondaryText"_s);
    m_message->setWordWrap(true);
    m_continue->setObjectName(u"primaryButton"_s);
    m_continue->setDefault(true);

    QVBoxLayout *cardLayout = centredCard(this);
    cardLayout->addWidget(title);
    cardLayout->addWidget(subtitle);
    cardLayout->addSpacing(8);
    cardLayout->addWidget(m_picture);
    cardLayout->addWidget(m_choosePicture, 0, Qt::AlignCenter);
    cardLayout->addWidget(m_name);
    cardLayout->addWidget(m_message);
    cardLayout->addWidget(m_continue);

    connect(m_choosePicture, &QPushButton::clicked, this, &WelcomeWindow::choosePicture);
    connect(m_continue, &QPushButton::clicked, this, &WelcomeWindow::onContinue);
    connect(m_name, &QLineEdit::returnPressed, this, &WelcomeWindow::onContinue);
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        m_message->clear();
        setBusy(m_busy);
        // Until a picture is chosen, the initials the name will have.
        if (m_chosen.isNull())
            m_picture->setPixmap(
                Avatar::pixmap(m_client.userId(), m_name->text().trimmed(), kPicture, devicePixelRatioF()));
    });
    m_picture->setPixmap(Avatar::pixmap(m_client.userId(), QString(), kPicture, devicePixelRatioF()));
    setBusy(false);
}

void WelcomeWindow::choosePicture()
{
    AvatarCropDialog::choose(this, [this](const QImage &picture) {
        m_chosen = picture;
        m_picture->setPixmap(Avatar::ofPicture(picture, kPicture, devicePixelRatioF()));
        m_choosePicture->setText(tr("Choose another picture…"));
    });
}

void WelcomeWindow::onContinue()
{
    if (m_busy || m_name->text().trimmed().isEmpty())
        return;
    setBusy(true);
    m_message->setText(tr("Saving…"));
    if (m_chosen.isNull()) {
        saveProfile(QString());
        return;
    }
    m_client.files().uploadAvatar(m_chosen).then(this, [this](const Result<QString> &fileId) {
        if (!fileId) {
            failed(tr("The picture could not be uploaded: %1").arg(errorText(fileId.error())));
            return;
        }
        saveProfile(fileId.value());
    });
}

void WelcomeWindow::saveProfile(const QString &avatarFileId)
{
    ProfileChange change;
    change.nickname = m_name->text().trimmed();
    if (!avatarFileId.isEmpty())
        change.avatar = avatarFileId;
    m_client.people().updateMyProfile(change).then(this, [this](const Result<UserProfile> &saved) {
        if (!saved) {
            failed(tr("Not saved: %1").arg(errorText(saved.error())));
            return;
        }
        setBusy(false);
        Q_EMIT finished();
    });
}

void WelcomeWindow::failed(const QString &message)
{
    setBusy(false);
    m_message->setText(message);
}

void WelcomeWindow::setBusy(bool busy)
{
    m_busy = busy;
    m_name->setEnabled(!busy);
    m_choosePicture->setEnabled(!busy);
    m_continue->setEnabled(!busy && !m_name->text().trimmed().isEmpty());
}

} // namespace parley
