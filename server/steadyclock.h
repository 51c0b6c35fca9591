#pragma once

#include <QtGlobal>

#include <chrono>

namespace parley::server {

// Microseconds of the monotonic clock, for durations measured across threads: how long a storage batch has
// run, how long a message send took, the files port's pace. Not wall time (IClock is).
inline qint64 steadyNowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace parley::server
