#pragma once

#include "protocol/limits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace parley::server {

// Everything parleyd can be told, with the defaults it runs with. Filled from the command line and an
// optional INI file by CommandLine; `parleyd --help` lists every option.
struct ServerConfig {
    static constexpr int kPortDisabled = -1; // "off": do not listen
    // Port 0 picks a free port; the "ready" line on stdout says which.

    QString dataDir; // database, certificate, secrets, dev codes
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    int tlsPort = 7800;          // binary frames over TLS
    int wsPort = 7801;           // WebSocket JSON, plain
    static constexpr int kDefaultWssPort = 7802; // on by default when a certificate is given (--cert)
    int wssPort = kPortDisabled; // WebSocket JSON over TLS (uses the TLS certificate)
    int filesPort = 7803;        // HTTPS for files: tus uploads, downloads (uses the TLS certificate)
    int filesPublicPort = 0;     // the files port clients are told to use (0: filesPort; behind a port-forward)
    int opsPort = 7809;          // plain HTTP for the operator: /metrics, /healthz (OpsServer)
    QHostAddress opsAddress = QHostAddress(QHostAddress::LocalHost); // never the clients' --listen by default
    QString filesDir;            // blobs and uploads; empty: dataDir/files
    QString certificateFile;     // PEM; empty: a self-signed one in dataDir
    QString privateKeyFile;      // PEM, with certificateFile
    QString database;            // "sqlite:<path>" or a postgresql:// URL; empty: sqlite in dataDir
    QString copyTo;              // a postgresql:// URL: copy the SQLite store there and exit (StoreCopier)
    QString redis;               // redis:// or unix: URL: the nodes of a cluster tell each other there (ClusterBus)

    int ioThreads = 0; // 0: one per core
    int maxConnectionsPerAddress = 100;
    int acceptRatePerSecond = 0; // new links admitted per second, the rest in turn (AcceptPacer); 0: 500 per ioThread
    int maxHandshakes = 0;       // links in their handshake at once (HandshakeSlots); 0: 64 per ioThread
    int handshakeLeaseMs = 3000; // a link that has not sent CONNECT stops counting as in its handshake then
    int authTimeoutS = 10; // close links that do not CONNECT in time
    int idleTimeoutS = 90; // close links silent this long (heartbeat is a third)
    int revocationCheckS = 10; // a device logged out on another node that missed the word is closed by then

    // Calls: ICE servers handed to devices (IceServers), and how long a call rings or goes unheard of.
    QStringList stunUrls;
    QStringList turnUrls;
    QByteArray turnSecret; // read from --turn-secret-file
    int turnTtlS = 3600;
    int ringTimeoutS = limits::kDefaultRingTimeoutS;
    int callSilenceS = limits::kCallSilenceMs / 1000;

    QString codeSender = QStringLiteral("dev"); // "dev" (log + file) or "webhook"
    QString codeWebhookUrl;
    int codeTtlS = 300;
    int codeMaxTries = 5;
    int codePhoneIntervalS = 60; // at most one code per phone per interval
    int codePhonePerHour = 5;
    int codeAddressPerHour = 30; // 0: unlimited (load tests)
    int codeBlockPerHour = 50;   // 0: unlimited (load tests)

    int sendRatePerSecond = 100; // per link, token bucket; 0: unlimited
    int sendBurst = 300;
    int lookupRatePerMinute = 20; // user searches and friend requests per link, sustained; 0: unlimited
    int lookupBurst = 30;

    int recallLimitS = 120;        // a sender may recall a message this long; 0: never
    int editLimitS = limits::kDefaultEditLimitS; // a sender may edit a text message this long; 0: never
    int maxDevicesPerPlatform = 0; // 0: unlimited; else a newer login logs out the oldest
    int inboxRetentionDays = 30;   // undelivered inbox items are kept this long

    int allowStrangerMessages = 0;   // 1: anyone may message anyone; 0: only friends and group co-members
    int friendRequestExpiryDays = 7; // a friend request not answered by then expires
    int friendRequestRepeatS = 3600; // a repeated request within this time does not notify again
    int maxGroupSize = limits::kDefaultMaxGroupSize;             // members, owner included
    int maxGroupNameLength = limits::kDefaultMaxGroupName;       // characters
    int maxAnnouncementLength = limits::kDefaultMaxAnnouncement; // characters

    int maxFileSizeMiB = limits::kDefaultMaxFileSizeMiB; // the largest file
    int userQuotaMiB = 0;       // what one user may store; 0: no quota
    int uploadGraceHours = 24;  // an upload nobody continues this long is removed
    int orphanGraceHours = 24;  // a file no message carries this long is removed
    int fileGrantTtlS = 3600;   // upload and download grants and possession challenges are good this long
    int transferThreads = 2;    // threads of the files port
    int transferMaxRateMiB = 0; // MiB/s the files port moves at most, all transfers together; 0: no cap
    int transfersYield = 1;     // 1: transfers slow down while they slow the chat's messages (TransferPacer)
};

} // namespace parley::server
