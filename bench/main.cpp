// parley-bench: a load program for parleyd (a benchmark, not a test). See docs/BENCHMARKS.md.

#include "bench/loadrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"parley-bench"_s);

    // Thousands of links need thousands of descriptors, here and in a spawned parleyd (inherited).
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Logs N clients in against parleyd, has each send M one-to-one messages to random others, and "
        "prints throughput, send-to-push latency percentiles and the server's memory. By default it starts "
        "its own parleyd (next to this program) with an empty data directory; --server uses a running one."_s);
    parser.addHelpOption();
    const QCommandLineOption clients(u"clients"_s, u"Simulated users (default 100)."_s, u"n"_s, u"100"_s);
    const QCommandLineOption messages(u"messages"_s, u"Messages each user sends (default 100)."_s, u"m"_s, u"100"_s);
    const QCommandLineOption window(u"window"_s, u"Unacknowledged messages per user (default 32)."_s, u"w"_s, u"32"_s);
    const QCommandLineOption text(u"text-bytes"_s, u"Size of each text (default 40)."_s, u"bytes"_s, u"40"_s);
    const QCommandLineOption spawn(u"parleyd"_s, u"parleyd to start (default: next to parley-bench)."_s, u"path"_s);
    const QCommandLineOption serverArgs(u"parleyd-arg"_s, u"Extra argument for the started parleyd (repeatable)."_s,
                                        u"arg"_s);
    const QCommandLineOption server(u"server"_s, u"Use a running parleyd at host:port instead."_s, u"host:port"_s);
    const QCommandLineOption pin(u"pin"_s, u"Its certificate fingerprint (from its ready line)."_s, u"sha256"_s);
    const QCommandLineOption codes(u"codes-file"_s, u"Its DATA_DIR/verification-codes.log (dev code sender)."_s,
                                   u"file"_s);
    const QCommandLineOption pid(u"server-pid"_s, u"Its process id, to read its memory."_s, u"pid"_s);
    parser.addOptions({clients, messages, window, text, spawn, serverArgs, server, pin, codes, pid});
    parser.process(app);

    LoadRun::Options options;
    options.clients = parser.value(clients).toInt();
    options.messagesPerClient = parser.value(messages).toInt();
    options.window = std::max(1, parser.value(window).toInt());
    options.textBytes = std::max(1, parser.value(text).toInt());
    if (parser.isSet(server)) {
        const QString s = parser.value(server);
        options.host = s.section(u':', 0, 0);
        options.port = quint16(s.section(u':', 1, 1).toUInt());
        options.fingerprint = parser.value(pin);
        options.codesFile = parser.value(codes);
        options.serverPid = parser.value(pid).toLongLong();
    } else {
        options.parleyd = parser.isSet(spawn) ? parser.value(spawn)
                                              : QDir(QCoreApplication::applicationDirPath()).filePath(u"parleyd"_s);
        options.parleydArguments = parser.values(serverArgs);
        if (!QFileInfo(options.parleyd).isExecutable()) {
            fprintf(stderr, "parley-bench: no parleyd at %s (use --parleyd or --server)\n",
                    qPrintable(options.parleyd));
            return 2;
        }
    }
    LoadRun run(options);
    QObject::connect(&run, &LoadRun::finished, &app, [](int code) { QCoreApplication::exit(code); });
    run.start();
    return QCoreApplication::exec();
}
