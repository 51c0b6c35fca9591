#pragma once

#include "server/iclock.h"

#include <atomic>

// A clock the test moves by hand.
class FakeClock final : public parley::server::IClock {
public:
    explicit FakeClock(qint64 startMs = 1'700'000'000'000) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now.load(); }
    void advance(qint64 ms) { m_now += ms; }

private:
    std::atomic<qint64> m_now;
};
