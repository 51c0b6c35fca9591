#include "server/files/transferpacer.h"

#include <algorithm>

namespace parley::server {

namespace {

constexpr double kUsPerSecond = 1e6;
// Windows closed one by one after a pause; past this many the rate has grown back to unpaced anyway.
constexpr int kMaxWindowsClosedAtOnce = 64;

} // namespace

TransferPacer::TransferPacer(Options options) : m_options(options)
{
}

void TransferPacer::messageAnswered(qint64 nowUs, qint64 tookUs)
{
    const std::lock_guard lock(m_mutex);
    advanceTo(nowUs);
    m_windowSlowestUs = std::max({m_windowSlowestUs, tookUs, qint64(1)});
}

qint64 TransferPacer::reserve(qint64 nowUs, qint64 bytes)
{
    const std::lock_guard lock(m_mutex);
    advanceTo(nowUs);
    m_windowBytes += bytes;
    const double rate = rateLocked();
    if (rate <= 0)
        return 0;
    m_nextUs = std::max(m_nextUs, nowUs - kBurstUs) + qint64(double(bytes) * kUsPerSecond / rate);
    return std::max<qint64>(0, m_nextUs - nowUs);
}

TransferPacer::State TransferPacer::state(qint64 nowUs)
{
    const std::lock_guard lock(m_mutex);
    advanceTo(nowUs);
    return {qint64(rateLocked()), quietLocked()};
}

void TransferPacer::advanceTo(qint64 nowUs)
{
    if (m_windowStartUs < 0)
        m_windowStartUs = nowUs;
    for (int closed = 0; nowUs >= m_windowStartUs + kWindowUs; ++closed) {
        if (closed == kMaxWindowsClosedAtOnce) {
            m_windowStartUs = nowUs;
            break;
        }
        closeWindow();
        m_windowStartUs += kWindowUs;
    }
}

void TransferPacer::closeWindow()
{
    const auto grow = [this](double factor) {
        if (m_rate > 0 && (m_rate *= factor) >= double(kUnpacedBytesPerSecond))
            m_rate = 0;
    };
    // Against the level before this window: one slow throughout does not make itself the quiet level.
    const qint64 target = std::max(kMinTargetUs, qint64(kTargetFactor * double(quietLocked())));
    if (m_windowSlowestUs > 0) {
        Second &slot = m_seconds[size_t(m_windowStartUs / qint64(kUsPerSecond) % kQuietSpanS)];
        if (const qint64 second = m_windowStartUs / qint64(kUsPerSecond); slot.second != second)
            slot = {second, m_windowSlowestUs};
        else
            slot.slowestUs = std::min(slot.slowestUs, m_windowSlowestUs);
    }
    if (!m_options.yieldToMessages || m_windowSlowestUs == 0 || m_windowBytes == 0) {
        grow(kIdleIncrease); // nothing to yield to, or nothing that yields: no evidence against the transfers
    } else if (m_windowSlowestUs > target) {
        const double now = rateLocked(); // the rate in force (under a cap, m_rate may be far above it)
        const double from = now > 0 ? now : double(m_windowBytes) * kUsPerSecond / double(kWindowUs);
        m_rate = std::max(double(kMinBytesPerSecond), from * kDecrease);
    } else {
        grow(kIncrease);
    }
    m_windowSlowestUs = 0;
    m_windowBytes = 0;
}

qint64 TransferPacer::quietLocked() const
{
    const qint64 now = m_windowStartUs / qint64(kUsPerSecond);
    qint64 quiet = 0;
    for (const Second &s : m_seconds) {
        if (s.second >= 0 && s.second > now - kQuietSpanS && (quiet == 0 || s.slowestUs < quiet))
            quiet = s.slowestUs;
    }
    return quiet;
}

double TransferPacer::rateLocked() const
{
    const double cap = double(m_options.maxBytesPerSecond);
    if (cap <= 0)
        return m_rate;
    return m_rate > 0 ? std::min(m_rate, cap) : cap;
}

} // namespace parley::server
