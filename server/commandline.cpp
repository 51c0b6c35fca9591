#include "server/commandline.h"

#include "server/cluster/redislink.h"
#include "server/storage/postgresconnection.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

struct IntOption {
    const char *name;
    int ServerConfig::*field;
    const char *help;
    int min;
};

constexpr IntOption kIntOptions[] = {
    {"io-threads", &ServerConfig::ioThreads, "Network threads (0: one per core).", 0},
    {"max-connections-per-address", &ServerConfig::maxConnectionsPerAddress, "Open links allowed from one IP address.",
     1},
    {"accept-rate", &ServerConfig::acceptRatePerSecond,
     "New links admitted per second; more wait their turn, first come first served (0: 500 per network thread).", 0},
    {"max-handshakes", &ServerConfig::maxHandshakes,
     "Links admitted at most while others are still in their handshake (TLS and CONNECT); more wait their turn "
     "(0: 64 per network thread).",
     0},
    {"handshake-lease-ms", &ServerConfig::handshakeLeaseMs,
     "Milliseconds after which a link that has not sent CONNECT no longer counts in --max-handshakes.", 1},
    {"auth-timeout", &ServerConfig::authTimeoutS, "Seconds a link may stay unauthenticated.", 1},
    {"idle-timeout", &ServerConfig::idleTimeoutS,
     "Seconds of silence before a link is closed; clients ping at a third of it.", 3},
    {"revocation-check", &ServerConfig::revocationCheckS,
     "Seconds between looks at the devices logged out lately, on any node: one still connected here (its node's "
     "word lost while Redis was away, or its login crossed the logout) is closed then.",
     1},
    {"ring-timeout", &ServerConfig::ringTimeoutS, "Seconds a call rings before it ends unanswered.", 1},
    {"call-silence", &ServerConfig::callSilenceS,
     "Seconds an answered call may go without a word from either of its devices (they send one every 15) before "
     "parleyd ends it as lost.",
     1},
    {"turn-ttl", &ServerConfig::turnTtlS, "Seconds the TURN credentials given for a call are good for.", 60},
    {"code-ttl", &ServerConfig::codeTtlS, "Seconds a verification code stays valid.", 1},
    {"code-max-tries", &ServerConfig::codeMaxTries, "Wrong entries allowed per code.", 1},
    {"code-phone-interval", &ServerConfig::codePhoneIntervalS, "Seconds between two codes for one phone number.", 0},
    {"code-phone-per-hour", &ServerConfig::codePhonePerHour, "Codes per phone number per hour.", 1},
    {"code-address-per-hour", &ServerConfig::codeAddressPerHour,
     "Codes requested from one IP address per hour (0: unlimited).", 0},
    {"code-block-per-hour", &ServerConfig::codeBlockPerHour,
     "Codes per hour for numbers that differ only in their last four digits (0: unlimited).", 0},
    {"send-rate", &ServerConfig::sendRatePerSecond, "Messages per second one link may send, sustained (0: unlimited).",
     0},
    {"send-burst", &ServerConfig::sendBurst, "Messages one link may send in a burst.", 1},
    {"lookup-rate", &ServerConfig::lookupRatePerMinute,
     "User searches and friend requests one link may make per minute, sustained (0: unlimited).", 0},
    {"lookup-burst", &ServerConfig::lookupBurst, "User searches and friend requests one link may make in a burst.", 1},
    {"recall-limit", &ServerConfig::recallLimitS, "Seconds a sender may recall a message (0: never).", 0},
    {"edit-limit", &ServerConfig::editLimitS, "Seconds a sender may edit a text message (0: never).", 0},
    {"max-devices-per-platform", &ServerConfig::maxDevicesPerPlatform,
     "Devices of one platform (linux, windows, ...) a user may have logged in; a newer login logs the oldest "
     "out (0: unlimited).",
     0},
    {"inbox-retention-days", &ServerConfig::inboxRetentionDays,
     "Days an inbox item waits for a device that has not synced it; items every device has synced go sooner. "
     "Message history is kept regardless.",
     1},
    {"allow-stranger-messages", &ServerConfig::allowStrangerMessages,
     "1: anyone may message anyone one-to-one; 0: only friends and members of a common group start one-to-one "
     "chats.",
     0},
    {"friend-request-expiry-days", &ServerConfig::friendRequestExpiryDays,
     "Days a friend request waits for an answer before it expires.", 1},
    {"friend-request-repeat", &ServerConfig::friendRequestRepeatS,
     "Seconds within which repeating a pending friend request renews it without notifying the recipient again.", 0},
    {"max-group-size", &ServerConfig::maxGroupSize, "Members a group may have, owner included.", 2},
    {"max-group-name", &ServerConfig::maxGroupNameLength, "Characters a group name may have.", 1},
    {"max-announcement", &ServerConfig::maxAnnouncementLength, "Characters a group announcement may have.", 1},
    {"max-file-size", &ServerConfig::maxFileSizeMiB, "The largest file one may send, in MiB.", 1},
    {"user-quota", &ServerConfig::userQuotaMiB,
     "MiB of files one user may store, uploads in progress included (0: no quota).", 0},
    {"upload-grace", &ServerConfig::uploadGraceHours,
     "Hours an upload nobody continues is kept before its bytes are removed (0: at the next collection, "
     "hourly and at start).",
     0},
    {"orphan-grace", &ServerConfig::orphanGraceHours,
     "Hours a file no message carries (uploaded, never sent, or its messages recalled) is kept (0: until the "
     "next collection).",
     0},
    {"file-grant-ttl", &ServerConfig::fileGrantTtlS,
     "Seconds a grant to upload or download files is good for; clients ask for a new one when it expires.", 1},
    {"transfer-threads", &ServerConfig::transferThreads, "Threads serving the files port.", 1},
    {"transfer-max-rate", &ServerConfig::transferMaxRateMiB,
     "MiB per second the files port moves at most, uploads and downloads together (0: no cap).", 0},
    {"transfers-yield", &ServerConfig::transfersYield,
     "1: uploads and downloads slow down while they make parleyd slower to store the chat's messages (the "
     "files port's pace is in /metrics); 0: they always run at full speed (or --transfer-max-rate).",
     0},
    {"files-public-port", &ServerConfig::filesPublicPort,
     "The files port clients are told to connect to, when a port-forward or proxy stands in front of parleyd "
     "(0: the files port itself).",
     0},
};

