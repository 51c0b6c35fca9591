// parleyd: the Parley server. Everything lives in server/; this only wires the process together.

#include "server/commandline.h"
#include "server/logging.h"
#include "server/ops/admincommandline.h"
#include "server/server.h"
#include "server/unixsignalwatcher.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    using namespace parley::server;
    setUpLogging();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parleyd"));
    QCoreApplication::setOrganizationName(QStringLiteral("Parley"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));

    if (QCoreApplication::arguments().value(1) == QLatin1StringView("admin"))
        return AdminCommandLine::run(QCoreApplication::arguments());
    const parley::Result<ServerConfig> config = CommandLine::parse(QCoreApplication::arguments());
    if (!config) {
        fprintf(stderr, "parleyd: %s\nTry 'parleyd --help'.\n", qPrintable(config.error().message));
        return 2;
    }
    if (!config->copyTo.isEmpty()) {
        const parley::Result<qint64> copied = Server::copyStore(config.value());
        if (!copied) {
            fprintf(stderr, "parleyd: %s\n", qPrintable(copied.error().message));
            return 1;
        }
        printf("parleyd copied %lld rows to PostgreSQL\n", static_cast<long long>(copied.value()));
        return 0;
    }
    Server server(config.value());
    if (const parley::Result<parley::Done> started = server.start(); !started) {
        fprintf(stderr, "parleyd: %s\n", qPrintable(started.error().message));
        return 1;
    }
    printf("%s\n", qPrintable(server.readyLine()));
    fflush(stdout);

    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &app, [&](int) {
        server.stop();
        QCoreApplication::quit();
    });
    QObject::connect(&watcher, &UnixSignalWatcher::reloadRequested, &app, [&] {
        if (const parley::Result<parley::Done> reloaded = server.reloadTls(); !reloaded)
            qCWarning(lcServer).noquote() << "the TLS certificate was not reloaded:" << reloaded.error().message;
    });
    return QCoreApplication::exec();
}
