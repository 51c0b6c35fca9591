#include "server/calls/callsweeper.h"

#include "server/calls/callledger.h"
#include "server/iclock.h"
#include "server/logging.h"
#include "server/messaging/conversationlock.h"
#include "server/routing/outcome.h"
#include "server/storage/istore.h"
#include "server/storage/lockkey.h"
#include "server/storage/storeexecutor.h"

#include <QPointer>
#include <QTimer>

namespace parley::server {

CallSweeper::CallSweeper(StoreExecutor &store, SessionRegistry &registry, const CallLedger &ledger, const IClock &clock,
                         QObject *parent)
    : QObject(parent), m_store(store), m_registry(registry), m_ledger(ledger), m_clock(clock), m_timer(new QTimer(this))
{
    m_timer->setInterval(kIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &CallSweeper::sweep);
}

void CallSweeper::start()
{
    m_timer->start();
}

void CallSweeper::stop()
{
    m_timer->stop();
}

void CallSweeper::sweep()
{
    if (m_sweeping) // the store is slow: the next look finds these too
        return;
    m_sweeping = true;
    const QPointer<CallSweeper> self(this);
    const auto finished = [self] {
        QMetaObject::invokeMethod(
            self.data(),
            [self] {
                if (self)
                    self->m_sweeping = false;
            },
            Qt::QueuedConnection);
    };
    const qint64 nowMs = m_clock.nowMs();
    m_store.submit<QList<CallRow>>(
        [nowMs](IStore &store) { return store.calls().callsDueBy(nowMs, kMaxPerLook); },
        [store = &m_store, registry = &m_registry, ledger = &m_ledger, clock = &m_clock,
         finished](const QList<CallRow> &due) {
            // Storage thread: each ends in a job of its own, under the locks a device's hang-up takes.
            for (const CallRow &row : due) {
                const QList<qint64> locks{
                    LockKey::ofCall(row.id),
                    ConversationLock::keyOf(row.callerUid, v1::CONVERSATION_PRIVATE, row.calleeUid.toStdString())};
                store->submit<Outcome>(
                    [ledger, clock, id = row.id](IStore &s) { return ledger->endIfDue(s, id, clock->nowMs()); },
                    [registry](Outcome ended) {
                        pushDeliveries(*registry, ended.deliveries);
                        if (ended.afterCommit)
                            ended.afterCommit(*registry);
                    },
                    [](const Error &error) {
                        qCWarning(lcMessaging).noquote() << "cannot end a call at its deadline:" << error.message;
                    },
                    locks);
            }
            finished();
        },
        [finished](const Error &error) {
            qCWarning(lcMessaging).noquote() << "cannot look for calls past their deadline:" << error.message;
            finished();
        });
}

} // namespace parley::server
