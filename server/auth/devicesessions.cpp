#include "server/auth/devicesessions.h"

#include "common/securerandom.h"
#include "protocol/limits.h"
#include "protocol/textrules.h"
#include "server/iclock.h"
#include "server/net/sessionregistry.h"
#include "server/storage/istore.h"

#include <QCryptographicHash>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxUidAttempts = 8;
constexpr char kSuspended[] = "this account is suspended";
QString newUid()
{
    return secureRandomId(DeviceSessions::kUidLength);
}

// A device's platform and name, as others of the user's devices list them: one clean line (a host name may hold
// anything), shortened.
QString clipped(const std::string &text)
{
    return limits::fittedName(QString::fromStdString(text), DeviceSessions::kMaxDeviceFieldLength);
}

} // namespace

bool DeviceSessions::isValidDeviceId(const QString &deviceId)
{
    return !deviceId.isEmpty() && deviceId.size() <= kMaxDeviceIdLength;
}

QByteArray DeviceSessions::tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256);
}

Result<DeviceSessions::LoggedIn> DeviceSessions::logIn(IStore &store, const QString &phone,
                                                       const v1::LoginRequest &request) const
{
    const QString deviceId = QString::fromStdString(request.device_id());
    if (!isValidDeviceId(deviceId))
        return Error(ErrorCode::InvalidDevice, u"device id missing or longer than %1"_s.arg(kMaxDeviceIdLength));
    const qint64 now = m_clock.nowMs();

    LoggedIn result;
    if (std::optional<UserRecord> existing = store.userByPhone(phone)) {
        if (store.accounts().suspendedSince(existing->id) > 0)
            return Error(ErrorCode::AccountSuspended, QString::fromLatin1(kSuspended));
        result.user = *existing;
    } else {
        QString uid;
        for (int attempt = 0; attempt < kMaxUidAttempts && uid.isEmpty(); ++attempt) {
            const QString candidate = newUid();
            if (!store.userByUid(candidate))
                uid = candidate;
        }
        std::optional<UserRecord> created = uid.isEmpty() ? std::nullopt : store.createUser(phone, uid, now);
        if (!created)
            return Error(ErrorCode::Unavailable, u"could not create the account"_s);
        result.user = *created;
        result.newUser = true;
    }

    result.token = QString::fromLatin1(
        secureRandomBytes(kTokenBytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString platform = clipped(request.platform());
    const std::optional<qint64> session = store.createSession(
        result.user.id, deviceId, platform, clipped(request.device_name()), tokenHash(result.token), now);
    if (!session)
        return Error(ErrorCode::Unavailable, u"could not open the session"_s);
    if (m_maxPerPlatform > 0) {
        QList<SessionRecord> samePlatform = store.activeSessions(result.user.id); // oldest first
        samePlatform.removeIf([&](const SessionRecord &s) { return s.platform != platform; });
        for (qsizetype i = 0; i + m_maxPerPlatform < samePlatform.size(); ++i) {
            store.revokeSession(samePlatform[i].id, RevokeReason::Kicked, now);
            result.kickedDevices.append(samePlatform[i].deviceId);
        }
    }
    return result;
}

ConnectOutcome DeviceSessions::authenticate(IStore &store, const v1::ConnectRequest &request) const
{
    ConnectOutcome outcome;
    const QString deviceId = QString::fromStdString(request.device_id());
    const QString userUid = QString::fromStdString(request.user_id());
    const QString token = QString::fromStdString(request.token());
    if (!isValidDeviceId(deviceId)) {
        outcome.code = v1::CONNECTION_REFUSED_IDENTIFIER_REJECTED;
        outcome.message = u"device id missing or too long"_s;
        return outcome;
    }
    const std::optional<SessionRecord> session =
        token.isEmpty() ? std::nullopt : store.sessionByTokenHash(tokenHash(token));
    if (store.failed()) {
        outcome.code = v1::CONNECTION_REFUSED_SERVER_UNAVAILABLE;
        outcome.message = u"storage unavailable"_s;
        return outcome;
    }
    if (!session || session->userUid != userUid) {
        outcome.code = v1::CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
        outcome.message = u"unknown user or token; log in again"_s;
        return outcome;
    }
    if (store.accounts().isDeleted(session->userId)) {
        // Whatever else happened to this device before (a suspension), or a login that raced the deletion.
        const Revoked why = revoked(RevokeReason::AccountDeleted);
        outcome.code = why.refusal;
        outcome.message = why.message;
        return outcome;
    }
    if (session->revoked) {
        // Logged out by a suspension since lifted: logged out by the operator, as far as this device goes.
        const bool lifted =
            session->revokeReason == RevokeReason::Suspended && store.accounts().suspendedSince(session->userId) == 0;
        const Revoked why = revoked(lifted ? RevokeReason::ByOperator : session->revokeReason);
        outcome.code = why.refusal;
        outcome.message = why.message;
        return outcome;
    }
    if (store.accounts().suspendedSince(session->userId) > 0) {
        // Suspended as this device logged in on another node (the suspension revoked the sessions it saw).
        outcome.code = v1::CONNECTION_REFUSED_ACCOUNT_SUSPENDED;
        outcome.message = QString::fromLatin1(kSuspended);
        return outcome;
    }
    if (session->deviceId != deviceId) {
        outcome.code = v1::CONNECTION_REFUSED_SESSION_NOT_EXIST;
        outcome.message = u"this token belongs to another device"_s;
        return outcome;
    }
    store.touchSession(session->id, m_clock.nowMs());
    outcome.code = v1::CONNECTION_ACCEPTED;
    outcome.user = AuthenticatedUser{session->userId, session->userUid, session->deviceId, clipped(request.platform()),
                                     session->id};
    return outcome;
}

DeviceSessions::Revoked DeviceSessions::revoked(RevokeReason reason)
{
    switch (reason) {
    case RevokeReason::Kicked:
        return {v1::CONNECTION_REFUSED_KICKED, v1::DISCONNECT_KICKED,
                u"a newer login on another device of this kind replaced this one"_s};
    case RevokeReason::RevokedByUser:
        return {v1::CONNECTION_REFUSED_NOT_AUTHORIZED, v1::DISCONNECT_DEVICE_REVOKED,
                u"this device was logged out from another device"_s};
    case RevokeReason::Suspended:
        return {v1::CONNECTION_REFUSED_ACCOUNT_SUSPENDED, v1::DISCONNECT_ACCOUNT_SUSPENDED,
                QString::fromLatin1(kSuspended)};
    case RevokeReason::AccountDeleted:
        return {v1::CONNECTION_REFUSED_ACCOUNT_DELETED, v1::DISCONNECT_ACCOUNT_DELETED, u"this account was deleted"_s};
    case RevokeReason::ByOperator:
        return {v1::CONNECTION_REFUSED_NOT_AUTHORIZED, v1::DISCONNECT_TOKEN_REVOKED,
                u"this device was logged out by the server's operator"_s};
    default:
        return {v1::CONNECTION_REFUSED_NOT_AUTHORIZED, v1::DISCONNECT_TOKEN_REVOKED,
                u"this device was logged out; log in again"_s};
    }
}

QStringList DeviceSessions::revokeAll(IStore &store, qint64 userId, RevokeReason reason, qint64 nowMs)
{
    QStringList devices;
    for (const SessionRecord &s : store.activeSessions(userId)) {
        store.revokeSession(s.id, reason, nowMs);
        devices.append(s.deviceId);
    }
    return devices;
}

std::function<void(SessionRegistry &)> DeviceSessions::disconnecting(qint64 userId, QStringList devices,
                                                                     RevokeReason reason)
{
    return [userId, devices = std::move(devices), why = revoked(reason)](SessionRegistry &registry) {
        for (const QString &device : devices)
            registry.disconnectDevice(userId, device, why.disconnect, why.message);
    };
}

std::function<void(SessionRegistry &)> DeviceSessions::shuttingOut(qint64 userId, QStringList devices,
                                                                   RevokeReason reason)
{
    return [userId, reason, disconnect = disconnecting(userId, std::move(devices), reason)](SessionRegistry &registry) {
        registry.setShutOut(userId, reason); // first: a CONNECT on its way is refused
        disconnect(registry);
    };
}

void DeviceSessions::logOut(IStore &store, qint64 sessionRecordId) const
{
    store.revokeSession(sessionRecordId, RevokeReason::LoggedOut, m_clock.nowMs());
}

Result<QStringList> DeviceSessions::revoke(IStore &store, const AuthenticatedUser &user, const QString &deviceId,
                                           bool allOthers) const
{
    if (!allOthers && deviceId == user.deviceId)
        return Error(ErrorCode::MalformedRequest, u"to log out this device, use LGO"_s);
    QStringList revoked;
    for (const SessionRecord &s : store.activeSessions(user.userId)) {
        if (s.id == user.sessionRecordId || (!allOthers && s.deviceId != deviceId))
            continue;
        store.revokeSession(s.id, RevokeReason::RevokedByUser, m_clock.nowMs());
        revoked.append(s.deviceId);
    }
    if (revoked.isEmpty() && !allOthers)
        return Error(ErrorCode::NotFound, u"no such device"_s);
    return revoked;
}

} // namespace parley::server
