#pragma once

#include "parley.pb.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace parley::server {

// The STUN and TURN servers a device of a call is told to use (CallInfo.ice_servers). TURN credentials follow
// the TURN REST scheme that coturn checks with `use-auth-secret`: the username is "<expiry in Unix seconds>:<user
// id>", the credential base64(HMAC-SHA1(shared secret, username)), good until the expiry. None configured:
// devices use their host candidates only, which is enough on one network. Any thread (read-only).
class IceServers {
public:
    static constexpr int kDefaultTurnTtlS = 3600; // --turn-ttl

    struct Config {
        QStringList stunUrls;  // --stun
        QStringList turnUrls;  // --turn
        QByteArray turnSecret; // --turn-secret-file: coturn's static-auth-secret
        int turnTtlS = kDefaultTurnTtlS;
    };

    explicit IceServers(Config config) : m_config(std::move(config)) {}

    // Appends the servers for `uid`'s device, the TURN credential good from nowMs for the configured time.
    void fill(v1::CallInfo &info, const QString &uid, qint64 nowMs) const;

    static QString turnUsername(qint64 expiresAtS, const QString &uid);
    static QString turnCredential(const QByteArray &secret, const QString &username);

private:
    Config m_config;
};

} // namespace parley::server
