#include "server/ops/admincommandline.h"

#include "server/commandline.h"
#include "server/ops/admincommands.h"
#include "server/ops/adminservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>

#include <cstdio>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

void printUsage(FILE *to)
{
    fprintf(to,
            "Usage: parleyd admin [--data-dir DIR | --config FILE] COMMAND [ARGS...]\n\n"
            "Acts on the parleyd running on that data directory (the same --data-dir or --config as it was started "
            "with), through its socket DATA_DIR/parleyd.admin; run it as parleyd's user or root. A user is named by "
            "phone number (+8613...) or user id. Every command is written to parleyd's log.\n\nCommands:\n%s",
            qPrintable(AdminCommands::usage()));
}

} // namespace

int AdminCommandLine::run(const QStringList &arguments)
{
    // What the server would take for its data directory, from the same options; the rest is the command.
    QStringList serverArguments{arguments.value(0)};
    QStringList words;
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == "--help"_L1 || a == "-h"_L1) {
            printUsage(stdout);
            return Done;
        }
        if (a == "--data-dir"_L1 || a == "--config"_L1) {
            if (i + 1 == arguments.size()) {
                fprintf(stderr, "parleyd admin: %s needs a value\n", qPrintable(a));
                return Usage;
            }
            serverArguments << a << arguments[++i];
            continue;
        }
        if (a.startsWith("--data-dir="_L1) || a.startsWith("--config="_L1)) {
            serverArguments << a;
            continue;
        }
        words << a;
    }
    if (words.isEmpty()) {
        printUsage(stderr);
        return Usage;
    }
    const Result<ServerConfig> config = CommandLine::parse(serverArguments);
    if (!config) {
        fprintf(stderr, "parleyd admin: %s\n", qPrintable(config.error().message));
        return Usage;
    }

    const QString path = AdminService::socketPath(config->dataDir);
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!socket.waitForConnected(kAnswerTimeoutMs)) {
        fprintf(stderr,
                "parleyd admin: no parleyd answers on %s (%s). Is it running with this data directory, "
                "and are you its user?\n",
                qPrintable(path), qPrintable(socket.errorString()));
        return Unreachable;
    }
    const QJsonObject request{{u"command"_s, words.takeFirst()}, {u"args"_s, QJsonArray::fromStringList(words)}};
    socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    QByteArray line;
    while (!line.endsWith('\n')) {
        if (!socket.bytesAvailable() && !socket.waitForReadyRead(kAnswerTimeoutMs))
            break;
        line += socket.readAll();
    }
    const QJsonObject answer = QJsonDocument::fromJson(line).object();
    if (answer.isEmpty()) {
        fprintf(stderr, "parleyd admin: parleyd did not answer in time (%s)\n", qPrintable(socket.errorString()));
        return Unreachable;
    }
    if (!answer.value(u"ok"_s).toBool()) {
        fprintf(stderr, "parleyd admin: %s (%s)\n", qPrintable(answer.value(u"error"_s).toString()),
                qPrintable(answer.value(u"code"_s).toString()));
        const QString code = answer.value(u"code"_s).toString();
        return code == "ERR_MALFORMED_REQUEST"_L1 ? Usage : (code == "ERR_UNAVAILABLE"_L1 ? Unreachable : Refused);
    }
    printf("%s", QJsonDocument(answer.value(u"result"_s).toObject()).toJson(QJsonDocument::Indented).constData());
    return Done;
}

} // namespace parley::server
