// parley: the desktop client. Everything lives in core/ and ui/; this wires the process together.

#include "core/client.h"
#include "ui/errortext.h"
#include "ui/logging.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/settingspage.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <memory>

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
    Theme::applyStyleSheet();

    // The language chosen in the settings, else the system's if Parley has it, else English (which also
    // gives English its plurals). Changing it in the settings swaps the translators and rebuilds the window.
    QTranslator translator;
    QTranslator qtTranslator;
    const auto applyLanguage = [&](const QString &chosen) {
        QApplication::removeTranslator(&translator);
        QApplication::removeTranslator(&qtTranslator);
        const QLocale locale = chosen.isEmpty() ? QLocale() : QLocale(chosen);
        if (translator.load(locale, u"parley"_s, u"_"_s, u":/i18n"_s) || translator.load(u":/i18n/parley_en"_s))
            QApplication::installTranslator(&translator);
        if (qtTranslator.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
        qCInfo(lcUi) << "languages" << locale.uiLanguages() << "translation" << translator.filePath();
    };
    applyLanguage(QSettings().value(QLatin1StringView(SettingsPage::kLanguage)).toString());

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Parley, the desktop messenger."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(u"server"_s, u"Server as host:port (default: 127.0.0.1:7800)."_s,
                                          u"host:port"_s);
    const QCommandLineOption pinOption(
        u"pin"_s, u"SHA-256 fingerprint of a self-hosted server's certificate to trust."_s, u"fingerprint"_s);
    const QCommandLineOption dataOption(u"data-dir"_s, u"Where Parley keeps settings and its cache."_s, u"dir"_s);
    parser.addOptions({serverOption, pinOption, dataOption});
    parser.process(app);

    ClientOptions options;
    if (parser.isSet(serverOption)) {
        const QString server = parser.value(serverOption);
        const qsizetype colon = server.lastIndexOf(u':');
        options.host = colon > 0 ? server.left(colon) : server;
        if (colon > 0)
            options.port = quint16(server.mid(colon + 1).toUInt());
    }
    options.pinnedFingerprint = parser.value(pinOption);
    options.dataDir = parser.isSet(dataOption) ? parser.value(dataOption)
                                               : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    Client client(options);
    QPointer<LoginWindow> login;
    QPointer<MainWindow> chat;
    std::function<void()> showLogin;
    std::function<void()> showChat;
    showChat = [&] {
        if (login)
            login->deleteLater();
        if (!chat) {
            chat = new MainWindow(client);
            chat->setAttribute(Qt::WA_DeleteOnClose);
            QObject::connect(chat, &MainWindow::logOutRequested, &client,
                             [&](bool removeLocalData) { client.logOut(removeLocalData); });
            QObject::connect(chat, &MainWindow::languageChanged, &app, [&](const QString &language) {
                applyLanguage(language);
                // Widgets take their words when built: build the window again in the new language.
                const QPointer<MainWindow> old = chat;
                chat = nullptr;
                old->deleteLater();
                QTimer::singleShot(0, &app, [&] {
                    showChat();
                    chat->showSettings();
                });
            });
        }
        chat->show();
    };
    showLogin = [&] {
        if (chat)
            chat->deleteLater();
        if (!login) {
            login = new LoginWindow(client);
            login->setAttribute(Qt::WA_DeleteOnClose);
        }
        login->show();
    };
    QObject::connect(&client, &Client::loggedIn, &app, [&] { showChat(); });
    QObject::connect(&client, &Client::sessionResumed, &app, [&] { showChat(); });
    QObject::connect(&client, &Client::loginRequired, &app, [&] { showLogin(); });
    QObject::connect(&client, &Client::loggedOut, &app, [&] { showLogin(); });
    QObject::connect(&client, &Client::sessionEnded, &app, [&](const Error &why) {
        showLogin();
        QMessageBox::information(login, QApplication::translate("main", "Logged out"), errorText(why));
    });
    QObject::connect(&client, &Client::loginRemembered, &app, [&](bool remembered, const Error &why) {
        if (!remembered && chat)
            QMessageBox::information(chat, QApplication::translate("main", "Login not remembered"), errorText(why));
    });

    client.resumeSession(); // sessionResumed or loginRequired
    return QApplication::exec();
}
