#pragma once

#include <atomic>

namespace parley::server {

// The links between their admission and the end of their handshake: TLS, then a CONNECT answered (accepted or
// refused), a first request that is not a CONNECT (a link that logs in), or the link's close. These are what a
// node is paying for while it lets a crowd in: AcceptPacer admits a link only while fewer than `limit` are in
// handshake, so that the handshakes under way finish soon whatever the machine's speed, and the rest wait
// their turn in the kernel's accept queue. Until it sends CONNECT a link holds its slot for `leaseMs` at most, so
// links that never get that far slow admission down to `limit` per lease, never stop it. Any thread.
class HandshakeSlots {
public:
    HandshakeSlots(int limit, int leaseMs) : m_limit(limit), m_leaseMs(leaseMs) {}
    HandshakeSlots(const HandshakeSlots &) = delete;
    HandshakeSlots &operator=(const HandshakeSlots &) = delete;

    bool tryTake()
    {
        int n = m_inUse.load(std::memory_order_relaxed);
        do {
            if (n >= m_limit)
                return false;
        } while (!m_inUse.compare_exchange_weak(n, n + 1, std::memory_order_relaxed));
        return true;
    }
    void give() { m_inUse.fetch_sub(1, std::memory_order_relaxed); }
    int leaseMs() const { return m_leaseMs; }

private:
    const int m_limit;
    const int m_leaseMs;
    std::atomic<int> m_inUse{0};
};

} // namespace parley::server
