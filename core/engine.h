#pragma once

#include "core/clientoptions.h"
#include "core/types/chatmessage.h"
#include "core/types/connectionstate.h"
#include "core/types/conversationkey.h"
#include "core/types/conversationsummary.h"
#include "core/types/deviceinfo.h"
#include "protocol/result.h"

#include <QList>
#include <QObject>

#include <memory>

namespace parley {

class Account;
class Connection;

// The client's working parts on their own thread: the long connection, logging in and out, and the open
// Account (cache, outbox, sync). Client (GUI thread) calls it through queued invocations and relays its
// signals and the open account's; nothing here ever blocks the GUI. Engine thread only.
class Engine : public QObject {
    Q_OBJECT

public:
    Engine(ClientOptions options, QString deviceId, QObject *parent = nullptr);
    ~Engine() override;

    void requestCode(const QString &phone);
    void logIn(const QString &phone, const QString &code);
    void resume(const QString &userId, const QString &token);
    void logOut(bool removeLocalData);
    void reconnectNow();
    void listDevices();
    // One other device by id, or with allOthers every device but this one.
    void revokeDevice(const QString &deviceId, bool allOthers);
    // The open account, or nullptr when logged out. Engine thread.
    Account *account() const { return m_account.get(); }
    // Closes the connection and the database before the thread ends.
    void shutdown();

Q_SIGNALS:
    void codeSent(int resendAfterS, int expiresInS);
    void codeRequestFailed(const parley::Error &error);
    void loggedIn(const QString &userId, const QString &token, bool newUser);
    void loginFailed(const parley::Error &error);
    void loggedOut();
    void connectionStateChanged(parley::ConnectionState state, const parley::Error &lastError);
    void sessionEnded(const parley::Error &reason);
    void devicesListed(const QList<parley::DeviceInfo> &devices);
    void devicesRevoked(const parley::Error &error);

    // Emitted on the engine thread while the account is being opened: connect to its signals (they reach
    // the GUI thread queued); they go with the account when it closes.
    void accountOpened(parley::Account *account);
    void storageFailed(const parley::Error &error);

private:
    Result<Done> openAccount(const QString &userId, const QString &token);
    void closeAccount();
    void updateConnectionState();
    QString cachePath(const QString &userId) const;

    ClientOptions m_options;
    QString m_deviceId;
    Connection *m_connection; // child
    std::unique_ptr<Account> m_account;
    ConnectionState m_state = ConnectionState::Offline;
    Error m_lastError;
};

} // namespace parley
