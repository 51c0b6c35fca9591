#pragma once

#include "core/api/answer.h"
#include "core/clientoptions.h"
#include "core/types/codesent.h"
#include "core/types/connectionstate.h"
#include "core/types/conversationkey.h"
#include "core/types/conversationsummary.h"
#include "core/types/deviceinfo.h"
#include "core/types/logininfo.h"
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

    // Each request is answered through its promise (see Promise).
    void requestCode(const QString &phone, Promise<CodeSent> answer);
    void logIn(const QString &phone, const QString &code, Promise<LoginInfo> answer);
    void resume(const QString &userId, const QString &token);
    void logOut(bool removeLocalData, Promise<Done> answer);
    void reconnectNow();
    void listDevices(Promise<QList<DeviceInfo>> answer);
    // One other device by id, or with allOthers every device but this one.
    void revokeDevice(const QString &deviceId, bool allOthers, Promise<Done> answer);
    // A code to the account's own number, to confirm deleting it.
    void requestDeletionCode(Promise<CodeSent> answer);
    // Deletes the account on the server, then ends the session here as every other device of it does
    // (sessionEnded with ErrorCode::AccountDeleted): the connection stops and what this computer kept goes.
    void deleteAccount(const QString &code, Promise<Done> answer);
    // The open account, or nullptr when logged out. Engine thread.
    Account *account() const { return m_account.get(); }
    // Closes the connection and the database before the thread ends.
    void shutdown();

Q_SIGNALS:
    // Before the answer to logIn: the token, for the keychain.
    void loggedIn(const QString &userId, const QString &token, bool newUser);
    void loggedOut();
    void connectionStateChanged(parley::ConnectionState state, const parley::Error &lastError);
    void sessionEnded(const parley::Error &reason);

    // Emitted on the engine thread while the account is being opened: connect to its signals (they reach
    // the GUI thread queued); they go with the account when it closes.
    void accountOpened(parley::Account *account);
    void storageFailed(const parley::Error &error);

private:
    Result<Done> openAccount(const QString &userId, const QString &token);
    void closeAccount();
    // The server ended the session (or the account was deleted from here): closed, and for a deleted account
    // its local data removed, then sessionEnded.
    void endSession(const Error &reason);
    void removeLocalData(const QString &userId) const;
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
