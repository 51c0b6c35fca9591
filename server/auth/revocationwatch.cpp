#include "server/auth/revocationwatch.h"

#include "server/auth/devicesessions.h"
#include "server/iclock.h"
#include "server/logging.h"
#include "server/net/sessionregistry.h"
#include "server/storage/istore.h"
#include "server/storage/storeexecutor.h"

#include <QPointer>
#include <QTimer>

namespace parley::server {

RevocationWatch::RevocationWatch(StoreExecutor &store, SessionRegistry &registry, const IClock &clock, int intervalMs,
                                 QObject *parent)
    : QObject(parent),
      m_store(store),
      m_registry(registry),
      m_clock(clock),
      m_timer(new QTimer(this)),
      m_coveredFromMs(clock.nowMs())
{
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, &RevocationWatch::check);
}

void RevocationWatch::start()
{
    m_timer->start();
}

void RevocationWatch::stop()
{
    m_timer->stop();
}

void RevocationWatch::check()
{
    if (m_checking) // the store is slow: the next look covers this one's time too
        return;
    m_checking = true;
    const qint64 startedAtMs = m_clock.nowMs();
    const qint64 sinceMs = m_coveredFromMs - kOverlapMs;
    SessionRegistry *registry = &m_registry;
    const QPointer<RevocationWatch> self(this);
    const auto finished = [self](std::optional<qint64> coveredFromMs) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, coveredFromMs] {
                if (!self)
                    return;
                self->m_checking = false;
                if (coveredFromMs)
                    self->m_coveredFromMs = *coveredFromMs;
            },
            Qt::QueuedConnection);
    };
    m_store.submit<QList<SessionRecord>>(
        [sinceMs](IStore &store) { return store.sessionsRevokedSince(sinceMs); },
        [registry, finished, startedAtMs](QList<SessionRecord> revoked) {
            for (const SessionRecord &s : revoked) { // those not here are not found there
                const DeviceSessions::Revoked why = DeviceSessions::revoked(s.revokeReason);
                registry->disconnectSessionRecordHere(s.userId, s.deviceId, s.id, why.disconnect, why.message);
            }
            finished(startedAtMs);
        },
        [finished](const Error &error) {
            qCWarning(lcAuth).noquote() << "cannot look for devices logged out lately:" << error.message;
            finished(std::nullopt);
        });
}

} // namespace parley::server
