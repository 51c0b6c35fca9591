#pragma once

#include "core/api/answer.h"
#include "core/calls/iceserver.h"
#include "core/calls/mediasession.h"
#include "core/types/callstate.h"
#include "core/types/chatmessage.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <memory>

class QTimer;

namespace parley {

namespace v1 {
class CallInfo;
class CallNotice;
class CallSignal;
class Result;
} // namespace v1

class Connection;

// This device's call: placing, ringing, answering and ending it over the long connection (CLI, CLA, CLS; CLN
// pushed), and its media through a MediaSession. One call at a time. The state is CallState; every change is
// announced by stateChanged. Engine thread.
//
// The media is watched, not trusted: the call is Active once the peer's sound arrives; with none for
// kMediaSilenceMs it is Reconnecting, and the caller's side replaces the peer connection (a new offer; webrtcbin
// 1.22 cannot restart ICE) until the sound is back: at once, then after kRenegotiateAfterMs, then after twice as
// long as the time before, at most kRenegotiateMaxMs (a connection slow to set up is not replaced before it could
// connect), or hangs up (FAILED) after kReconnectLimitMs; and at once when the long connection is back (what was
// signalled meanwhile was lost). An answered call that never gets its media ends after kMediaConnectTimeoutMs.
//
// Peer connections are numbered (CallSignal.connection): the caller's side counts from 1, the callee's takes
// the number of the offer it answers, and a signal of an earlier connection, late, is ignored. (From a peer that
// does not number them, a new SDP session in an offer says the connection was replaced.)
class CallManager : public QObject {
    Q_OBJECT

public:
    static constexpr int kMediaCheckMs = 250;
    static constexpr int kMediaSilenceMs = 4000;
    static constexpr int kRenegotiateAfterMs = 5000;
    static constexpr int kRenegotiateMaxMs = 10 * 1000;
    static constexpr int kReconnectLimitMs = 30 * 1000;
    static constexpr int kMediaConnectTimeoutMs = 30 * 1000;
    // A call found over on return (the keep-alive's ERR_NOT_FOUND) ends as ConnectionLost at once; its record,
    // synced meanwhile, corrects that for this long.
    static constexpr int kRecordWaitMs = 5000;

    struct Options {
        QString deviceId; // this device's: signals meant for another device are not this one's
        CallMediaOptions media;
        MediaSession::Factory mediaFactory;
        std::shared_ptr<VideoFrameSlot> localVideo;
        std::shared_ptr<VideoFrameSlot> remoteVideo;
    };

    CallManager(Connection &connection, Options options, QObject *parent = nullptr);
    ~CallManager() override;

    const CallState &state() const { return m_state; }
    MediaCounters counters() const;

    // Calls a friend (media: content::kCallVoice or kCallVideo); answered once parleyd rings (or ended it at
    // once: busy, unreachable) with the state then.
    void call(const QString &peer, int media, Promise<CallState> answer);
    // Takes the call ringing here, with voice or video (voice answers a video call without pictures).
    void accept(int media, Promise<Done> answer);
    void decline(Promise<Done> answer);
    // Ends the call: cancels it while it rings, hangs up once answered.
    void hangUp(Promise<Done> answer);
    void setMicrophoneMuted(bool muted);
    void setCameraOn(bool on);
    void setDevices(const MediaDeviceChoice &devices);
    // Where the pictures of the calls to come go (the window's slots).
    void setVideoSlots(std::shared_ptr<VideoFrameSlot> local, std::shared_ptr<VideoFrameSlot> remote);

    void onPush(const v1::CallNotice &notice);
    void onOnline();
    // Messages stored: the record of the call under way (parleyd writes it once a call is over) ends it as the
    // record says, as does one of a call just found over — how a device that was away learns why.
    void onMessagesArrived(const QList<ChatMessage> &messages);
    // Hangs up (parleyd is told when online): the account is closing.
    void leave();

Q_SIGNALS:
    void stateChanged(const parley::CallState &state);

private:
    void publish();
    void setPhase(CallState::Phase phase);
    // Over (here; parleyd knows already, or is told by whoever called this).
    void end(content::CallEnd reason, bool byMe, qint64 durationMs = 0);
    // Sends CLA for the current call, or for another one (an answer nobody waits for when `done` is empty).
    void act(int action, int media, int reason, std::function<void(const Result<v1::Result> &)> done = {});
    void act(const QString &callId, const QString &peer, int action, int media = 0, int reason = 0,
             std::function<void(const Result<v1::Result> &)> done = {});
    // The media stopped: Reconnecting, and on the caller's side a new peer connection.
    void reconnect();
    // Since the media first flowed (0 if it never did), by this device's clock.
    qint64 connectedForMs() const;
    void takeInfo(const v1::CallInfo &info);
    // The callee's `device` answered (pushed, or found by a keep-alive): the caller's side connects, the callee's
    // other devices stop ringing.
    void onAnswered(const QString &device, int wireMedia);
    // The call was answered with this media: its peer connection (`connection`: see takeOffer).
    void connectMedia(int wireMedia, quint32 connection);
    // The callee's side: the caller's offer of peer connection `connection` (0: unnumbered), SDP session `session`;
    // false when it is of an earlier connection (late), to be ignored.
    bool takeOffer(quint32 connection, const QString &session);
    void startMedia(quint32 connection);
    // The caller's side: the next peer connection.
    void renegotiate();
    // Whether a signal numbered `connection` is for the current peer connection.
    bool ofThisConnection(quint32 connection) const;
    void stopMedia();
    void sendSignal(v1::CallSignal &signal);
    void onMediaState(MediaSession::State state);
    void checkMedia();
    void keepAlive();
    void fail();

    Connection &m_connection;
    Options m_options;
    CallState m_state;
    QList<IceServer> m_iceServers;
    MediaDeviceChoice m_devices;
    std::unique_ptr<MediaSession> m_media;
    quint64 m_attempt = 0;  // calls placed: an answer to an earlier one is not this one's
    quint32 m_connectionNo = 0; // the current peer connection's number (0: a callee's before the first offer)
    QString m_offerSession;     // the callee's side: the SDP session of the offer the connection took
    QTimer *m_keepAlive = nullptr;
    QTimer *m_check = nullptr;
    QTimer *m_recordWait = nullptr; // running: the call just found over may take its record's reason
    bool m_ringingWhenLost = false; // that call rang here, unanswered
    QElapsedTimer m_since;        // since Connecting or Reconnecting began
    QElapsedTimer m_heard;        // since the peer's sound last arrived
    QElapsedTimer m_renegotiated; // since the caller's side last made a new connection
    int m_renegotiateAfterMs = kRenegotiateAfterMs; // until the next one
    quint64 m_audioIn = 0;        // the peer's audio packets counted at the last check
};

} // namespace parley
