#include "ui/appcontroller.h"

#include "core/client.h"
#include "ui/errortext.h"
#include "ui/logging.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/popups.h"
#include "ui/settingspage.h"
#include "ui/welcomewindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>

namespace parley {

using namespace Qt::StringLiterals;

AppController::AppController(ClientOptions options, bool serverFixed, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_serverFixed(serverFixed)
{
    applyLanguage(QSettings().value(QLatin1StringView(SettingsPage::kLanguage)).toString());
    if (!m_serverFixed) {
        const QSettings settings;
        if (const QString server = settings.value(QLatin1StringView(kServer)).toString(); !server.isEmpty()) {
            setServers(m_options, server);
            m_options.pinnedFingerprint = settings.value(QLatin1StringView(kFingerprint)).toString();
        }
    }
    createClient();
}

AppController::~AppController()
{
    delete m_main;
    delete m_welcome;
    delete m_login;
}

void AppController::setServers(ClientOptions &options, const QString &servers)
{
    QList<ServerAddress> list = ServerAddress::parseList(servers, ClientOptions::kDefaultPort);
    if (list.isEmpty())
        return;
    options.host = list.first().host;
    options.port = list.first().port;
    list.removeFirst();
    options.moreServers = list;
}

void AppController::applyLanguage(const QString &language)
{
    // The chosen language, else the system's if Parley has it, else English (which also gives its plurals).
    QApplication::removeTranslator(&m_translator);
    QApplication::removeTranslator(&m_qtTranslator);
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    if (m_translator.load(locale, u"parley"_s, u"_"_s, u":/i18n"_s) || m_translator.load(u":/i18n/parley_en"_s))
        QApplication::installTranslator(&m_translator);
    if (m_qtTranslator.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&m_qtTranslator);
    qCInfo(lcUi) << "languages" << locale.uiLanguages() << "translation" << m_translator.filePath();
}

void AppController::createClient()
{
    delete m_main;
    delete m_welcome;
    delete m_login;
    m_client = std::make_unique<Client>(m_options);
    Client *client = m_client.get();
    // A new account chooses its name first.
    connect(client, &Client::loggedIn, this, [this](const QString &, bool newUser) {
        if (newUser)
            showWelcome();
        else
            showMain();
    });
    connect(client, &Client::sessionResumed, this, &AppController::showMain);
    connect(client, &Client::loginRequired, this, &AppController::showLogin);
    connect(client, &Client::loggedOut, this, &AppController::showLogin);
    connect(client, &Client::sessionEnded, this, [this](const Error &why) {
        showLogin();
        if (why.code == ErrorCode::AccountDeleted) // this account, from here or another device
            popups::inform(m_login, tr("Account deleted"),
                           tr("This account was deleted, and what this computer kept of it was removed."));
        else
            popups::inform(m_login, tr("Logged out"), errorText(why));
    });
    connect(client, &Client::loginRemembered, this, [this](bool remembered, const Error &why) {
        if (!remembered && m_main)
            popups::inform(m_main, tr("Login not remembered"), errorText(why));
    });
}

void AppController::start()
{
    m_client->resumeSession(); // sessionResumed or loginRequired
}

void AppController::showLogin()
{
    if (m_main)
        m_main->deleteLater();
    if (m_welcome)
        m_welcome->deleteLater();
    if (!m_login) {
        m_login = new LoginWindow(*m_client, u"%1:%2"_s.arg(m_options.host).arg(m_options.port),
                                  m_options.pinnedFingerprint, m_serverFixed);
        m_login->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_login, &LoginWindow::serverChosen, this, &AppController::onServerChosen);
    }
    m_login->show();
}

void AppController::showWelcome()
{
    if (m_login)
        m_login->deleteLater();
    if (!m_welcome) {
        m_welcome = new WelcomeWindow(*m_client);
        m_welcome->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_welcome, &WelcomeWindow::finished, this, &AppController::showMain);
    }
    m_welcome->show();
}

void AppController::showMain()
{
    if (m_login)
        m_login->deleteLater();
    if (m_welcome)
        m_welcome->deleteLater();
    if (!m_main) {
        m_main = new MainWindow(*m_client);
        m_main->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_main, &MainWindow::logOutRequested, m_client.get(),
                [this](bool removeLocalData) { m_client->logOut(removeLocalData); });
        connect(m_main, &MainWindow::languageChanged, this, [this](const QString &language) {
            applyLanguage(language);
            // Widgets take their words when they are built: build the window again in the new language —
            // after the old one is gone, so that the new one finds the size and panes it saved.
            QPointer<MainWindow> old = m_main;
            m_main = nullptr;
            QTimer::singleShot(0, this, [this, old] {
                delete old;
                showMain();
                m_main->showSettings();
            });
        });
    }
    m_main->show();
}

void AppController::onServerChosen(const QString &server, const QString &fingerprint)
{
    QSettings settings;
    settings.setValue(QLatin1StringView(kServer), server);
    settings.setValue(QLatin1StringView(kFingerprint), fingerprint);
    setServers(m_options, server);
    m_options.pinnedFingerprint = fingerprint;
    createClient(); // a client talks to one server: start over with a new one
    showLogin();
}

} // namespace parley
