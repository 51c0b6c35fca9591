#pragma once

#include <QObject>

class QTimer;

namespace parley::server {

class IClock;
class SessionRegistry;
class StoreExecutor;

// Closes this node's links of device sessions revoked elsewhere whose word never came: a device logged out, an
// account suspended or deleted on another node while Redis was away (or that node died holding the word), or a
// login on this node that crossed the logout (its CONNECT checked before the revocation's commit, added after
// the word went by). Every interval it asks the store for the sessions revoked since the last look (less
// kOverlapMs, for commits that came late and for other nodes' clocks) and disconnects those still here, each
// matched by its session record, not its device id: a newer login of that device stays. So a revoked device is
// gone within one interval on every node, with or without Redis and whether or not it ever pulls. Main thread.
class RevocationWatch final : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kOverlapMs = 60 * 1000;

    RevocationWatch(StoreExecutor &store, SessionRegistry &registry, const IClock &clock, int intervalMs,
                    QObject *parent = nullptr);

    void start();
    void stop();
    // One look now (the timer's work).
    void check();

private:
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
    const IClock &m_clock;
    QTimer *m_timer;
    qint64 m_coveredFromMs; // revocations before this were looked for
    bool m_checking = false;
};

} // namespace parley::server
