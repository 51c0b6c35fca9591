#include "ui/settingspage.h"

#include "core/client.h"
#include "protocol/limits.h"
#include "ui/avatarcropdialog.h"
#include "ui/avatarlabel.h"
#include "ui/deleteaccountdialog.h"
#include "ui/errortext.h"
#include "ui/namevalidator.h"
#include "ui/notifier.h"
#include "ui/popups.h"
#include "ui/timetext.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>

#include <span>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kAvatar = 64;
constexpr quint64 kMiB = 1ull << 20;
constexpr quint64 kGiB = 1ull << 30;
// The choices offered; a value set elsewhere (another build, the settings file) is shown as an extra item.
constexpr quint64 kAutoDownloadChoices[] = {0, 1 * kMiB, 5 * kMiB, 20 * kMiB, 100 * kMiB};
constexpr quint64 kCacheLimitChoices[] = {500 * kMiB, 1 * kGiB, 2 * kGiB, 5 * kGiB, 20 * kGiB};

// Fills a combo box with sizes and selects `current`.
void fillSizes(QComboBox *box, std::span<const quint64> choices, quint64 current, const QString &zero)
{
    const QLocale locale;
    auto label = [&](quint64 bytes) { return bytes == 0 ? zero : locale.formattedDataSize(qint64(bytes), 0); };
    for (quint64 bytes : choices)
        box->addItem(label(bytes), QVariant::fromValue(bytes));
    int at = box->findData(QVariant::fromValue(current));
    if (at < 0) {
        box->addItem(label(current), QVariant::fromValue(current));
        at = box->count() - 1;
    }
    box->setCurrentIndex(at);
}

QLabel *section(const QString &title)
{
    auto *label = new QLabel(title);
    label->setObjectName(u"sectionTitle"_s);
    return label;
}

} // namespace

