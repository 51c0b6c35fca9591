#pragma once

#include "protocol/limits.h"

#include <QtGlobal>

namespace parley::server {

// The rules for verification codes (see docs/PROTOCOL.md, "Logging in").
struct CodePolicy {
    static constexpr int kDigits = limits::kCodeDigits;
    static constexpr qint64 kHourMs = 3600 * 1000;

    qint64 ttlMs = 300 * 1000;
    int maxTries = 5;
    qint64 phoneIntervalMs = 60 * 1000;
    int phonePerHour = 5;
    int addressPerHour = 30; // 0: unlimited
    // Codes per hour for numbers that differ only in their last kBlockDigits digits: SMS pumping walks a range of
    // premium-rate numbers, each asked for once, from many addresses.
    int blockPerHour = 50; // 0: unlimited
    static constexpr int kBlockDigits = 4;
};

} // namespace parley::server
