#pragma once

#include <QObject>

class QTimer;

namespace parley::server {

class CallLedger;
class IClock;
class SessionRegistry;
class StoreExecutor;

// Ends the calls whose deadline passed: unanswered when the ring timeout is over (NO_ANSWER), or answered and
// no longer kept alive by either device (CONNECTION_LOST) — also those of a node that died while they rang.
// Every node looks each kIntervalMs; of two nodes that find one call, one ends it (CallLedger::endIfDue under
// the call's lock). Main thread; the ends run on the storage thread and push from there, in commit order.
class CallSweeper final : public QObject {
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 1000;
    static constexpr int kMaxPerLook = 100; // the rest at the next look

    CallSweeper(StoreExecutor &store, SessionRegistry &registry, const CallLedger &ledger, const IClock &clock,
                QObject *parent = nullptr);

    void start();
    void stop();
    // One look now (the timer's work).
    void sweep();

private:
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
    const CallLedger &m_ledger;
    const IClock &m_clock;
    QTimer *m_timer;
    bool m_sweeping = false;
};

} // namespace parley::server
