#pragma once

#include <QtGlobal>

namespace parley::server {

// A token bucket: `ratePerSecond` tokens per second (fractions allowed) up to `burst`. A rate of 0 means
// unlimited.
// Not thread-safe; one per session.
class TokenBucket {
public:
    TokenBucket(double ratePerSecond, int burst) : m_rate(ratePerSecond), m_burst(burst), m_tokens(burst) {}

    bool limited() const { return m_rate > 0; }

    bool take(qint64 nowMs)
    {
        if (m_rate <= 0)
            return true;
        refill(nowMs);
        if (m_tokens < 1.0)
            return false;
        m_tokens -= 1.0;
        return true;
    }

    // Seconds until a token is available (at least 1).
    quint32 retryAfterSeconds() const
    {
        if (m_rate <= 0)
            return 0;
        return quint32(std::max(1.0, (1.0 - m_tokens) / m_rate + 0.999));
    }

private:
    void refill(qint64 nowMs)
    {
        if (m_lastMs != 0)
            m_tokens = std::min(double(m_burst), m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
        m_lastMs = nowMs;
    }

    double m_rate;
    int m_burst;
    double m_tokens;
    qint64 m_lastMs = 0;
};

} // namespace parley::server
