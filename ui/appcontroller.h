#pragma once

#include "core/clientoptions.h"
#include "protocol/error.h"

#include <QObject>
#include <QPointer>
#include <QTranslator>

#include <memory>

namespace parley {

class Client;
class LoginWindow;
class MainWindow;
class WelcomeWindow;

// The desktop app's flow: one Client, and the login window, a new account's welcome (its name) or the main
// window — a remembered login opens straight into the main window from the cache; a server that ends the
// session leads back to login.
// Also the language (chosen in the settings or the system's) and the server chosen under "Advanced" at
// login (unless the command line fixed it), both kept in QSettings. GUI thread.
class AppController : public QObject {
    Q_OBJECT

public:
    // QSettings keys.
    static constexpr char kServer[] = "server/address"; // host:port
    static constexpr char kFingerprint[] = "server/fingerprint";

    // serverFixed: the command line named the server; "Advanced" is not offered.
    AppController(ClientOptions options, bool serverFixed, QObject *parent = nullptr);
    ~AppController() override;

    void start();
    // "host:port[, host:port ...]": the first node, then the others of the same service to fail over to.
    static void setServers(ClientOptions &options, const QString &servers);

private:
    void createClient();
    void showLogin();
    void showWelcome();
    void showMain();
    void applyLanguage(const QString &language);
    void onServerChosen(const QString &server, const QString &fingerprint);

    ClientOptions m_options;
    bool m_serverFixed = false;
    std::unique_ptr<Client> m_client;
    QPointer<LoginWindow> m_login;
    QPointer<MainWindow> m_main;
    QPointer<WelcomeWindow> m_welcome;
    QTranslator m_translator;
    QTranslator m_qtTranslator;
};

} // namespace parley
