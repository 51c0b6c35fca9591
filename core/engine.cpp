#include "core/engine.h"

#include "common/phonenumber.h"
#include "common/threadaffinity.h"
#include "core/account.h"
#include "core/calls/callmanager.h"
#include "core/calls/gstmediasession.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/net/tlstransport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

namespace parley {

using namespace Qt::StringLiterals;

namespace {
constexpr int kLogoutTimeoutMs = 3000; // how long logging out waits for the server to revoke the token

// Answers an RVC: when another code may be asked for and how long this one lasts, or why none was sent.
Link::ReplyHandler answeringCodeSent(Promise<CodeSent> answer)
{
    return [answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        answer.resolve(CodeSent{int(reply->code_sent().resend_after_s()), int(reply->code_sent().expires_in_s())});
    };
}
} // namespace

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
    m_connection = new Connection(QList<ServerAddress>{{m_options.host, m_options.port}} + m_options.moreServers,
                                  transports, m_options.timings, this);

    connect(m_connection, &Connection::stateChanged, this, [this] {
        if (!m_connection->isOnline() && m_account)
            m_account->onOffline();
        updateConnectionState();
    });
    connect(m_connection, &Connection::online, this, [this](quint64 inboxHead) {
        m_lastError = Error();
        if (m_account)
            m_account->onOnline(inboxHead);
        updateConnectionState();
    });
    connect(m_connection, &Connection::pushReceived, this, [this](const Frame &frame) {
        if (m_account)
            m_account->onPush(frame);
    });
    connect(m_connection, &Connection::attemptFailed, this, [this](const Error &reason) {
        m_lastError = reason;
        updateConnectionState();
    });
    connect(m_connection, &Connection::sessionEnded, this, &Engine::endSession);
}

Engine::~Engine()
{
    shutdown();
}

QString Engine::cachePath(const QString &userId) const
{
    return QDir(m_options.dataDir).filePath(u"accounts/%1/cache.sqlite"_s.arg(userId));
}

void Engine::requestCode(const QString &phone, Promise<CodeSent> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const std::optional<QString> normalized = PhoneNumber::normalize(phone);
    if (!normalized) {
        answer.resolve(Error(ErrorCode::InvalidPhone));
        return;
    }
    v1::CodeRequest request;
    request.set_phone(normalized->toStdString());
    m_connection->requestAnonymous(SubSignal::RVC, request, answeringCodeSent(answer));
}

void Engine::logIn(const QString &phone, const QString &code, Promise<LoginInfo> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const std::optional<QString> normalized = PhoneNumber::normalize(phone);
    if (!normalized) {
        answer.resolve(Error(ErrorCode::InvalidPhone));
        return;
    }
    v1::LoginRequest request;
    request.set_phone(normalized->toStdString());
    request.set_code(code.trimmed().toStdString());
    request.set_device_id(m_deviceId.toStdString());
    request.set_platform(m_options.platform.toStdString());
    request.set_device_name(m_options.deviceName.toStdString());
    m_connection->requestAnonymous(SubSignal::LGN, request, [this, answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        const QString userId = QString::fromStdString(reply->login().user_id());
        const QString token = QString::fromStdString(reply->login().token());
        if (const Result<Done> opened = openAccount(userId, token); !opened) {
            answer.resolve(opened.error());
            return;
        }
        qCInfo(lcAuth) << "logged in as" << userId;
        Q_EMIT loggedIn(userId, token, reply->login().new_user());
        answer.resolve(LoginInfo{userId, reply->login().new_user()});
    });
}

void Engine::resume(const QString &userId, const QString &token)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (const Result<Done> opened = openAccount(userId, token); !opened)
        Q_EMIT storageFailed(opened.error());
}

