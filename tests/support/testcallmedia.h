#pragma once

#include "core/calls/mediasession.h"

// How test clients make calls: GStreamer's test tone and pattern instead of devices, small pictures (two
// sides on two cores), candidates on 127.0.0.1; with relayOnly, only relayed ones (through a TURN server).
inline parley::CallMediaOptions testCallMedia(bool relayOnly = false)
{
    parley::CallMediaOptions media;
    media.testSources = true;
    media.loopbackCandidates = true;
    media.relayOnly = relayOnly;
    media.videoSize = QSize(320, 240);
    media.videoFps = 15;
    return media;
}
