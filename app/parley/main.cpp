// parley: the desktop client. Everything lives in core/ and ui/; this reads the command line and starts
// the app's flow (ui/AppController).

#include "core/clientoptions.h"
#include "ui/appcontroller.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStandardPaths>

using namespace parley;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"parley"_s);
    QApplication::setApplicationDisplayName(u"Parley"_s);
    QApplication::setOrganizationName(u"Parley"_s);
    QApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));
    QApplication::setWindowIcon(QIcon(u":/parley.svg"_s));
    QGuiApplication::setDesktopFileName(u"org.parley.Parley"_s); // packaging/org.parley.Parley.desktop
    Theme::applyStyleSheet();

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Parley, the desktop messenger."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        u"server"_s,
        u"Server as host:port (default: 127.0.0.1:7800); several nodes of one service as "
        "host:port,host:port,... (tried in turn when one fails)."_s,
        u"host:port"_s);
    const QCommandLineOption pinOption(
        u"pin"_s, u"SHA-256 fingerprint of a self-hosted server's certificate to trust."_s, u"fingerprint"_s);
    const QCommandLineOption dataOption(u"data-dir"_s, u"Where Parley keeps settings and its cache."_s, u"dir"_s);
    parser.addOptions({serverOption, pinOption, dataOption});
    parser.process(app);

    ClientOptions options;
    if (parser.isSet(serverOption))
        AppController::setServers(options, parser.value(serverOption));
    options.pinnedFingerprint = parser.value(pinOption);
    options.dataDir = parser.isSet(dataOption) ? parser.value(dataOption)
                                               : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    AppController controller(options, parser.isSet(serverOption));
    controller.start();
    return QApplication::exec();
}