SettingsPage::SettingsPage(Client &client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_avatar(new AvatarLabel(kAvatar)),
      m_changeAvatar(new QPushButton(tr("Change picture…"))),
      m_removeAvatar(new QPushButton(tr("Remove picture"))),
      m_id(new QLabel),
      m_nickname(new QLineEdit),
      m_signature(new QLineEdit),
      m_findable(new QCheckBox(tr("People can find me by my phone number"))),
      m_shareTyping(new QCheckBox(tr("Show when I am typing, and see when others are"))),
      m_presenceAudience(new QComboBox),
      m_sendKey(new QButtonGroup(this)),
      m_language(new QComboBox),
      m_notify(new QCheckBox(tr("Show a desktop notification for new messages"))),
      m_preview(new QCheckBox(tr("Show the message in the notification"))),
      m_quietElsewhere(new QCheckBox(tr("Stay quiet while I use Parley on another device"))),
      m_devices(new QVBoxLayout),
      m_removeData(new QCheckBox(tr("Also delete this account's messages from this computer"))),
      m_autoDownload(new QComboBox),
      m_cacheLimit(new QComboBox),
      m_cacheUsed(new QLabel)
{
    setObjectName(u"settingsPage"_s);
    m_id->setObjectName(u"secondaryText"_s);
    m_id->setTextInteractionFlags(Qt::TextSelectableByMouse);
    NameValidator::apply(m_nickname, limits::kMaxNickname);
    NameValidator::apply(m_signature, limits::kMaxSignature);
    m_signature->setPlaceholderText(tr("A few words about you"));
    auto *enter = new QRadioButton(tr("Enter sends, Shift+Enter starts a new line"));
    auto *ctrlEnter = new QRadioButton(tr("Ctrl+Enter sends, Enter starts a new line"));
    m_sendKey->addButton(enter, 0);
    m_sendKey->addButton(ctrlEnter, 1);
    QSettings settings;
    (settings.value(QLatin1StringView(kSendKey)).toBool() ? ctrlEnter : enter)->setChecked(true);
    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("As the system"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.value(QLatin1StringView(kLanguage)))));
    auto *revokeOthers = new QPushButton(tr("Log out all other devices"));
    auto *logOut = new QPushButton(tr("Log out"));
    logOut->setObjectName(u"dangerButton"_s);
    auto *deleteAccount = new QPushButton(tr("Delete account…"));
    deleteAccount->setObjectName(u"deleteAccountButton"_s);

    auto *content = new QWidget;
    content->setObjectName(u"settingsContent"_s);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(40, 28, 40, 28);
    layout->setSpacing(12);
    auto *who = new QHBoxLayout;
    who->addWidget(m_avatar);
    auto *idAndPicture = new QVBoxLayout;
    idAndPicture->addWidget(m_id);
    auto *pictureButtons = new QHBoxLayout;
    pictureButtons->addWidget(m_changeAvatar);
    pictureButtons->addWidget(m_removeAvatar);
    pictureButtons->addStretch();
    idAndPicture->addLayout(pictureButtons);
    who->addLayout(idAndPicture, 1);
    layout->addLayout(who);
    layout->addWidget(section(tr("Profile")));
    auto *profile = new QFormLayout;
    profile->addRow(tr("Nickname"), m_nickname);
    profile->addRow(tr("Signature"), m_signature);
    layout->addLayout(profile);
    layout->addWidget(section(tr("Privacy")));
    auto *privacy = new QFormLayout;
    privacy->addRow(tr("Who sees when I am online or was last"), m_presenceAudience);
    auto *presenceHint = new QLabel(
        tr("It works both ways: whom you do not show it to, you see only roughly, as \"last seen recently\"."));
    presenceHint->setObjectName(u"secondaryText"_s);
    presenceHint->setWordWrap(true);
    privacy->addRow(QString(), presenceHint);
    privacy->addRow(QString(), m_findable);
    privacy->addRow(QString(), m_shareTyping);
    layout->addLayout(privacy);
    layout->addWidget(section(tr("Notifications")));
    layout->addWidget(m_notify);
    layout->addWidget(m_preview);
    layout->addWidget(m_quietElsewhere);
    layout->addWidget(section(tr("Sending")));
    layout->addWidget(enter);
    layout->addWidget(ctrlEnter);
    layout->addWidget(section(tr("Language")));
    layout->addWidget(m_language, 0, Qt::AlignLeft);
    layout->addWidget(section(tr("Media and storage")));
    layout->addLayout(mediaSection());
    layout->addWidget(section(tr("Devices")));
    layout->addLayout(m_devices);
    layout->addWidget(revokeOthers, 0, Qt::AlignLeft);
    layout->addWidget(section(tr("Account")));
    layout->addWidget(m_removeData);
    auto *accountButtons = new QHBoxLayout;
    accountButtons->addWidget(logOut);
    accountButtons->addWidget(deleteAccount);
    accountButtons->addStretch();
    layout->addLayout(accountButtons);
    layout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_nickname, &QLineEdit::editingFinished, this, &SettingsPage::saveProfile);
    m_changeAvatar->setObjectName(u"changeAvatar"_s);
    m_removeAvatar->setObjectName(u"removeAvatar"_s);
    m_removeAvatar->hide();
    connect(m_changeAvatar, &QPushButton::clicked, this,
            [this] { AvatarCropDialog::choose(this, [this](const QImage &picture) { setAvatar(picture); }); });
    connect(m_removeAvatar, &QPushButton::clicked, this, [this] {
        ProfileChange change;
        change.avatar = QString();
        updateProfile(change);
    });
    connect(m_signature, &QLineEdit::editingFinished, this, &SettingsPage::saveProfile);
    connect(m_findable, &QCheckBox::clicked, this, [this](bool findable) {
        ProfileChange change;
        change.findableByPhone = findable;
        updateProfile(change);
    });
    m_presenceAudience->setObjectName(u"presenceAudience"_s);
    m_presenceAudience->addItem(tr("Everyone"), int(PresenceAudience::Everyone));
    m_presenceAudience->addItem(tr("My friends"), int(PresenceAudience::Friends));
    m_presenceAudience->addItem(tr("Nobody"), int(PresenceAudience::Nobody));
    connect(m_presenceAudience, &QComboBox::activated, this, [this] {
        ProfileChange change;
        change.presenceAudience = PresenceAudience(m_presenceAudience->currentData().toInt());
        updateProfile(change);
    });
    m_shareTyping->setObjectName(u"shareTyping"_s);
    m_shareTyping->setChecked(settings.value(QLatin1StringView(kShareTyping), true).toBool());
    connect(m_shareTyping, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(QLatin1StringView(kShareTyping), on); });
    m_notify->setChecked(settings.value(QLatin1StringView(Notifier::kEnabled), true).toBool());
    m_preview->setChecked(settings.value(QLatin1StringView(Notifier::kPreview), true).toBool());
    m_preview->setEnabled(m_notify->isChecked());
    m_quietElsewhere->setObjectName(u"quietElsewhere"_s);
    m_quietElsewhere->setChecked(settings.value(QLatin1StringView(Notifier::kQuietWhileElsewhere), true).toBool());
    m_quietElsewhere->setEnabled(m_notify->isChecked());
    connect(m_notify, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QLatin1StringView(Notifier::kEnabled), on);
        m_preview->setEnabled(on);
        m_quietElsewhere->setEnabled(on);
    });
    connect(m_quietElsewhere, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(QLatin1StringView(Notifier::kQuietWhileElsewhere), on); });
    connect(m_preview, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(QLatin1StringView(Notifier::kPreview), on); });
    connect(m_sendKey, &QButtonGroup::idClicked, this,
            [](int id) { QSettings().setValue(QLatin1StringView(kSendKey), id == 1); });
    connect(m_language, &QComboBox::activated, this, [this] {
        const QString language = m_language->currentData().toString();
        QSettings().setValue(QLatin1StringView(kLanguage), language);
        Q_EMIT languageChanged(language);
    });
    connect(revokeOthers, &QPushButton::clicked, this, [this] { changeDevices(m_client.devices().revokeOthers()); });
    connect(logOut, &QPushButton::clicked, this, [this] { Q_EMIT logOutRequested(m_removeData->isChecked()); });
    connect(deleteAccount, &QPushButton::clicked, this, [this] {
        auto *dialog = new DeleteAccountDialog(m_client, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    PeopleApi &people = m_client.people();
    onProfile(people.myProfile());
    m_findable->setChecked(people.findableByPhone());
    showPresenceAudience(people.presenceAudience());
    connect(&people, &PeopleApi::myProfileChanged, this, &SettingsPage::onProfile);
    connect(&people, &PeopleApi::findableByPhoneChanged, m_findable, &QCheckBox::setChecked);
    connect(&people, &PeopleApi::presenceAudienceChanged, this, &SettingsPage::showPresenceAudience);
}

QLayout *SettingsPage::mediaSection()
{
    FilesApi &files = m_client.files();
    m_autoDownload->setObjectName(u"autoDownload"_s);
    m_cacheLimit->setObjectName(u"cacheLimit"_s);
    m_cacheUsed->setObjectName(u"cacheUsed"_s);
    fillSizes(m_autoDownload, kAutoDownloadChoices, files.autoDownloadBytes(), tr("Never"));
    fillSizes(m_cacheLimit, kCacheLimitChoices, files.cacheLimitBytes(), QString());
    connect(m_autoDownload, &QComboBox::activated, this,
            [this] { m_client.files().setAutoDownloadBytes(m_autoDownload->currentData().toULongLong()); });
    connect(m_cacheLimit, &QComboBox::activated, this, [this] {
        m_client.files().setCacheLimitBytes(m_cacheLimit->currentData().toULongLong());
        showCacheSize(); // trimming to a smaller cap shows at once
    });
    auto *clear = new QPushButton(tr("Clear cache"));
    clear->setObjectName(u"clearCache"_s);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_client.files().clearCache().then(this, [this](const Result<quint64> &freed) {
            if (!freed)
                popups::inform(this, tr("Cache not cleared"), errorText(freed.error()));
            showCacheSize();
        });
    });
    auto *used = new QHBoxLayout;
    used->addWidget(m_cacheUsed);
    used->addWidget(clear);
    used->addStretch();
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Download pictures and voice by themselves up to"), m_autoDownload);
    form->addRow(tr("Media kept on this computer, at most"), m_cacheLimit);
    form->addRow(tr("Media on this computer now"), used);
    return form;
}

