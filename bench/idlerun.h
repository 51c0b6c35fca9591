#pragma once

#include "bench/benchrun.h"

#include "bench/connectcheckpoints.h"

#include <optional>

class BenchServer;
class Crowd;

// What an idle connection costs: N users log in, the server is restarted on the same data (so logins
// leave nothing behind in its memory), and they connect again, `kConnectConcurrency` handshakes at a time.
// At each checkpoint (5,000, 10,000, ... and N: ConnectCheckpoints) it reports the server's memory per connection so
// far and, for the connections since the previous checkpoint, wall time and server CPU time per connection (TLS
// handshake + CONNECT). Flat figures across checkpoints mean a connection costs the same however many are open.
class IdleRun : public BenchRun {
    Q_OBJECT

public:
    static constexpr int kConnectConcurrency = 50;

    IdleRun(BenchServer &server, int clients, QObject *parent = nullptr);
    ~IdleRun() override;

    void start();

private:
    void connectNext();
    void connectedOne();

    BenchServer &m_server;
    int m_clients;
    Crowd *m_crowd = nullptr;
    bool m_restarted = false;
    int m_next = 0;
    int m_inFlight = 0;
    int m_connected = 0;
    std::optional<ConnectCheckpoints> m_checkpoints;
};
