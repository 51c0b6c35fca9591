#include "server/auth/deviceservice.h"

#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "server/auth/devicesessions.h"
#include "server/net/sessionregistry.h"
#include "server/routing/requestrouter.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

void DeviceService::addRoutes(RequestRouter &router)
{
    const RequestPolicy policy{RequestPolicy::Access::AfterConnect, RequestPolicy::Budget::None};
    router.add<v1::DeviceListRequest>(
        SubSignal::DVL, policy,
        [registry = &m_registry](IStore &store, const Call &call, const v1::DeviceListRequest &) {
            const AuthenticatedUser &me = call.me();
            const QSet<QString> online = registry->onlineDevices(me.userId);
            v1::Result result;
            v1::DeviceList *devices = result.mutable_devices();
            for (const SessionRecord &s : store.activeSessions(me.userId)) {
                v1::Device *d = devices->add_devices();
                d->set_device_id(s.deviceId.toStdString());
                d->set_platform(s.platform.toStdString());
                d->set_device_name(s.deviceName.toStdString());
                d->set_logged_in_at(s.createdAtMs);
                d->set_last_seen_at(s.lastSeenAtMs);
                d->set_online(online.contains(s.deviceId));
                d->set_current(s.id == me.sessionRecordId);
            }
            return Outcome(result);
        });
    router.add<v1::RevokeDeviceRequest>(
        SubSignal::DVR, policy,
        [sessions = &m_sessions](IStore &store, const Call &call, const v1::RevokeDeviceRequest &request) -> Outcome {
            const Result<QStringList> revoked =
                sessions->revoke(store, call.me(), QString::fromStdString(request.device_id()), request.all_others());
            if (!revoked)
                return revoked.error();
            Outcome outcome{v1::Result()};
            // Told as a late word (RevocationWatch, a pull) would tell it.
            outcome.afterCommit =
                DeviceSessions::disconnecting(call.me().userId, revoked.value(), RevokeReason::RevokedByUser);
            return outcome;
        },
        [](const v1::RevokeDeviceRequest &request) -> std::optional<Error> {
            if (request.device_id().empty() != request.all_others()) // neither, or both
                return Error(ErrorCode::MalformedRequest, u"name one device, or all the others"_s);
            return std::nullopt;
        });
    // Nothing stored: "someone is using this device" goes to the user's other online devices, which stay
    // quiet (no desktop notifications) while it lasts. It pushes, so it draws on the send budget.
    router.add<v1::ActivityRequest>(
        SubSignal::DA, {RequestPolicy::Access::AfterConnect, RequestPolicy::Budget::Send},
        [](IStore &, const Call &call, const v1::ActivityRequest &request) {
            v1::ActivityNotice notice;
            notice.set_device_id(call.me().deviceId.toStdString());
            notice.set_platform(call.me().platform.toStdString());
            notice.set_active(request.active());
            Outcome outcome{v1::Result()};
            outcome.afterCommit = [me = call.me().userId, except = call.sessionId(),
                                   frame = Frame{Signal::Push, SubSignal::DAN, 0, toBytes(notice)}](
                                      SessionRegistry &registry) { registry.pushToUser(me, frame, except); };
            return outcome;
        });
}

} // namespace parley::server
