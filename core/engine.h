#pragma once

#include "core/chatmessage.h"
#include "core/clientoptions.h"
#include "core/connectionstate.h"
#include "core/conversationkey.h"
#include "protocol/result.h"

#include <QList>
#include <QObject>

#include <memory>

namespace parley {

class Connection;
class LocalDatabase;
class MessageRepository;
class Outbox;
class SyncEngine;

// The client's working parts on their own thread: the long connection, the local cache, the outbox and
// sync. Client (GUI thread) calls its slots through queued invocations and relays its signals; nothing
// here ever blocks the GUI. Engine thread only.
class Engine : public QObject {
    Q_OBJECT

public:
    Engine(ClientOptions options, QString deviceId, QObject *parent = nullptr);
    ~Engine() override;

    void requestCode(const QString &phone);
    void logIn(const QString &phone, const QString &code);
    void resume(const QString &userId, const QString &token);
    void logOut(bool removeLocalData);
    void sendText(const ConversationKey &conversation, const QString &text, const QByteArray &clientUuid);
    void retryMessage(qint64 localId);
    void reconnectNow();
    void fetchLatest(const ConversationKey &conversation, int limit);
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
    void messageAdded(const parley::ChatMessage &message);
    void messageChanged(const parley::ChatMessage &message);
    void latestFetched(const parley::ConversationKey &conversation, const QList<parley::ChatMessage> &messages);
    void storageFailed(const parley::Error &error);

private:
    Result<Done> openAccount(const QString &userId, const QString &token);
    void closeAccount();
    void updateConnectionState();
    QString cachePath(const QString &userId) const;

    ClientOptions m_options;
    QString m_deviceId;
    QString m_userId;
    Connection *m_connection; // child
    std::unique_ptr<LocalDatabase> m_database;
    std::unique_ptr<MessageRepository> m_repository;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<SyncEngine> m_sync;
    ConnectionState m_state = ConnectionState::Offline;
    Error m_lastError;
};

} // namespace parley
