#include "ui/callwindow.h"

#include "core/calls/mediadevices.h"
#include "core/calls/videoframeslot.h"
#include "core/client.h"
#include "core/models/namebook.h"
#include "ui/desktopnotifications.h"
#include "ui/errortext.h"
#include "ui/popups.h"
#include "ui/videoview.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QHBoxLayout>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSoundEffect>
#include <QTimer>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;
using Phase = CallState::Phase;

namespace {

constexpr QSize kButtonSize(52, 52);
constexpr QSize kIconSize(24, 24);
constexpr QSize kWindowSize(420, 580);

// The devices chosen in the menu, kept between calls (empty: the system's default).
constexpr char kMicrophoneKey[] = "calls/microphone";
constexpr char kSpeakerKey[] = "calls/speaker";
constexpr char kCameraKey[] = "calls/camera";

QPushButton *roundButton(const char *objectName, const char *icon, QWidget *parent)
{
    auto *button = new QPushButton(parent);
    button->setObjectName(QLatin1String(objectName));
    button->setIcon(QIcon(QLatin1String(icon)));
    button->setIconSize(kIconSize);
    button->setFixedSize(kButtonSize);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

MediaDeviceChoice savedDevices()
{
    QSettings settings;
    return MediaDeviceChoice{settings.value(QLatin1String(kMicrophoneKey)).toString(),
                             settings.value(QLatin1String(kSpeakerKey)).toString(),
                             settings.value(QLatin1String(kCameraKey)).toString()};
}

} // namespace

CallWindow::CallWindow(Client &client, NameBook &names, DesktopNotifications *notifications, QWidget *parent)
    : QWidget(parent, Qt::Window),
      m_client(client),
      m_names(names),
      m_notifications(notifications),
      m_video(new VideoView(client.calls().remoteVideo(), client.calls().localVideo(), this)),
      m_incomingBar(new QWidget(this)),
      m_callBar(new QWidget(this)),
      m_acceptVoice(roundButton("acceptButton", ":/icons/call-phone.svg", m_incomingBar)),
      m_acceptVideo(roundButton("acceptButton", ":/icons/call-video.svg", m_incomingBar)),
      m_decline(roundButton("hangUpButton", ":/icons/call-hangup.svg", m_incomingBar)),
      m_mute(roundButton("callButton", ":/icons/call-mic.svg", m_callBar)),
      m_camera(roundButton("callButton", ":/icons/call-video.svg", m_callBar)),
      m_devices(roundButton("callButton", ":/icons/call-devices.svg", m_callBar)),
      m_hangUp(roundButton("hangUpButton", ":/icons/call-hangup.svg", m_callBar)),
      m_tick(new QTimer(this)),
      m_closeLater(new QTimer(this)),
      m_ring(new QSoundEffect(this))
{
    setObjectName(u"callWindow"_s);
    setAttribute(Qt::WA_StyledBackground);
    resize(kWindowSize);

    auto *incoming = new QHBoxLayout(m_incomingBar);
    incoming->setContentsMargins(24, 16, 24, 24);
    incoming->addWidget(m_decline);
    incoming->addStretch(1);
    incoming->addWidget(m_acceptVoice);
    incoming->addSpacing(16);
    incoming->addWidget(m_acceptVideo);
    auto *inCall = new QHBoxLayout(m_callBar);
    inCall->setContentsMargins(24, 16, 24, 24);
    inCall->addStretch(1);
    for (QPushButton *b : {m_mute, m_camera, m_devices}) {
        inCall->addWidget(b);
        inCall->addSpacing(16);
    }
    inCall->addWidget(m_hangUp);
    inCall->addStretch(1);
    m_mute->setCheckable(true);
    m_camera->setCheckable(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_video, 1);
    layout->addWidget(m_incomingBar);
    layout->addWidget(m_callBar);

    m_ring->setSource(QUrl(u"qrc:/sounds/ring.wav"_s));
    m_ring->setLoopCount(QSoundEffect::Infinite);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &CallWindow::updateStatus);
    m_closeLater->setSingleShot(true);
    m_closeLater->setInterval(kEndedShownMs);
    connect(m_closeLater, &QTimer::timeout, this, &QWidget::hide);

