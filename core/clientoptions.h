#pragma once

#include "core/calls/mediasession.h"
#include "core/net/connectiontimings.h"
#include "core/net/serveraddress.h"

#include <QString>

#include <functional>

namespace parley {

class ITransport;

// How a Client reaches its server and where it keeps its data.
struct ClientOptions {
    static constexpr quint16 kDefaultPort = 7800;

    QString host = QStringLiteral("127.0.0.1");
    quint16 port = kDefaultPort;
    // Other nodes of the same service (one certificate, one database): after a failed attempt the connection
    // tries the next address, in turn, with the same backoff. The account is the one of host:port.
    QList<ServerAddress> moreServers;
    // SHA-256 of a self-hosted server's certificate (hex); empty: verify against the system's CAs.
    QString pinnedFingerprint;
    // Settings, device id and one cache database per account live here.
    QString dataDir;
    // The keychain service name the session token is stored under.
    QString keychainService = QStringLiteral("Parley");
    QString platform;   // default: QSysInfo::productType()
    QString deviceName; // default: QSysInfo::machineHostName()
    ConnectionTimings timings;
    int sendAttemptTimeoutMs = 0; // 0: Outbox::kAttemptTimeoutMs
    // For tests: a transport other than TLS. Called on the engine thread.
    std::function<ITransport *()> transportFactory;
    // Calls: where the sound and pictures come from, and (for tests) another media stack than GStreamer's.
    CallMediaOptions callMedia;
    MediaSession::Factory mediaSessionFactory;
};

} // namespace parley
