#pragma once

#include "bench/benchrun.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <memory>

class BenchServer;
class Crowd;

namespace parley {
class Client;
}

// Sync speed: while a user's device is off, another user sends it M messages; then the device (the real
// client core: engine thread, SQLite cache) starts and catches up. Reports messages stored per second
// until it is in sync, and when the last one reached the UI thread.
class SyncRun : public BenchRun {
    Q_OBJECT

public:
    struct Options {
        int messages = 100000;
        int window = 64;
        int textBytes = 40;
    };

    SyncRun(BenchServer &server, Options options, QObject *parent = nullptr);
    ~SyncRun() override;

    void start();

private:
    void sendNext();
    void startDevice();
    void report();

    BenchServer &m_server;
    Options m_options;
    Crowd *m_crowd = nullptr;
    QTemporaryDir m_deviceDir;
    std::unique_ptr<parley::Client> m_device;
    QElapsedTimer m_clock;
    int m_sent = 0;
    int m_acked = 0;
    int m_added = 0;
    qint64 m_sendStartNs = 0;
    qint64 m_sendEndNs = 0;
    qint64 m_deviceStartNs = 0;
    qint64 m_onlineNs = 0;
    qint64 m_inSyncNs = 0;
    qint64 m_lastAddedNs = 0;
};
