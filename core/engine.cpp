#include "core/engine.h"

#include "common/phonenumber.h"
#include "core/logging.h"
#include "core/messaging/outbox.h"
#include "core/net/connection.h"
#include "core/net/tlstransport.h"
#include "core/storage/localdatabase.h"
#include "core/storage/messagerepository.h"
#include "core/sync/syncengine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

namespace parley {

using namespace Qt::StringLiterals;

namespace {
constexpr int kLogoutTimeoutMs = 3000; // how long logging out waits for the server to revoke the token
}

Engine::Engine(ClientOptions options, QString deviceId, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_deviceId(std::move(deviceId))
{
    if (m_options.platform.isEmpty())
        m_options.platform = QSysInfo::productType();
    if (m_options.deviceName.isEmpty())
        m_options.deviceName = QSysInfo::machineHostName();
    Connection::TransportFactory transports = m_options.transportFactory;
    if (!transports)
        transports = [pin = m_options.pinnedFingerprint] { return new TlsTransport(pin); };
    // A child, so that it moves to the engine thread with the engine.
    m_connection = new Connection(m_options.host, m_options.port, transports, m_options.timings, this);

    connect(m_connection, &Connection::stateChanged, this, [this] {
        if (!m_connection->isOnline() && m_sync)
            m_sync->onOffline();
        updateConnectionState();
    });
    connect(m_connection, &Connection::online, this, [this](quint64 inboxHead) {
        m_lastError = Error();
        if (m_sync)
            m_sync->onOnline(inboxHead);
        if (m_outbox)
            m_outbox->onOnline();
        updateConnectionState();
    });
    connect(m_connection, &Connection::pushReceived, this, [this](const Frame &frame) {
        if (m_sync)
            m_sync->onPush(frame);
    });
    connect(m_connection, &Connection::attemptFailed, this, [this](const Error &reason) {
        m_lastError = reason;
        updateConnectionState();
    });
    connect(m_connection, &Connection::sessionEnded, this, [this](const Error &reason) {
        closeAccount();
        Q_EMIT sessionEnded(reason);
    });
}

Engine::~Engine()
{
    shutdown();
}

QString Engine::cachePath(const QString &userId) const
{
    return QDir(m_options.dataDir).filePath(u"accounts/%1/cache.sqlite"_s.arg(userId));
}

void Engine::requestCode(const QString &phone)
{
    const std::optional<QString> normalized = PhoneNumber::normalize(phone);
    if (!normalized) {
        Q_EMIT codeRequestFailed(Error(ErrorCode::InvalidPhone));
        return;
    }
    v1::CodeRequest request;
    request.set_phone(normalized->toStdString());
    m_connection->requestAnonymous(SubSignal::RVC, request, [this](Result<v1::Result> reply) {
        if (!reply) {
            Q_EMIT codeRequestFailed(reply.error());
            return;
        }
        Q_EMIT codeSent(int(reply->code_sent().resend_after_s()), int(reply->code_sent().expires_in_s()));
    });
}

void Engine::logIn(const QString &phone, const QString &code)
{
    const std::optional<QString> normalized = PhoneNumber::normalize(phone);
    if (!normalized) {
        Q_EMIT loginFailed(Error(ErrorCode::InvalidPhone));
        return;
    }
    v1::LoginRequest request;
    request.set_phone(normalized->toStdString());
    request.set_code(code.trimmed().toStdString());
    request.set_device_id(m_deviceId.toStdString());
    request.set_platform(m_options.platform.toStdString());
    request.set_device_name(m_options.deviceName.toStdString());
    m_connection->requestAnonymous(SubSignal::LGN, request, [this](Result<v1::Result> reply) {
        if (!reply) {
            Q_EMIT loginFailed(reply.error());
            return;
        }
        const QString userId = QString::fromStdString(reply->login().user_id());
        const QString token = QString::fromStdString(reply->login().token());
        if (const Result<Done> opened = openAccount(userId, token); !opened) {
            Q_EMIT loginFailed(opened.error());
            return;
        }
        qCInfo(lcAuth) << "logged in as" << userId;
        Q_EMIT loggedIn(userId, token, reply->login().new_user());
    });
}

void Engine::resume(const QString &userId, const QString &token)
{
    if (const Result<Done> opened = openAccount(userId, token); !opened)
        Q_EMIT storageFailed(opened.error());
}

Result<Done> Engine::openAccount(const QString &userId, const QString &token)
{
    closeAccount();
    auto database = std::make_unique<LocalDatabase>();
    if (const Result<Done> opened = database->open(cachePath(userId)); !opened)
        return opened;
    m_userId = userId;
    m_database = std::move(database);
    m_repository = std::make_unique<MessageRepository>(*m_database, userId);
    m_outbox = std::make_unique<Outbox>(*m_repository, *m_connection);
    if (m_options.sendAttemptTimeoutMs > 0)
        m_outbox->setAttemptTimeoutMs(m_options.sendAttemptTimeoutMs);
    m_sync = std::make_unique<SyncEngine>(*m_repository, *m_connection);
    connect(m_outbox.get(), &Outbox::messageChanged, this, &Engine::messageChanged);
    connect(m_outbox.get(), &Outbox::storageFailed, this, &Engine::storageFailed);
    connect(m_sync.get(), &SyncEngine::messagesAdded, this, [this](const QList<ChatMessage> &messages) {
        for (const ChatMessage &m : messages)
            Q_EMIT messageAdded(m);
    });
    connect(m_sync.get(), &SyncEngine::messagesChanged, this, [this](const QList<ChatMessage> &messages) {
        for (const ChatMessage &m : messages)
            Q_EMIT messageChanged(m);
    });
    connect(m_sync.get(), &SyncEngine::inSyncChanged, this, &Engine::updateConnectionState);
    connect(m_sync.get(), &SyncEngine::storageFailed, this, &Engine::storageFailed);

    v1::ConnectRequest credentials;
    credentials.set_user_id(userId.toStdString());
    credentials.set_token(token.toStdString());
    credentials.set_device_id(m_deviceId.toStdString());
    credentials.set_platform(m_options.platform.toStdString());
    credentials.set_client_version(QCoreApplication::applicationVersion().toStdString());
    m_connection->start(credentials);
    return Done{};
}

void Engine::closeAccount()
{
    m_sync.reset();
    m_outbox.reset();
    m_repository.reset();
    m_database.reset();
    m_userId.clear();
}

void Engine::logOut(bool removeLocalData)
{
    const QString userId = m_userId;
    auto finish = [this, userId, removeLocalData] {
        m_connection->stop();
        closeAccount();
        if (removeLocalData && !userId.isEmpty())
            QDir(QFileInfo(cachePath(userId)).absolutePath()).removeRecursively();
        updateConnectionState();
        Q_EMIT loggedOut();
    };
    if (!m_connection->isOnline()) {
        finish();
        return;
    }
    m_connection->request(
        SubSignal::LGO, v1::LogoutRequest(), [finish](const Result<v1::Result> &) { finish(); }, kLogoutTimeoutMs);
}

void Engine::sendText(const ConversationKey &conversation, const QString &text, const QByteArray &clientUuid)
{
    if (!m_repository) {
        Q_EMIT storageFailed(Error(ErrorCode::LoggedOut, u"log in to send messages"_s));
        return;
    }
    const Result<ChatMessage> stored =
        m_repository->addOutgoing(conversation, clientUuid, text, QDateTime::currentMSecsSinceEpoch());
    if (!stored) {
        Q_EMIT storageFailed(stored.error());
        return;
    }
    Q_EMIT messageAdded(stored.value());
    m_outbox->enqueue(stored.value());
}

void Engine::retryMessage(qint64 localId)
{
    if (m_outbox)
        m_outbox->retry(localId);
}

void Engine::reconnectNow()
{
    m_connection->retryNow();
}

void Engine::fetchLatest(const ConversationKey &conversation, int limit)
{
    Q_EMIT latestFetched(conversation, m_repository ? m_repository->latest(conversation, limit) : QList<ChatMessage>());
}

void Engine::shutdown()
{
    if (m_connection)
        m_connection->stop();
    closeAccount();
}

void Engine::updateConnectionState()
{
    ConnectionState state = ConnectionState::Offline;
    switch (m_connection->state()) {
    case Connection::State::Idle: state = ConnectionState::Offline; break;
    case Connection::State::Opening:
    case Connection::State::Open:
    case Connection::State::Authenticating: state = ConnectionState::Connecting; break;
    case Connection::State::WaitingToRetry: state = ConnectionState::WaitingToRetry; break;
    case Connection::State::Online:
        state = m_sync && m_sync->inSync() ? ConnectionState::Online : ConnectionState::Syncing;
        break;
    }
    if (m_userId.isEmpty() && state != ConnectionState::Offline &&
        m_connection->state() != Connection::State::WaitingToRetry)
        state = ConnectionState::Offline; // a link for logging in is not "connecting" for the UI
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT connectionStateChanged(state, m_lastError);
}

} // namespace parley
