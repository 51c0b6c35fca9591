#pragma once

#include "core/calls/iceserver.h"
#include "protocol/error.h"

#include <QList>
#include <QObject>
#include <QSize>
#include <QString>

#include <functional>
#include <memory>

namespace parley {

class VideoFrameSlot;

// Where a call's sound and pictures come from and go to.
struct CallMediaOptions {
    // Test sources (a tone, a moving pattern) and no playback, instead of the computer's devices: for tests,
    // benchmarks and machines without any.
    bool testSources = false;
    // Offer 127.0.0.1 as a candidate too (two clients on one machine without another interface).
    bool loopbackCandidates = false;
    // Only relayed candidates (through TURN): for tests of the TURN path.
    bool relayOnly = false;
    QSize videoSize{1280, 720};
    int videoFps = 30;
};

// The devices a call uses, by their names in MediaDevices (empty: the system's default).
struct MediaDeviceChoice {
    QString microphone;
    QString speaker;
    QString camera;
    friend bool operator==(const MediaDeviceChoice &, const MediaDeviceChoice &) = default;
};

// How many RTP packets of each kind went out and came in, and how many decoded frames came in.
struct MediaCounters {
    quint64 audioPacketsIn = 0;
    quint64 videoPacketsIn = 0;
    quint64 audioPacketsOut = 0;
    quint64 videoPacketsOut = 0;
};

// One peer connection of a call (WebRTC): it makes or takes an offer, trades candidates, and sends and plays
// the media. The signalling (what to send to the peer, what came from it) goes through CallManager; this
// object only talks to the media stack. Lives on the thread that made it; its signals come on that thread.
// A connection that failed is not restarted: CallManager makes a new one within the call.
class MediaSession : public QObject {
    Q_OBJECT

public:
    enum class State {
        New,
        Connecting,
        Connected,    // ICE and DTLS are up
        Disconnected, // the path went quiet; it may come back
        Failed,       // it will not come back
    };
    Q_ENUM(State)

    struct Config {
        bool offerer = false; // the caller's side makes the offer
        bool video = false;
        QList<IceServer> iceServers;
        CallMediaOptions options;
        MediaDeviceChoice devices;
        std::shared_ptr<VideoFrameSlot> localVideo;  // my camera's preview
        std::shared_ptr<VideoFrameSlot> remoteVideo; // the peer's pictures
    };
    using Factory = std::function<std::unique_ptr<MediaSession>(const Config &)>;

    using QObject::QObject;

    // Builds the pipeline and starts capturing; the offerer then makes its offer (localDescription).
    virtual void start() = 0;
    // The peer's offer (the answerer replies with localDescription) or answer.
    virtual void setRemoteDescription(const QString &type, const QString &sdp) = 0;
    virtual void addRemoteCandidate(int mlineIndex, const QString &candidate) = 0;
    virtual void setMicrophoneMuted(bool muted) = 0;
    virtual void setCameraOn(bool on) = 0;
    // Switches a device during the call.
    virtual void setDevices(const MediaDeviceChoice &devices) = 0;
    virtual MediaCounters counters() const = 0;
    virtual State state() const = 0;

Q_SIGNALS:
    void localDescription(const QString &type, const QString &sdp);
    void localCandidate(int mlineIndex, const QString &candidate);
    void stateChanged(parley::MediaSession::State state);
    // Something went wrong that the session cannot go on with (a missing plugin, a device that failed).
    void failed(const parley::Error &error);
};

} // namespace parley
