// parley-bench: load programs for parleyd and the client core (benchmarks, not tests). See docs/BENCHMARKS.md.

#include "bench/benchserver.h"
#include "bench/grouprun.h"
#include "bench/idlerun.h"
#include "bench/loadrun.h"
#include "bench/stormrun.h"
#include "bench/syncrun.h"
#include "bench/transferrun.h"
#include "bench/uploadstormrun.h"
#include "common/epolleventdispatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <sys/resource.h>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

template <typename Run>
int runToEnd(Run &run)
{
    QObject::connect(&run, &Run::finished, qApp, [](int code) { QCoreApplication::exit(code); });
    run.start();
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    // Thousands of simulated users on one thread: wake-ups that cost what is ready, not what is open.
    QCoreApplication::setEventDispatcher(new parley::EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"parley-bench"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));

    // Thousands of links need thousands of descriptors, here and in a spawned parleyd (inherited).
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Measures parleyd and the client core. Scenarios:\n"
        "  load   N users each send M one-to-one messages to random others (window W): throughput, "
        "send-to-push latency, server memory.\n"
        "  sync   a device (the real client core) catches up M messages sent while it was off: messages "
        "stored per second.\n"
        "  storm  N users each miss M messages, the server is SIGKILLed and restarted, all reconnect at "
        "once: time until all are back in sync.\n"
        "  transfer  a 1 GiB file (--file-mib) from one real client to another, against curl and nginx over "
        "HTTPS with the same certificate, alternating rounds: throughput and memory.\n"
        "  uploads  --clients users chat at a steady pace while, in alternate phases, --uploaders others each "
        "upload a --file-mib file at once: the chat's latency with and without the uploads, server memory.\n"
        "  group  one group of --members (500), --online (100) of them connected, --messages (50) sent one at a "
        "time by online members: time until the first and the last online member has each, server CPU per "
        "message, inbox row and push.\n"
        "  idle  N users log in, the server restarts, and they connect again: server memory, wall and CPU time "
        "per connection at every 5,000.\n"
        "By default it starts its own parleyd (next to this program) with an empty data directory; "
        "--server uses a running one (load and sync only)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenario(u"scenario"_s, u"load, sync or storm (default load)."_s, u"name"_s, u"load"_s);
    const QCommandLineOption clients(u"clients"_s, u"Simulated users (load: 100, storm: 1000)."_s, u"n"_s);
    const QCommandLineOption messages(u"messages"_s, u"Messages per user (load: 100, sync: 100000, storm: 10)."_s,
                                      u"m"_s);
    const QCommandLineOption window(u"window"_s, u"Unacknowledged messages per user (load: 32)."_s, u"w"_s);
    const QCommandLineOption rate(u"rate"_s,
                                  u"load: send this many messages per second in all, whatever the answers "
                                  "(open loop; --window is then ignored)."_s,
                                  u"msg/s"_s);
    const QCommandLineOption text(u"text-bytes"_s, u"Size of each text (default 40)."_s, u"bytes"_s, u"40"_s);
    const QCommandLineOption spawn(u"parleyd"_s, u"parleyd to start (default: next to parley-bench)."_s, u"path"_s);
    const QCommandLineOption serverArgs(u"parleyd-arg"_s, u"Extra argument for the started parleyd (repeatable)."_s,
                                        u"arg"_s);
    const QCommandLineOption server(u"server"_s, u"Use a running parleyd at host:port instead."_s, u"host:port"_s);
    const QCommandLineOption pin(u"pin"_s, u"Its certificate fingerprint (from its ready line)."_s, u"sha256"_s);
    const QCommandLineOption codes(u"codes-file"_s, u"Its DATA_DIR/verification-codes.log (dev code sender)."_s,
                                   u"file"_s);
    const QCommandLineOption fileMib(u"file-mib"_s, u"transfer: the file's size in MiB (1024)."_s, u"mib"_s);
    const QCommandLineOption rounds(u"rounds"_s, u"transfer: rounds (3)."_s, u"n"_s);
    const QCommandLineOption uploaders(u"uploaders"_s, u"uploads: users uploading at once (100)."_s, u"n"_s);
    const QCommandLineOption pace(u"pace-ms"_s, u"uploads: each chatting user sends a text this often (500)."_s,
                                  u"ms"_s);
    const QCommandLineOption members(u"members"_s, u"group: members of the group (500)."_s, u"n"_s);
    const QCommandLineOption online(u"online"_s, u"group: members connected (100)."_s, u"n"_s);
    const QCommandLineOption pid(u"server-pid"_s, u"Its process id, to read its memory."_s, u"pid"_s);
    const QCommandLineOption nodes(u"nodes"_s,
                                   u"load, storm: start this many parleyd nodes (give them --database and --redis "
                                   "with --parleyd-arg); load: each user writes to users on other nodes; storm: the "
                                   "users of the first node move to the others when it is killed (1)."_s,
                                   u"n"_s);
    const QCommandLineOption latencyLog(u"latency-log"_s,
                                        u"load: write each message's due time (local time, as parleyd logs it) and "
                                        "send -> push latency (ms) to this file, in the order they arrived: the "
                                        "tail against time, beside parleyd's log."_s,
                                        u"file"_s);
    const QCommandLineOption alsoCount(
        u"count-cpu-of"_s,
        u"Count the CPU of the processes of these names (comma-separated) as the server's (its database: postgres)."_s,
        u"name"_s);
    parser.addOptions({scenario,   clients, messages, window, rate,      text,    spawn,
                       serverArgs, server,  pin,      codes,  pid,       fileMib, rounds,
                       uploaders,  pace,    members,  online, alsoCount, nodes,   latencyLog});
    parser.process(app);

    BenchServer::Options serverOptions;
    serverOptions.alsoCount = parser.value(alsoCount).toUtf8();
    if (parser.isSet(server)) {
        const QString s = parser.value(server);
        serverOptions.host = s.section(u':', 0, 0);
        serverOptions.port = quint16(s.section(u':', 1, 1).toUInt());
        serverOptions.fingerprint = parser.value(pin);
        serverOptions.codesFile = parser.value(codes);
        serverOptions.pid = parser.value(pid).toLongLong();
    } else {
        serverOptions.parleyd = parser.isSet(spawn)
                                    ? parser.value(spawn)
                                    : QDir(QCoreApplication::applicationDirPath()).filePath(u"parleyd"_s);
        serverOptions.extraArguments = parser.values(serverArgs);
        if (!QFileInfo(serverOptions.parleyd).isExecutable()) {
            fprintf(stderr, "parley-bench: no parleyd at %s (use --parleyd or --server)\n",
                    qPrintable(serverOptions.parleyd));
            return 2;
        }
    }
    BenchServer benchServer(serverOptions);
    const auto number = [&](const QCommandLineOption &option, int fallback) {
        return parser.isSet(option) ? std::max(0, parser.value(option).toInt()) : fallback;
    };
    const int textBytes = std::max(1, parser.value(text).toInt());

    const QString name = parser.value(scenario);
    // More nodes: the same options, their CPU counted once (the first node counts the shared servers').
    std::vector<std::unique_ptr<BenchServer>> more;
    QList<BenchServer *> all{&benchServer};
    BenchServer::Options moreOptions = serverOptions;
    moreOptions.alsoCount.clear();
    // The first keeps the default files port; the others, given its certificate, would each open wss on 7802.
    moreOptions.extraArguments += {u"--files-port"_s, u"0"_s, u"--wss-port"_s, u"off"_s};
    for (int i = 1; i < number(nodes, 1) && benchServer.isOwned(); ++i) {
        more.push_back(std::make_unique<BenchServer>(moreOptions));
        all.append(more.back().get());
    }
    if (name == "load"_L1) {
        LoadRun run(all, LoadRun::Options{number(clients, 100), number(messages, 100), std::max(1, number(window, 32)),
                                          textBytes, number(rate, 0), parser.value(latencyLog)});
        return runToEnd(run);
    }
    if (name == "sync"_L1) {
        SyncRun run(benchServer, SyncRun::Options{std::max(1, number(messages, 100000)),
                                                  std::max(1, number(window, 64)), textBytes});
        return runToEnd(run);
    }
    if (name == "storm"_L1) {
        StormRun run(all, StormRun::Options{std::max(2, number(clients, 1000)), std::max(1, number(messages, 10)),
                                            std::max(1, number(window, 8)), textBytes});
        return runToEnd(run);
    }
    if (name == "group"_L1) {
        const int size = std::max(2, number(members, 500));
        // The setup makes everyone the owner's friend at full speed, and the group may be larger than the default.
        benchServer.addArguments({u"--lookup-rate"_s, u"0"_s, u"--max-group-size"_s, QString::number(size)});
        GroupRun run(benchServer, GroupRun::Options{size, std::clamp(number(online, 100), 1, size),
                                                    std::max(1, number(messages, 50)), textBytes});
        return runToEnd(run);
    }
    if (name == "idle"_L1) {
        IdleRun run(benchServer, std::max(1, number(clients, 5000)));
        return runToEnd(run);
    }
    if (name == "transfer"_L1) {
        if (!benchServer.isOwned()) {
            fprintf(stderr, "parley-bench: the transfer scenario starts its own parleyd (its certificate is shared "
                            "with nginx)\n");
            return 2;
        }
        TransferRun run(benchServer,
                        TransferRun::Options{std::max(1, number(fileMib, 1024)), std::max(1, number(rounds, 3))});
        return runToEnd(run);
    }
    if (name == "uploads"_L1) {
        UploadStormRun run(
            benchServer, UploadStormRun::Options{std::max(2, number(clients, 100)), std::max(1, number(uploaders, 100)),
                                                 std::max(1, number(fileMib, 10)), std::max(1, number(pace, 500)),
                                                 std::max(1, number(rounds, 3)), textBytes});
        return runToEnd(run);
    }
    fprintf(stderr, "parley-bench: unknown scenario '%s' (load, sync, storm, group, idle, transfer, uploads)\n",
            qPrintable(name));
    return 2;
}
