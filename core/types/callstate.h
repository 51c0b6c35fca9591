#pragma once

#include "protocol/contenttypes.h"

#include <QMetaType>
#include <QString>

namespace parley {

// The call this device is in, or last was in, as the UI shows it. One at a time.
struct CallState {
    enum class Phase {
        Idle,         // no call yet
        Dialing,      // outgoing: the invitation is on its way to parleyd
        Ringing,      // outgoing: the callee's devices ring
        Incoming,     // incoming: this device rings
        Connecting,   // answered: the media is being set up
        Active,       // media flowing both ways
        Reconnecting, // the media stopped: a new connection is being tried (see CallManager::kReconnectLimitMs)
        Ended,        // over; `ended` says why
    };

    QString callId;
    QString peer; // the other person's user id
    bool outgoing = false;
    int media = content::kCallVoice; // as answered (as offered until then): content::kCallVoice, kCallVideo
    Phase phase = Phase::Idle;
    content::CallEnd ended = content::CallEnd::Unspecified;
    bool answeredElsewhere = false; // Ended: another of my devices took this incoming call
    bool endedByMe = false;         // Ended: by this device
    qint64 ringUntilMs = 0;         // Ringing, Incoming: server time it gives up
    qint64 connectedAtMs = 0;       // local time the media first flowed (the duration counts from it)
    qint64 durationMs = 0;          // Ended: of an answered call, as parleyd counted it
    bool microphoneMuted = false;
    bool cameraOn = false;

    bool isVideo() const { return media == content::kCallVideo; }
    // Whether a call is under way (ringing or answered): another one cannot start.
    bool isLive() const { return phase != Phase::Idle && phase != Phase::Ended; }
    bool isAnswered() const
    {
        return phase == Phase::Connecting || phase == Phase::Active || phase == Phase::Reconnecting;
    }
    friend bool operator==(const CallState &, const CallState &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::CallState)
