#pragma once

#include <QtGlobal>

#include <functional>

namespace parley {

// Reconnect delays: exponential from `initial` to `cap`, each drawn at random between half and all of
// the current step ("equal jitter"), so that many clients a server restart dropped do not come back in
// one wave. reset() after a successful connection.
class Backoff {
public:
    static constexpr int kInitialMs = 1000;
    static constexpr int kCapMs = 60000;

    // random(bound) returns a value in [0, bound); injected for tests.
    explicit Backoff(int initialMs = kInitialMs, int capMs = kCapMs, std::function<quint32(quint32)> random = {});

    int nextDelayMs();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    int m_initialMs;
    int m_capMs;
    int m_attempt = 0;
    std::function<quint32(quint32)> m_random;
};

} // namespace parley
