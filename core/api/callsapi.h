#pragma once

#include "core/api/featureapi.h"
#include "core/calls/mediasession.h"
#include "core/types/callstate.h"

#include <memory>

namespace parley {

class VideoFrameSlot;

// One-to-one voice and video calls: placing one, answering or declining one that rings here, hanging up,
// and the microphone, camera and devices during it. The call's state is current() and every change of it comes
// as stateChanged (an incoming call too: its phase is Incoming); the pictures come through the two frame slots.
// GUI thread.
class CallsApi : public FeatureApi {
    Q_OBJECT

public:
    CallsApi(Engine *engine, QObject *parent);
    ~CallsApi() override;

    void attach(Account &account) override;
    void reset() override;

    const CallState &current() const { return m_current; }
    // The peer's pictures and my camera's preview, for the call window.
    VideoFrameSlot &remoteVideo() { return *m_remote; }
    VideoFrameSlot &localVideo() { return *m_local; }

    // media: content::kCallVoice or kCallVideo. Answered with the state once the callee's devices ring, or
    // with why not (ErrorCode::InCall, Refused, NotFriends, NetworkUnreachable, …).
    Answer<CallState> call(const QString &peer, int media);
    Answer<Done> accept(int media);
    Answer<Done> decline();
    Answer<Done> hangUp();
    // Intents: the new values come back in the state.
    void setMicrophoneMuted(bool muted);
    void setCameraOn(bool on);
    void setDevices(const MediaDeviceChoice &devices);
    // Packets counted by the current call's media so far.
    Answer<MediaCounters> counters();

Q_SIGNALS:
    void stateChanged(const parley::CallState &state);

private:
    CallState m_current;
    std::shared_ptr<VideoFrameSlot> m_local, m_remote;
};

} // namespace parley