    CallsApi &calls = client.calls();
    connect(&calls, &CallsApi::stateChanged, this, &CallWindow::onState);
    connect(m_acceptVoice, &QPushButton::clicked, this, [&calls] { calls.accept(content::kCallVoice); });
    connect(m_acceptVideo, &QPushButton::clicked, this, [&calls] { calls.accept(content::kCallVideo); });
    connect(m_decline, &QPushButton::clicked, this, [&calls] { calls.decline(); });
    connect(m_hangUp, &QPushButton::clicked, this, [&calls] { calls.hangUp(); });
    connect(m_mute, &QPushButton::clicked, this, [&calls](bool muted) { calls.setMicrophoneMuted(muted); });
    connect(m_camera, &QPushButton::clicked, this, [&calls](bool off) { calls.setCameraOn(!off); });
    connect(m_devices, &QPushButton::clicked, this, &CallWindow::showDevices);
    retranslate();
    onState(calls.current());
}

CallWindow::~CallWindow() = default;

QString CallWindow::durationText(qint64 ms)
{
    const qint64 s = std::max<qint64>(ms, 0) / 1000;
    if (s >= 3600)
        return u"%1:%2:%3"_s.arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString CallWindow::statusText(const CallState &state, qint64 nowMs)
{
    switch (state.phase) {
    case Phase::Idle: return {};
    case Phase::Dialing: return tr("Calling…");
    case Phase::Ringing: return tr("Ringing…");
    case Phase::Incoming: return state.isVideo() ? tr("Incoming video call") : tr("Incoming voice call");
    case Phase::Connecting: return tr("Connecting…");
    case Phase::Active: return durationText(nowMs - state.connectedAtMs);
    case Phase::Reconnecting: return tr("Connection lost. Reconnecting…");
    case Phase::Ended: break;
    }
    if (state.answeredElsewhere)
        return tr("Answered on another device");
    switch (state.ended) {
    case content::CallEnd::HungUp:
        return state.durationMs > 0 ? tr("Call ended · %1").arg(durationText(state.durationMs)) : tr("Call ended");
    case content::CallEnd::Cancelled: return state.outgoing ? tr("Call cancelled") : tr("Missed call");
    case content::CallEnd::Declined: return state.endedByMe ? tr("You declined the call") : tr("Call declined");
    case content::CallEnd::Busy: return tr("Busy: in another call");
    case content::CallEnd::NoAnswer: return state.outgoing ? tr("No answer") : tr("Missed call");
    case content::CallEnd::Unreachable: return tr("Not reachable: not online on any device");
    case content::CallEnd::Failed:
        return state.connectedAtMs ? tr("The connection was lost") : tr("The call could not connect");
    case content::CallEnd::ConnectionLost: return tr("The connection was lost");
    case content::CallEnd::Unspecified: break;
    }
    return tr("Call ended");
}

QString CallWindow::status() const
{
    return m_error.isEmpty() ? statusText(m_state, QDateTime::currentMSecsSinceEpoch()) : m_error;
}

void CallWindow::place(const QString &peer, int media)
{
    if (m_client.calls().current().isLive()) { // one call at a time: the one under way comes up
        show();
        raise();
        activateWindow();
        return;
    }
    m_error.clear();
    m_client.calls().call(peer, media).then(this, [this, peer](const Result<CallState> &placed) {
        if (placed)
            return;
        // Not placed (refused, offline, …): said in the window, which then closes.
        m_error = errorText(placed.error());
        m_video->setPeer(peer, m_names.userName(peer));
        updateControls();
        show();
        m_closeLater->start();
    });
}

void CallWindow::onState(const CallState &state)
{
    const bool newCall = state.callId != m_state.callId || (state.isLive() && !m_state.isLive());
    const bool wasIncoming = m_state.phase == Phase::Incoming;
    const QString previousPeer = m_state.peer;
    m_state = state;
    if (state.phase == Phase::Idle) { // logged out: nothing of the call stays
        m_ring->stop();
        if (m_notifications && wasIncoming)
            m_notifications->withdraw(ConversationKey::withUser(previousPeer));
        m_tick->stop();
        m_closeLater->stop();
        hide();
        return;
    }
    if (newCall) {
        m_client.calls().setDevices(savedDevices()); // for this call's media (the account may be a new one)
        m_error.clear();
        m_video->clear();
        m_video->setPeer(state.peer, m_names.userName(state.peer));
        setWindowTitle(m_names.userName(state.peer));
    }
    if (state.phase == Phase::Incoming) {
        m_ring->play();
        if (m_notifications && !wasIncoming)
            m_notifications->show(ConversationKey::withUser(state.peer), m_names.userName(state.peer),
                                  statusText(state, 0));
    } else {
        m_ring->stop();
        if (m_notifications && wasIncoming)
            m_notifications->withdraw(ConversationKey::withUser(state.peer));
    }
    if (state.isLive()) {
        m_closeLater->stop();
        m_tick->start();
        if (!isVisible() || newCall) {
            show();
            raise();
            if (state.phase == Phase::Incoming || state.outgoing)
                activateWindow();
        }
    } else {
        m_tick->stop();
        if (isVisible())
            m_closeLater->start();
    }
    updateControls();
}

void CallWindow::updateControls()
{
    const bool incoming = m_state.phase == Phase::Incoming && m_error.isEmpty();
    m_incomingBar->setVisible(incoming);
    m_callBar->setVisible(!incoming);
    m_acceptVideo->setVisible(m_state.isVideo());
    const bool live = m_state.isLive() && m_error.isEmpty();
    for (QPushButton *b : {m_mute, m_devices, m_hangUp})
        b->setEnabled(live);
    m_camera->setVisible(m_state.isVideo());
    m_camera->setEnabled(live);
    m_mute->setChecked(m_state.microphoneMuted);
    m_mute->setIcon(QIcon(m_state.microphoneMuted ? u":/icons/call-mic-off.svg"_s : u":/icons/call-mic.svg"_s));
    m_mute->setToolTip(m_state.microphoneMuted ? tr("Unmute the microphone") : tr("Mute the microphone"));
    m_camera->setChecked(!m_state.cameraOn);
    m_camera->setIcon(QIcon(m_state.cameraOn ? u":/icons/call-video.svg"_s : u":/icons/call-video-off.svg"_s));
    m_camera->setToolTip(m_state.cameraOn ? tr("Turn the camera off") : tr("Turn the camera on"));
    for (QPushButton *b : {m_mute, m_camera})
        b->setAccessibleName(b->toolTip());
    m_video->setVideo(m_state.isVideo() && m_state.isAnswered(), m_state.cameraOn);
    updateStatus();
}

void CallWindow::updateStatus()
{
    m_video->setStatus(status()); // the duration goes on
    m_video->update();            // a picture that stopped coming gives way to the avatar
}

void CallWindow::showDevices()
{
    // Listed when asked (GStreamer's device monitor probes for a few milliseconds).
    QMenu *menu = popups::contextMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const MediaDeviceChoice chosen = savedDevices();
    const auto section = [&](const QString &title, MediaDevices::Kind kind, const char *key, const QString &current) {
        menu->addSection(title);
        QStringList names = MediaDevices::names(kind);
        names.prepend(QString());
        for (const QString &name : std::as_const(names)) {
            QAction *action = menu->addAction(name.isEmpty() ? tr("System default") : name);
            action->setCheckable(true);
            action->setChecked(name == current);
            connect(action, &QAction::triggered, this, [this, key, name] {
                QSettings().setValue(QLatin1String(key), name);
                m_client.calls().setDevices(savedDevices());
            });
        }
    };
    section(tr("Microphone"), MediaDevices::Kind::Microphone, kMicrophoneKey, chosen.microphone);
    section(tr("Speaker"), MediaDevices::Kind::Speaker, kSpeakerKey, chosen.speaker);
    if (m_state.isVideo())
        section(tr("Camera"), MediaDevices::Kind::Camera, kCameraKey, chosen.camera);
    menu->popup(m_devices->mapToGlobal(QPoint(0, -menu->sizeHint().height())));
}

void CallWindow::closeEvent(QCloseEvent *event)
{
    // Closing the window of a call under way ends it (declines one that rings), as its red button does.
    if (m_state.phase == Phase::Incoming)
        m_client.calls().decline();
    else if (m_state.isLive())
        m_client.calls().hangUp();
    event->accept();
}

void CallWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CallWindow::retranslate()
{
    m_acceptVoice->setToolTip(tr("Answer with voice"));
    m_acceptVideo->setToolTip(tr("Answer with video"));
    m_decline->setToolTip(tr("Decline"));
    m_devices->setToolTip(tr("Microphone, speaker and camera"));
    m_hangUp->setToolTip(tr("Hang up"));
    for (QPushButton *b : {m_acceptVoice, m_acceptVideo, m_decline, m_devices, m_hangUp})
        b->setAccessibleName(b->toolTip());
    updateControls();
}

} // namespace parley
