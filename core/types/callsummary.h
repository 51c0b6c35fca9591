#pragma once

#include "protocol/contenttypes.h"

#include <QtGlobal>

namespace parley {

// What a call record (content::kCallRecord, content::kMissedCall) says of its call.
struct CallSummary {
    int media = 0; // content::kCallVoice, kCallVideo
    content::CallEnd reason = content::CallEnd::Unspecified;
    qint64 durationMs = 0; // of an answered call

    bool isVideo() const { return media == content::kCallVideo; }
    friend bool operator==(const CallSummary &, const CallSummary &) = default;
};

} // namespace parley
