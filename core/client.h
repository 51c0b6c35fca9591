#pragma once

#include "core/api/answer.h"
#include "core/api/callsapi.h"
#include "core/api/devicesapi.h"
#include "core/api/filesapi.h"
#include "core/api/groupsapi.h"
#include "core/api/messagesapi.h"
#include "core/api/peopleapi.h"
#include "core/clientoptions.h"
#include "core/types/codesent.h"
#include "core/types/connectionstate.h"
#include "core/types/logininfo.h"
#include "protocol/error.h"

#include <QObject>
#include <QSettings>
#include <QThread>

#include <memory>

namespace parley {

class Engine;
class ITokenStore;

// The client core as the UI (and tests) use it: log in with a phone number and a code, resume a remembered
// login, follow the connection — and, per feature, the APIs for messages, people, groups, devices, files and
// calls. Lives on the GUI thread and never blocks it: the work happens in an Engine on its own
// thread; each request is answered on an Answer of its own, and changes arrive as signals. The session token is
// kept in the OS keychain only; without one the login lasts for this run.
class Client : public QObject {
    Q_OBJECT

public:
    explicit Client(ClientOptions options, QObject *parent = nullptr);
    Client(ClientOptions options, std::unique_ptr<ITokenStore> tokens, QObject *parent = nullptr);
    ~Client() override;

    Answer<CodeSent> requestCode(const QString &phone);
    // Answered once logged in (loggedIn follows too) or with why not (a wrong code, …).
    Answer<LoginInfo> logIn(const QString &phone, const QString &code);
    // Opens the remembered account (cache first, then the connection): sessionResumed or loginRequired.
    void resumeSession();
    bool hasRememberedAccount() const;
    // Revokes this device's token on the server (when online), forgets it locally, and with
    // removeLocalData deletes the account's cache. loggedOut follows.
    Answer<Done> logOut(bool removeLocalData = false);
    // Deleting the account for good: a code to the account's own number first, then the deletion with it.
    // Deleted, the session ends (sessionEnded, ErrorCode::AccountDeleted) as on every other device of the account,
    // and what this computer kept of it is removed.
    Answer<CodeSent> requestDeletionCode();
    Answer<Done> deleteAccount(const QString &code);
    void reconnectNow();

    MessagesApi &messages() { return *m_messages; }
    PeopleApi &people() { return *m_people; }
    GroupsApi &groups() { return *m_groups; }
    DevicesApi &devices() { return *m_devices; }
    FilesApi &files() { return *m_files; }
    CallsApi &calls() { return *m_calls; }

    QString userId() const { return m_userId; }
    QString deviceId() const { return m_deviceId; }
    ConnectionState connectionState() const { return m_state; }
    const ClientOptions &options() const { return m_options; }

Q_SIGNALS:
    void loggedIn(const QString &userId, bool newUser);
    // After login: whether the keychain will remember it (false with the reason if there is no keychain).
    void loginRemembered(bool remembered, const parley::Error &why);
    void sessionResumed(const QString &userId);
    void loginRequired(const parley::Error &reason);
    void loggedOut();
    // The server refused or revoked the session, or the account was deleted; the remembered login is forgotten.
    void sessionEnded(const parley::Error &reason);
    void connectionStateChanged(parley::ConnectionState state, const parley::Error &lastError);
    // The local cache failed to store or read something that no request was waiting for (sync, receipts).
    void storageFailed(const parley::Error &error);

private:
    QString tokenKey(const QString &userId) const;
    template <typename F>
    void onEngine(F &&work);
    void forgetAccount();
    // Every feature API forgets the current values of the account that closed.
    void resetFeatures();

    ClientOptions m_options;
    QSettings m_settings;
    QString m_deviceId;
    QString m_userId;
    ConnectionState m_state = ConnectionState::Offline;
    std::unique_ptr<ITokenStore> m_tokens;
    QThread m_thread;
    Engine *m_engine = nullptr;
    // Children of this object, on its thread; deleted after the engine (see ~Client).
    MessagesApi *m_messages = nullptr;
    PeopleApi *m_people = nullptr;
    GroupsApi *m_groups = nullptr;
    DevicesApi *m_devices = nullptr;
    FilesApi *m_files = nullptr;
    CallsApi *m_calls = nullptr;
    QList<FeatureApi *> m_features;
};

} // namespace parley