Result<Done> Engine::openAccount(const QString &userId, const QString &token)
{
    closeAccount();
    Result<std::unique_ptr<Account>> account = Account::open(
        cachePath(userId), userId, *m_connection,
        {m_options.sendAttemptTimeoutMs, m_options.pinnedFingerprint,
         QDir(QFileInfo(cachePath(userId)).absolutePath()).filePath(u"media"_s), m_deviceId, m_options.callMedia,
         m_options.mediaSessionFactory ? m_options.mediaSessionFactory : &GstMediaSession::create});
    if (!account)
        return account.error();
    m_account = std::move(account.value());
    Account *a = m_account.get();
    connect(a, &Account::storageFailed, this, &Engine::storageFailed);
    connect(a, &Account::inSyncChanged, this, &Engine::updateConnectionState);
    Q_EMIT accountOpened(a);
    a->publishPeople(); // from the cache, before any network

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
    m_account.reset();
}

void Engine::endSession(const Error &reason)
{
    const QString userId = m_account ? m_account->userId() : QString();
    m_connection->stop();
    closeAccount();
    if (reason.code == ErrorCode::AccountDeleted && !userId.isEmpty()) {
        qCInfo(lcAuth) << "the account" << userId << "was deleted: removing its data here";
        removeLocalData(userId);
    }
    updateConnectionState();
    Q_EMIT sessionEnded(reason);
}

void Engine::removeLocalData(const QString &userId) const
{
    QDir(QFileInfo(cachePath(userId)).absolutePath()).removeRecursively(); // the cache and the media with it
}

void Engine::logOut(bool removeLocalData, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    const QString userId = m_account ? m_account->userId() : QString();
    if (m_account)
        m_account->calls().leave(); // before the connection goes
    auto finish = [this, userId, removeLocalData, answer] {
        m_connection->stop();
        closeAccount();
        if (removeLocalData && !userId.isEmpty())
            this->removeLocalData(userId);
        updateConnectionState();
        Q_EMIT loggedOut();
        answer.resolve(Done{});
    };
    if (!m_connection->isOnline()) {
        finish();
        return;
    }
    m_connection->request(
        SubSignal::LGO, v1::LogoutRequest(), [finish](const Result<v1::Result> &) { finish(); }, kLogoutTimeoutMs);
}

void Engine::reconnectNow()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_connection->retryNow();
}

void Engine::listDevices(Promise<QList<DeviceInfo>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_connection->request(SubSignal::DVL, v1::DeviceListRequest(), [answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        QList<DeviceInfo> devices;
        for (const v1::Device &d : reply->devices().devices())
            devices.append(DeviceInfo{QString::fromStdString(d.device_id()), QString::fromStdString(d.platform()),
                                      QString::fromStdString(d.device_name()), d.logged_in_at(), d.last_seen_at(),
                                      d.online(), d.current()});
        answer.resolve(devices);
    });
}

void Engine::revokeDevice(const QString &deviceId, bool allOthers, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::RevokeDeviceRequest request;
    request.set_device_id(deviceId.toStdString());
    request.set_all_others(allOthers);
    m_connection->request(SubSignal::DVR, request, [answer](const Result<v1::Result> &reply) {
        answer.resolve(reply ? Result<Done>(Done{}) : Result<Done>(reply.error()));
    });
}

void Engine::requestDeletionCode(Promise<CodeSent> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    // No number: after CONNECT the code goes to the account's own.
    m_connection->request(SubSignal::RVC, v1::CodeRequest(), answeringCodeSent(answer));
}

void Engine::deleteAccount(const QString &code, Promise<Done> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::DeleteAccountRequest request;
    request.set_code(code.trimmed().toStdString());
    m_connection->request(SubSignal::DLA, request, [this, answer](const Result<v1::Result> &reply) {
        // Deleted already (from another device meanwhile): the same end.
        if (!reply && reply.error().code != ErrorCode::AccountDeleted) {
            answer.resolve(reply.error());
            return;
        }
        answer.resolve(Done{});
        endSession(Error(ErrorCode::AccountDeleted, u"this account was deleted"_s));
    });
}

void Engine::shutdown()
{
    PARLEY_ASSERT_OWN_THREAD();
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
        state = m_account && m_account->inSync() ? ConnectionState::Online : ConnectionState::Syncing;
        break;
    }
    if (!m_account && state != ConnectionState::Offline && m_connection->state() != Connection::State::WaitingToRetry)
        state = ConnectionState::Offline; // a link for logging in is not "connecting" for the UI
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT connectionStateChanged(state, m_lastError);
}

} // namespace parley
