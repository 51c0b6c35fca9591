#pragma once

namespace parley {

// Every interval of the long connection in one place. Defaults are what the app uses; tests shorten
// them to run in milliseconds.
struct ConnectionTimings {
    static constexpr int kRequestTimeoutMs = 10000;   // a PUB_ACK / CONNECT_ACK must arrive within this
    static constexpr int kPongTimeoutMs = 10000;      // after a PING; else the link is dead
    static constexpr int kDefaultHeartbeatMs = 30000; // idle time before a PING (the server may say less)
    static constexpr int kTickMs = 500;               // granularity of the checks above

    int requestTimeoutMs = kRequestTimeoutMs;
    int pongTimeoutMs = kPongTimeoutMs;
    int heartbeatMs = kDefaultHeartbeatMs; // replaced by CONNECT_ACK's heartbeat_interval_s when smaller
    int tickMs = kTickMs;
    int backoffInitialMs = 1000;
    int backoffCapMs = 60000;
};

} // namespace parley