void SettingsPage::showCacheSize()
{
    m_client.files().cacheSize().then(this, [this](const Result<quint64> &bytes) {
        m_cacheUsed->setText(bytes ? QLocale().formattedDataSize(qint64(bytes.value())) : errorText(bytes.error()));
    });
}

void SettingsPage::showEvent(QShowEvent *event)
{
    listDevices();
    showCacheSize();
    QWidget::showEvent(event);
}

void SettingsPage::listDevices()
{
    m_client.devices().list().then(this, [this](const Result<QList<DeviceInfo>> &devices) {
        onDevices(devices ? devices.value() : QList<DeviceInfo>());
    });
}

void SettingsPage::changeDevices(const Answer<Done> &request)
{
    request.then(this, [this](const Result<Done> &done) {
        if (!done)
            popups::inform(this, tr("Not logged out"), errorText(done.error()));
        listDevices();
    });
}

void SettingsPage::setAvatar(const QImage &picture)
{
    m_changeAvatar->setEnabled(false);
    m_changeAvatar->setText(tr("Uploading…"));
    m_client.files().uploadAvatar(picture).then(this, [this](const Result<QString> &fileId) {
        m_changeAvatar->setEnabled(true);
        m_changeAvatar->setText(tr("Change picture…"));
        if (!fileId) {
            popups::inform(this, tr("Picture not changed"), errorText(fileId.error()));
            return;
        }
        ProfileChange change;
        change.avatar = fileId.value();
        updateProfile(change);
    });
}

