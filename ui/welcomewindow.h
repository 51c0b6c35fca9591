#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace parley {

class Client;

// A new account's first step, before the main window: the name friends will see (required: without one a
// friend finds a blank in search and an "N" for a picture) and, if the user likes, a picture, square-cropped.
// "Continue" saves them (the picture uploaded first) and says in words what went wrong, if anything; both
// can be changed later in settings. GUI thread.
class WelcomeWindow : public QWidget {
    Q_OBJECT

public:
    explicit WelcomeWindow(Client &client, QWidget *parent = nullptr);

Q_SIGNALS:
    // The profile is saved: on to the main window.
    void finished();

private:
    void choosePicture();
    void onContinue();
    void saveProfile(const QString &avatarFileId);
    void failed(const QString &message);
    void setBusy(bool busy);

    Client &m_client;
    QLabel *m_picture;
    QPushButton *m_choosePicture;
    QLineEdit *m_name;
    QLabel *m_message;
    QPushButton *m_continue;
    QImage m_chosen;
    bool m_busy = false;
};

} // namespace parley