// A port: a number (0 = pick a free one) or "off".
std::optional<int> parsePort(const QString &text)
{
    if (text == "off"_L1)
        return ServerConfig::kPortDisabled;
    bool ok = false;
    const int port = text.toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return std::nullopt;
    return port;
}

} // namespace

Result<ServerConfig> CommandLine::parse(const QStringList &arguments)
{
    ServerConfig config;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"parleyd, the Parley messaging server.\n\n"
        "Listens for the desktop client on a TLS port (binary frames) and for web peers on a WebSocket "
        "port (JSON). Stores everything in one SQLite file under the data directory, or in PostgreSQL "
        "(--database), created and migrated on start. Prints one line 'parleyd ready tls=HOST:PORT ws=HOST:PORT "
        "wss=... files=HOST:PORT fingerprint=SHA256' "
        "on stdout once it accepts connections. Every option may also be set in the --config INI file "
        "under the same name without dashes (for example: tls-port=7800).\n\n"
        "The operator's commands (find a user, log devices out, suspend an account, counts): 'parleyd admin "
        "--help'."_s);
    parser.addHelpOption();
    parser.addVersionOption();

    const QCommandLineOption configOption(u"config"_s, u"INI file with options (optional)."_s, u"file"_s);
    const QCommandLineOption dataDirOption(u"data-dir"_s,
                                           u"Directory for the database, certificate and secrets (default: %1)."_s.arg(
                                               QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
                                           u"dir"_s);
    const QCommandLineOption listenOption(u"listen"_s, u"Address to listen on (default: 127.0.0.1)."_s, u"address"_s);
    const QCommandLineOption tlsPortOption(u"tls-port"_s, u"TLS port for binary frames (default: 7800; 0: any; off)."_s,
                                           u"port"_s);
    const QCommandLineOption wsPortOption(u"ws-port"_s,
                                          u"Plain WebSocket port for JSON (default: 7801; 0: any; off)."_s, u"port"_s);
    const QCommandLineOption wssPortOption(
        u"wss-port"_s,
        u"WebSocket-over-TLS port for JSON, for browsers (default: 7802 with --cert, off without; 0: any)."_s,
        u"port"_s);
    const QCommandLineOption filesPortOption(
        u"files-port"_s,
        u"HTTPS port for files: tus uploads and downloads (default: 7803; 0: any; off: no files)."_s, u"port"_s);
    const QCommandLineOption opsPortOption(
        u"ops-port"_s,
        u"Plain HTTP port for the operator: /metrics (Prometheus) and /healthz (default: 7809; 0: any; off)."_s,
        u"port"_s);
    const QCommandLineOption opsAddressOption(
        u"ops-address"_s,
        u"Address the ops port listens on (default: 127.0.0.1, whatever --listen says). It tells anyone who "
        "can reach it how busy the server is: keep it off the Internet."_s,
        u"address"_s);
    const QCommandLineOption filesDirOption(
        u"files-dir"_s,
        u"Where files are kept (default: DATA_DIR/files): blobs/ holds the content, once per SHA-256, and "
        "uploads/ the uploads in progress. Back it up together with the database (database first). A disk "
        "of its own keeps a full one from stopping chats."_s,
        u"dir"_s);
    const QCommandLineOption certOption(
        u"cert"_s, u"TLS certificate (PEM). Default: a self-signed one created in the data directory."_s, u"file"_s);
    const QCommandLineOption keyOption(u"key"_s, u"Private key (PEM) for --cert."_s, u"file"_s);
    const QCommandLineOption databaseOption(
        u"database"_s,
        u"Database: sqlite:PATH (default: sqlite:DATA_DIR/parleyd.sqlite), or PostgreSQL as a libpq URL, "
        "postgresql://[user[:password]@][host][:port]/database[?param=value...] (for several nodes; a Unix "
        "socket as ?host=/run/postgresql)."_s,
        u"url"_s);
    const QCommandLineOption copyToOption(
        u"copy-to"_s,
        u"Copy this server's SQLite database (DATA_DIR/parleyd.sqlite, or --database sqlite:PATH) into the "
        "PostgreSQL database at URL, which must hold no Parley data yet, and exit. Stop parleyd first; then run it "
        "with --database URL. Files stay in the files directory."_s,
        u"url"_s);
    const QCommandLineOption redisOption(
        u"redis"_s,
        u"Redis, for several nodes on one PostgreSQL database: redis://[:password@]host[:port] or "
        "unix:/path/to/redis.sock[?password=...]. Each node pushes what it commits to the devices on the other "
        "nodes through it (publish/subscribe; Redis stores nothing for Parley)."_s,
        u"url"_s);
    const QCommandLineOption stunOption(
        u"stun"_s, u"STUN servers for calls, separated by spaces: stun:host[:port] ..."_s, u"urls"_s);
    const QCommandLineOption turnOption(
        u"turn"_s,
        u"TURN servers for calls, separated by spaces: turn:host[:port][?transport=udp|tcp] or turns:...; "
        "with --turn-secret-file. Devices get credentials good for --turn-ttl seconds (the TURN REST scheme of "
        "coturn's use-auth-secret)."_s,
        u"urls"_s);
    const QCommandLineOption turnSecretOption(
        u"turn-secret-file"_s, u"File holding the secret shared with the TURN servers (coturn: static-auth-secret)."_s,
        u"file"_s);
    const QCommandLineOption senderOption(
        u"code-sender"_s,
        u"How verification codes reach people: 'dev' prints them to the log and to "
        "DATA_DIR/verification-codes.log (default); 'webhook' POSTs {\"phone\",\"code\",\"purpose\"} JSON to "
        "--code-webhook-url."_s,
        u"kind"_s);
    const QCommandLineOption webhookOption(u"code-webhook-url"_s, u"URL for the webhook code sender."_s, u"url"_s);
    parser.addOptions({configOption,  dataDirOption,   listenOption,     tlsPortOption,    wsPortOption,
                       wssPortOption, filesPortOption, opsPortOption,    opsAddressOption, filesDirOption,
                       certOption,    keyOption,       databaseOption,   copyToOption,     redisOption,
                       stunOption,    turnOption,      turnSecretOption, senderOption,     webhookOption});
    QList<QCommandLineOption> intOptions;
    for (const IntOption &o : kIntOptions) {
        const int defaultValue = config.*(o.field);
        intOptions.append(QCommandLineOption(QString::fromLatin1(o.name),
                                             u"%1 (default: %2)"_s.arg(QString::fromLatin1(o.help)).arg(defaultValue),
                                             u"n"_s));
        parser.addOption(intOptions.last());
    }

    parser.process(arguments); // exits for --help, --version and unknown options

    std::optional<QSettings> file;
    if (parser.isSet(configOption)) {
        const QString path = parser.value(configOption);
        if (!QFileInfo(path).isReadable())
            return Error(ErrorCode::MalformedRequest, u"cannot read config file %1"_s.arg(path));
        file.emplace(path, QSettings::IniFormat);
    }
    // Command line first, then the config file, then the default.
    auto value = [&](const QCommandLineOption &option) -> std::optional<QString> {
        if (parser.isSet(option))
            return parser.value(option);
        const QString key = option.names().constFirst();
        if (file && file->contains(key))
            return file->value(key).toString();
        return std::nullopt;
    };

    config.dataDir = value(dataDirOption).value_or(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    if (auto v = value(listenOption)) {
        if (!config.listenAddress.setAddress(*v))
            return Error(ErrorCode::MalformedRequest, u"--listen: not an IP address: %1"_s.arg(*v));
    }
    const std::pair<const QCommandLineOption *, int ServerConfig::*> ports[] = {
        {&tlsPortOption, &ServerConfig::tlsPort}, {&wsPortOption, &ServerConfig::wsPort},
        {&wssPortOption, &ServerConfig::wssPort}, {&filesPortOption, &ServerConfig::filesPort},
        {&opsPortOption, &ServerConfig::opsPort},
    };
    for (const auto &[option, field] : ports) {
        if (auto v = value(*option)) {
            const std::optional<int> port = parsePort(*v);
            if (!port)
                return Error(ErrorCode::MalformedRequest,
                             u"--%1: expected a port number or 'off', got %2"_s.arg(option->names().constFirst(), *v));
            config.*field = *port;
        }
    }
    if (auto v = value(opsAddressOption)) {
        if (!config.opsAddress.setAddress(*v))
            return Error(ErrorCode::MalformedRequest, u"--ops-address: not an IP address: %1"_s.arg(*v));
    }
    if (config.filesPublicPort > 65535)
        return Error(ErrorCode::MalformedRequest, u"--files-public-port: not a port number"_s);
    config.filesDir = value(filesDirOption).value_or(QString());
    config.certificateFile = value(certOption).value_or(QString());
    config.privateKeyFile = value(keyOption).value_or(QString());
    if (config.certificateFile.isEmpty() != config.privateKeyFile.isEmpty())
        return Error(ErrorCode::MalformedRequest, u"--cert and --key go together"_s);
    // A certificate browsers can trust: then web peers get wss unless told otherwise.
    if (!config.certificateFile.isEmpty() && !value(wssPortOption))
        config.wssPort = ServerConfig::kDefaultWssPort;
    config.database = value(databaseOption).value_or(QString());
    if (!config.database.isEmpty() && !config.database.startsWith("sqlite:"_L1) &&
        !PostgresConnection::isUrl(config.database))
        return Error(ErrorCode::MalformedRequest,
                     u"--database: expected sqlite:PATH or postgresql://[user@]host[:port]/database"_s);
    config.copyTo = value(copyToOption).value_or(QString());
    if (!config.copyTo.isEmpty() && !PostgresConnection::isUrl(config.copyTo))
        return Error(ErrorCode::MalformedRequest, u"--copy-to: expected postgresql://[user@]host[:port]/database"_s);
    if (!config.copyTo.isEmpty() && PostgresConnection::isUrl(config.database))
        return Error(ErrorCode::MalformedRequest, u"--copy-to copies an SQLite database; --database is PostgreSQL"_s);
    config.redis = value(redisOption).value_or(QString());
    if (!config.redis.isEmpty()) {
        if (const Result<RedisLink::Address> redis = RedisLink::parse(config.redis); !redis)
            return Error(ErrorCode::MalformedRequest, u"--redis: "_s + redis.error().message);
        if (!PostgresConnection::isUrl(config.database))
            return Error(ErrorCode::MalformedRequest,
                         u"--redis joins nodes that share one PostgreSQL database: --database postgresql://..."_s);
    }
    const auto urls = [&](const QCommandLineOption &option, QStringList schemes) -> Result<QStringList> {
        QStringList list = value(option).value_or(QString()).split(u' ', Qt::SkipEmptyParts);
        const QString key = option.names().constFirst();
        if (!parser.isSet(option) && file && file->contains(key)) // in the INI file, separated by commas too
            list = file->value(key).toStringList().join(u' ').split(u' ', Qt::SkipEmptyParts);
        for (const QString &url : list) {
            if (std::none_of(schemes.cbegin(), schemes.cend(), [&](const QString &s) { return url.startsWith(s); }))
                return Error(ErrorCode::MalformedRequest,
                             u"--%1: expected %2..., got %3"_s.arg(option.names().constFirst(),
                                                                   schemes.join(u"... or "_s), url));
        }
        return list;
    };
    const Result<QStringList> stun = urls(stunOption, {u"stun:"_s, u"stuns:"_s});
    if (!stun)
        return stun.error();
    config.stunUrls = *stun;
    const Result<QStringList> turn = urls(turnOption, {u"turn:"_s, u"turns:"_s});
    if (!turn)
        return turn.error();
    config.turnUrls = *turn;
    if (auto path = value(turnSecretOption)) {
        QFile secret(*path);
        if (!secret.open(QIODevice::ReadOnly))
            return Error(ErrorCode::MalformedRequest, u"--turn-secret-file: cannot read %1"_s.arg(*path));
        config.turnSecret = secret.readAll().trimmed();
        if (config.turnSecret.isEmpty())
            return Error(ErrorCode::MalformedRequest, u"--turn-secret-file: %1 is empty"_s.arg(*path));
    }
    if (!config.turnUrls.isEmpty() && config.turnSecret.isEmpty())
        return Error(ErrorCode::MalformedRequest, u"--turn needs --turn-secret-file"_s);
    config.codeSender = value(senderOption).value_or(config.codeSender);
    if (config.codeSender != "dev"_L1 && config.codeSender != "webhook"_L1)
        return Error(ErrorCode::MalformedRequest, u"--code-sender: expected 'dev' or 'webhook'"_s);
    config.codeWebhookUrl = value(webhookOption).value_or(QString());
    if (config.codeSender == "webhook"_L1 && config.codeWebhookUrl.isEmpty())
        return Error(ErrorCode::MalformedRequest, u"--code-sender webhook needs --code-webhook-url"_s);

    for (qsizetype i = 0; i < intOptions.size(); ++i) {
        const IntOption &o = kIntOptions[i];
        if (auto v = value(intOptions[i])) {
            bool ok = false;
            const int n = v->toInt(&ok);
            if (!ok || n < o.min)
                return Error(ErrorCode::MalformedRequest,
                             u"--%1: expected a whole number of at least %2, got %3"_s.arg(QString::fromLatin1(o.name))
                                 .arg(o.min)
                                 .arg(*v));
            config.*(o.field) = n;
        }
    }
    if (config.database.isEmpty())
        config.database = u"sqlite:"_s + QDir(config.dataDir).filePath(u"parleyd.sqlite"_s);
    return config;
}

} // namespace parley::server
