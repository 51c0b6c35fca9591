#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QHostAddress>

#include <functional>
#include <memory>

namespace parley::server {

// The operator's port: plain HTTP, on 127.0.0.1 by default and never on the clients' ports.
//   GET /metrics  Metrics in the Prometheus text format.
//   GET /healthz  200 "ok" while parleyd serves; 503 and the reason when it cannot (storage stalled).
// Built on Boost.Beast, as the files port is, on one thread of its own: a scrape never waits for a client.
// Start and stop from the main thread; `metrics` and `health` are called on the ops thread and must be
// thread-safe.
class OpsServer {
public:
    static constexpr int kIdleTimeoutS = 30; // a scraper's keep-alive link silent this long is closed
    static constexpr int kMaxHeaderBytes = 8 << 10;
    static constexpr int kAcceptRetryMs = 100; // after a failed accept (no descriptors left)

    struct Health {
        bool ok = true;
        QByteArray reason; // when not ok: one line for the operator
    };
    struct Options {
        QHostAddress address;
        int port = 0; // 0: any free one
        std::function<QByteArray()> metrics;
        std::function<Health()> health;
    };

    explicit OpsServer(Options options);
    ~OpsServer();
    OpsServer(const OpsServer &) = delete;
    OpsServer &operator=(const OpsServer &) = delete;

    // Listens and starts the thread; the port it listens on.
    Result<int> start();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace parley::server
