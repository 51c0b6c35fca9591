#pragma once

#include "core/api/answer.h"
#include "core/types/deviceinfo.h"
#include "core/types/profilechange.h"
#include "core/types/userprofile.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace parley {

class AvatarLabel;
class Client;

// "Me": my profile (nickname, signature, whether people may find me by phone number), the send key, the
// language, received media (auto-download size, cache cap, clearing the cache), my logged-in devices (log out
// any other), and logging out. Preferences are kept in QSettings.
// GUI thread.
class SettingsPage : public QWidget {
    Q_OBJECT

public:
    // QSettings keys.
    static constexpr char kSendKey[] = "composer/sendWithCtrlEnter";
    static constexpr char kLanguage[] = "ui/language"; // "", "en" or "zh_CN"
    static constexpr char kShareTyping[] = "privacy/shareTyping"; // off: neither tell nor see "typing…"

    explicit SettingsPage(Client &client, QWidget *parent = nullptr);

Q_SIGNALS:
    void languageChanged(const QString &language);
    void logOutRequested(bool removeLocalData);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onProfile(const UserProfile &me);
    void showPresenceAudience(PresenceAudience audience);
    void onDevices(const QList<DeviceInfo> &devices);
    void saveProfile();
    // Uploads the square the user chose and makes it my picture.
    void setAvatar(const QImage &picture);
    void updateProfile(const ProfileChange &change);
    void listDevices();
    // A request about devices: the list again afterwards, the failure in words.
    void changeDevices(const Answer<Done> &request);
    // "Media and storage": what downloads by itself, how large the cache may grow, what it holds now.
    QLayout *mediaSection();
    void showCacheSize();

    Client &m_client;
    AvatarLabel *m_avatar;
    QPushButton *m_changeAvatar;
    QPushButton *m_removeAvatar;
    QLabel *m_id;
    QLineEdit *m_nickname;
    QLineEdit *m_signature;
    QCheckBox *m_findable;
    QCheckBox *m_shareTyping;
    QComboBox *m_presenceAudience;
    QButtonGroup *m_sendKey;
    QComboBox *m_language;
    QCheckBox *m_notify;
    QCheckBox *m_preview;
    QCheckBox *m_quietElsewhere;
    QVBoxLayout *m_devices;
    QCheckBox *m_removeData;
    QComboBox *m_autoDownload;
    QComboBox *m_cacheLimit;
    QLabel *m_cacheUsed;
    UserProfile m_me;
};

} // namespace parley
