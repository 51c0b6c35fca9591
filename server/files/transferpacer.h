#pragma once

#include <QtGlobal>

#include <array>
#include <mutex>

namespace parley::server {

// Transfers yield to messages. On a small machine a node's uploads and downloads — TLS, hashing, and writes
// that the chat's commits then wait behind in their fsync — can take every core and the disk, and chat
// messages, which users feel at once, queue behind bytes that nobody watches arrive. The pacer watches how
// long parleyd takes with each message stored (MS, from its session admitting it to the answer, the commit
// included) and paces the files port's bytes so that those times stay near their quiet level: a delay-based
// controller, as LEDBAT (RFC 6817) is for background traffic.
//
// - The quiet level is the lowest of the per-window slowest sends over the last kQuietSpanS seconds, before
//   the window being judged.
// - A window whose slowest send took over kTargetFactor × that (and over kMinTargetUs) while bytes moved cuts
//   the transfers' rate to kDecrease of the rate in force (of what they moved in that window, if they were
//   unpaced), never below kMinBytesPerSecond; a window within it raises the rate by kIncrease; a window
//   without sends or without bytes by kIdleIncrease, up to kUnpacedBytesPerSecond, past which they are
//   unpaced again.
// - A fixed cap (--transfer-max-rate) holds whatever the controller says.
//
// Without messages, or with yielding switched off, transfers run at full speed (or at the cap). Times are
// passed in (microseconds of the monotonic clock: steadyNowUs()), so tests move them by hand. Thread-safe: network
// threads report sends, transfer threads reserve bytes.
class TransferPacer {
public:
    static constexpr qint64 kWindowUs = 100'000;
    static constexpr int kQuietSpanS = 60;
    static constexpr double kTargetFactor = 2.0;
    static constexpr qint64 kMinTargetUs = 4'000;
    static constexpr double kDecrease = 0.7;
    static constexpr double kIncrease = 1.05;
    static constexpr double kIdleIncrease = 1.25;
    static constexpr qint64 kMinBytesPerSecond = 32 << 20;
    static constexpr qint64 kUnpacedBytesPerSecond = qint64(2) << 30;
    static constexpr qint64 kBurstUs = 20'000; // bytes a pace allows at once after a pause: this long's worth

    struct Options {
        bool yieldToMessages = true;
        qint64 maxBytesPerSecond = 0; // 0: no cap
    };
    struct State {
        qint64 bytesPerSecond = 0; // the transfers' rate, all together; 0: unpaced
        qint64 quietSendUs = 0;    // the quiet level of a send's time; 0 before any send was seen
    };

    explicit TransferPacer(Options options);

    // A message was stored and answered `tookUs` after its session admitted it.
    void messageAnswered(qint64 nowUs, qint64 tookUs);
    // `bytes` of a transfer moved (or are about to): how long (µs) that transfer should wait before it moves
    // more; 0: go on.
    qint64 reserve(qint64 nowUs, qint64 bytes);

    // As of `nowUs` (for the operator, and tests).
    State state(qint64 nowUs);

private:
    struct Second {
        qint64 second = -1;
        qint64 slowestUs = 0; // the lowest of this second's per-window slowest sends
    };

    void advanceTo(qint64 nowUs);
    void closeWindow();
    qint64 quietLocked() const;
    double rateLocked() const;

    const Options m_options;
    mutable std::mutex m_mutex;
    qint64 m_windowStartUs = -1;
    qint64 m_windowSlowestUs = 0; // 0: no send in this window
    qint64 m_windowBytes = 0;
    double m_rate = 0; // the controller's, bytes per second; 0: unpaced
    qint64 m_nextUs = 0;
    std::array<Second, kQuietSpanS> m_seconds{};
};

} // namespace parley::server
