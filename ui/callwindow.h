#pragma once

#include "core/types/callstate.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSoundEffect;
class QTimer;

namespace parley {

class Client;
class DesktopNotifications;
class NameBook;
class VideoView;

// The call window: a window of its own, so that it can be moved aside while chatting. It comes up when a call
// rings here (the caller's avatar and name, accept with voice, accept with video, decline; a ring and a desktop
// notification) or when I place one, and shows the call as it goes: its status and duration, the peer's video
// with my preview in a corner, and the microphone, camera, device and hang-up buttons. It closes a moment after
// the call ends, saying how it ended. Follows Client::calls(); sends intents only. GUI thread.
class CallWindow : public QWidget {
    Q_OBJECT

public:
    static constexpr int kEndedShownMs = 2500; // how long "Call ended" stays before the window closes
    static constexpr int kTickMs = 1000;       // the duration's refresh

    CallWindow(Client &client, NameBook &names, DesktopNotifications *notifications, QWidget *parent = nullptr);
    ~CallWindow() override;

    // Calls `peer` (the header's buttons); a refusal is said in words in the window.
    void place(const QString &peer, int media);

    // What the status line says for a call in this state (`nowMs`: for the duration), as the window shows it.
    static QString statusText(const CallState &state, qint64 nowMs);
    // "3:07", "1:02:03".
    static QString durationText(qint64 ms);

    // For tests and screenshots.
    QString status() const;
    VideoView *videoView() const { return m_video; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onState(const CallState &state);
    void updateControls();
    // What changes with time alone: the duration, and a picture that stopped.
    void updateStatus();
    void showDevices();
    void retranslate();

    Client &m_client;
    NameBook &m_names;
    DesktopNotifications *m_notifications;
    CallState m_state;
    QString m_error; // why the call could not be placed
    VideoView *m_video;
    QWidget *m_incomingBar;
    QWidget *m_callBar;
    QPushButton *m_acceptVoice;
    QPushButton *m_acceptVideo;
    QPushButton *m_decline;
    QPushButton *m_mute;
    QPushButton *m_camera;
    QPushButton *m_devices;
    QPushButton *m_hangUp;
    QTimer *m_tick;
    QTimer *m_closeLater;
    QSoundEffect *m_ring;
};

} // namespace parley
