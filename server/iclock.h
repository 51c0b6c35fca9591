#pragma once

#include <QtGlobal>

namespace parley::server {

// Wall-clock time for rules that depend on it (code expiry, rate windows, message timestamps).
// Injected so that tests can move time without waiting. Thread-safe.
class IClock {
public:
    virtual ~IClock() = default;
    virtual qint64 nowMs() const = 0; // milliseconds since the Unix epoch
};

} // namespace parley::server
