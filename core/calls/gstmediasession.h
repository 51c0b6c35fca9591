#pragma once

#include "core/calls/mediasession.h"

#include <memory>

typedef struct _GstElement GstElement;

namespace parley {

// A call's peer connection on GStreamer's webrtcbin (with libnice): Opus audio, VP8 video, bundled on one
// transport. Sending: a microphone (or a test tone) → volume (mute) → Opus; a camera (or a test pattern) →
// scaled to the configured size, at most the configured rate → VP8, and a small copy to the local preview (the
// camera off is the camera let go: nothing is sent, and its light goes out). Receiving:
// each incoming stream is decoded, the sound played (dropped with test sources), the pictures handed to the
// remote VideoFrameSlot. Packets are counted where they enter and leave webrtcbin.
//
// GStreamer calls back on its own threads: those callbacks only post to this object's thread (or, for the
// receiving chains and the frames, work on their own data); every call into webrtcbin is made from here.
// webrtcbin 1.22 does not restart ICE: a failed session is replaced by a new one (CallManager).
class GstMediaSession final : public MediaSession {
    Q_OBJECT

public:
    explicit GstMediaSession(Config config, QObject *parent = nullptr);
    ~GstMediaSession() override;

    static std::unique_ptr<MediaSession> create(const Config &config);
    // The VP8 encoder as a call sends pictures of this size and rate (a gst-launch description; benchmarks
    // measure it alone as their reference).
    static QByteArray videoEncoder(QSize size, int fps);

    void start() override;
    void setRemoteDescription(const QString &type, const QString &sdp) override;
    void addRemoteCandidate(int mlineIndex, const QString &candidate) override;
    void setMicrophoneMuted(bool muted) override;
    void setCameraOn(bool on) override;
    void setDevices(const MediaDeviceChoice &devices) override;
    MediaCounters counters() const override;
    State state() const override { return m_state; }

    // What the callbacks on GStreamer's threads share with this object (gstmediasession.cpp).
    struct Shared;

private:
    struct Callbacks;

    bool build(QString *error);
    void fail(const QString &why);
    void onIceState(int iceState);
    void onDescriptionCreated(const QString &type, const QString &sdp);
    void createAnswer();
    bool startCamera(); // the camera (or the test pattern) into the video chain
    void stopCamera();
    // Replaces the source linked into `into` (a microphone or a camera) by `source` (nullptr: by none).
    void replaceSource(GstElement *&current, GstElement *source, const char *into);

    Config m_config;
    State m_state = State::New;
    std::shared_ptr<Shared> m_shared;
    GstElement *m_pipeline = nullptr;
    GstElement *m_webrtc = nullptr;
    GstElement *m_microphone = nullptr; // the source elements, replaced when the device changes
    GstElement *m_camera = nullptr;
};

} // namespace parley