void SettingsPage::updateProfile(const ProfileChange &change)
{
    m_client.people().updateMyProfile(change).then(this, [this](const Result<UserProfile> &updated) {
        if (updated)
            return;
        onProfile(m_me); // what is stored stays shown
        m_findable->setChecked(m_client.people().findableByPhone());
        showPresenceAudience(m_client.people().presenceAudience());
        popups::inform(this, tr("Not saved"), errorText(updated.error()));
    });
}

void SettingsPage::showPresenceAudience(PresenceAudience audience)
{
    m_presenceAudience->setCurrentIndex(std::max(0, m_presenceAudience->findData(int(audience))));
}

void SettingsPage::onProfile(const UserProfile &me)
{
    m_me = me;
    m_avatar->showAvatar(me.userId, me.displayName());
    m_removeAvatar->setVisible(!me.avatar.isEmpty());
    m_id->setText(tr("Your Parley ID: %1").arg(me.userId));
    if (!m_nickname->hasFocus())
        m_nickname->setText(me.nickname);
    if (!m_signature->hasFocus())
        m_signature->setText(me.signature);
}

void SettingsPage::saveProfile()
{
    ProfileChange change;
    const QString nickname = m_nickname->text().trimmed();
    if (!nickname.isEmpty() && nickname != m_me.nickname)
        change.nickname = nickname;
    if (m_signature->text().trimmed() != m_me.signature)
        change.signature = m_signature->text().trimmed();
    if (change.nickname || change.signature)
        updateProfile(change);
}

void SettingsPage::onDevices(const QList<DeviceInfo> &devices)
{
    while (QLayoutItem *item = m_devices->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const DeviceInfo &d : devices) {
        auto *row = new QWidget;
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        const QString name = d.name.isEmpty() ? d.platform : u"%1 (%2)"_s.arg(d.name, d.platform);
        const QString state = d.current  ? tr("this computer")
                              : d.online ? tr("online")
                                         : tr("last seen %1").arg(TimeText::listStamp(d.lastSeenAtMs));
        rowLayout->addWidget(new QLabel(u"%1 — %2"_s.arg(name, state)), 1);
        if (!d.current) {
            auto *revoke = new QPushButton(tr("Log out"));
            const QString id = d.deviceId;
            connect(revoke, &QPushButton::clicked, this, [this, id] { changeDevices(m_client.devices().revoke(id)); });
            rowLayout->addWidget(revoke);
        }
        m_devices->addWidget(row);
    }
}

} // namespace parley
