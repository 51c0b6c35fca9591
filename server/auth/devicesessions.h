#pragma once

#include "parley.pb.h"
#include "protocol/result.h"
#include "server/net/connectoutcome.h"
#include "server/storage/records.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace parley::server {

class IClock;
class IStore;
class SessionRegistry;

// Accounts and per-device session tokens. A token is 256 random bits (base64url on the wire), given to
// the device once at login and stored by the server only as its SHA-256. Logging in again on the same
// device replaces that device's token. Storage-thread logic, used inside jobs.
class DeviceSessions {
public:
    static constexpr int kTokenBytes = 32;
    static constexpr int kMaxDeviceIdLength = 128;
    static constexpr int kMaxDeviceFieldLength = 64; // platform, device name
    static constexpr int kUidLength = 12;

    struct LoggedIn {
        UserRecord user;
        QString token;
        bool newUser = false;
        QStringList kickedDevices; // replaced by this login under the device policy
    };

    // maxPerPlatform > 0: a login beyond that many devices of one platform logs out the oldest of them.
    explicit DeviceSessions(const IClock &clock, int maxPerPlatform = 0)
        : m_clock(clock), m_maxPerPlatform(maxPerPlatform)
    {
    }

    // After the code was verified: finds or creates the user of `phone` and opens a device session.
    Result<LoggedIn> logIn(IStore &store, const QString &phone, const v1::LoginRequest &request) const;
    // Whether the CONNECT's token opens a session of this device; the caller reads the inbox head.
    ConnectOutcome authenticate(IStore &store, const v1::ConnectRequest &request) const;
    void logOut(IStore &store, qint64 sessionRecordId) const;
    // Revokes other devices of the user: one by id, or all but the asking one. Returns their device ids.
    Result<QStringList> revoke(IStore &store, const AuthenticatedUser &user, const QString &deviceId,
                               bool allOthers) const;

    // What a device whose session was revoked for `reason` is told: refused when it connects, and when its link
    // is closed (at once, or when its node learns of it late).
    struct Revoked {
        v1::ConnectCode refusal;
        v1::DisconnectReason disconnect;
        QString message;
    };
    static Revoked revoked(RevokeReason reason);
    // Revokes every active session of the user for `reason`; their device ids.
    static QStringList revokeAll(IStore &store, qint64 userId, RevokeReason reason, qint64 nowMs);
    // What tells the devices, where they are online on every node, once their revocation for `reason` has
    // committed (an Outcome's afterCommit); shuttingOut first refuses a CONNECT of the user still on its way
    // (SessionRegistry::setShutOut), for an account suspended or deleted.
    static std::function<void(SessionRegistry &)> disconnecting(qint64 userId, QStringList devices,
                                                                RevokeReason reason);
    static std::function<void(SessionRegistry &)> shuttingOut(qint64 userId, QStringList devices, RevokeReason reason);

    static bool isValidDeviceId(const QString &deviceId);
    static QByteArray tokenHash(const QString &token);

private:
    const IClock &m_clock;
    int m_maxPerPlatform;
};

} // namespace parley::server
