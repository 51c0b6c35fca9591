#pragma once

#include "protocol/contenttypes.h"

#include <QString>

namespace parley {

// What a call record (content::kCallRecord, content::kMissedCall) says of its call.
struct CallSummary {
    int media = 0; // content::kCallVoice, kCallVideo
    content::CallEnd reason = content::CallEnd::Unspecified;
    qint64 durationMs = 0; // of an answered call
    QString callId;        // the call's, as its signals name it

    bool isVideo() const { return media == content::kCallVideo; }
    friend bool operator==(const CallSummary &, const CallSummary &) = default;
};

} // namespace parley
