#include "server/auth/deviceservice.h"

#include "server/auth/devicesessions.h"
#include "server/net/sessionregistry.h"
#include "server/storage/istore.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

using namespace Qt::StringLiterals;

void DeviceService::list(const RequestContext &context, Reply reply)
{
    const AuthenticatedUser user = *context.user;
    SessionRegistry *registry = &m_registry;
    m_store.submit<QList<SessionRecord>>([user](IStore &store) { return store.activeSessions(user.userId); },
                                         [reply, registry, user](QList<SessionRecord> sessions) {
                                             const QSet<QString> online = registry->onlineDevices(user.userId);
                                             v1::Result result;
                                             v1::DeviceList *devices = result.mutable_devices();
                                             for (const SessionRecord &s : std::as_const(sessions)) {
                                                 v1::Device *d = devices->add_devices();
                                                 d->set_device_id(s.deviceId.toStdString());
                                                 d->set_platform(s.platform.toStdString());
                                                 d->set_device_name(s.deviceName.toStdString());
                                                 d->set_logged_in_at(s.createdAtMs);
                                                 d->set_last_seen_at(s.lastSeenAtMs);
                                                 d->set_online(online.contains(s.deviceId));
                                                 d->set_current(s.id == user.sessionRecordId);
                                             }
                                             reply(result);
                                         },
                                         [reply](const Error &error) { reply(errorResult(error)); });
}

void DeviceService::revoke(const RequestContext &context, const v1::RevokeDeviceRequest &request, Reply reply)
{
    const AuthenticatedUser user = *context.user;
    const QString deviceId = QString::fromStdString(request.device_id());
    const bool allOthers = request.all_others();
    SessionRegistry *registry = &m_registry;
    const DeviceSessions *sessions = &m_sessions;
    m_store.submit<Result<QStringList>>(
        [sessions, user, deviceId, allOthers](IStore &store) {
            return sessions->revoke(store, user, deviceId, allOthers);
        },
        [reply, registry, user](Result<QStringList> revoked) {
            if (!revoked) {
                reply(errorResult(revoked.error()));
                return;
            }
            reply(v1::Result());
            for (const QString &device : std::as_const(revoked.value()))
                registry->disconnectDevice(user.userId, device, v1::DISCONNECT_DEVICE_REVOKED,
                                           u"logged out from another device"_s);
        },
        [reply](const Error &error) { reply(errorResult(error)); });
}

} // namespace parley::server
