#include "core/client.h"

#include "common/privatefolder.h"
#include "common/threadcleanup.h"
#include "core/account.h"
#include "core/auth/keychaintokenstore.h"
#include "core/engine.h"
#include "core/logging.h"

#include <QDateTime>
#include <QDir>
#include <QUuid>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

QString settingsPath(const ClientOptions &options)
{
    // The cache, the media and the settings are the user's alone.
    if (const Result<Done> made = PrivateFolder::makeAndSay(options.dataDir, "the data folder", lcDb()); !made)
        qCWarning(lcDb).noquote() << made.error().message;
    return QDir(options.dataDir).filePath(u"parley.ini"_s);
}

} // namespace

Client::Client(ClientOptions options, QObject *parent)
    : Client(options, std::make_unique<KeychainTokenStore>(options.keychainService), parent)
{
}

Client::Client(ClientOptions options, std::unique_ptr<ITokenStore> tokens, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_settings(settingsPath(m_options), QSettings::IniFormat),
      m_tokens(std::move(tokens))
{
    m_deviceId = m_settings.value(u"device/id"_s).toString();
    if (m_deviceId.isEmpty()) {
        m_deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_settings.setValue(u"device/id"_s, m_deviceId);
        m_settings.sync();
    }
    m_tokens->setParent(this);

    m_engine = new Engine(m_options, m_deviceId);
    m_engine->moveToThread(&m_thread);
    m_thread.setObjectName(u"parley-engine"_s);
    releaseTlsStateWhenFinished(&m_thread);

    m_messages = new MessagesApi(m_engine, this);
    m_people = new PeopleApi(m_engine, this);
    m_groups = new GroupsApi(m_engine, this);
    m_devices = new DevicesApi(m_engine, this);
    m_files = new FilesApi(m_engine, m_settings, this);
    m_calls = new CallsApi(m_engine, this);
    m_features = {m_messages, m_people, m_groups, m_devices, m_files, m_calls};

    // Runs on the engine thread (direct) while the account opens; its signals then reach the APIs queued,
    // after the reset posted here, so the new account's values replace the old ones.
    connect(
        m_engine, &Engine::accountOpened, this,
        [this](Account *account) {
            QMetaObject::invokeMethod(
                this, [this] { resetFeatures(); }, Qt::QueuedConnection);
            for (FeatureApi *feature : std::as_const(m_features))
                feature->attach(*account);
        },
        Qt::DirectConnection);
    connect(m_engine, &Engine::storageFailed, this, &Client::storageFailed);
    connect(m_engine, &Engine::loggedOut, this, [this] {
        resetFeatures(); // again: what the account announced while logging out is gone with it
        Q_EMIT loggedOut();
    });
    connect(m_engine, &Engine::connectionStateChanged, this, [this](ConnectionState state, const Error &lastError) {
        m_state = state;
        Q_EMIT connectionStateChanged(state, lastError);
    });
    connect(m_engine, &Engine::loggedIn, this, [this](const QString &userId, const QString &token, bool newUser) {
        m_userId = userId;
        m_settings.setValue(u"account/userId"_s, userId);
        m_settings.sync();
        Q_EMIT loggedIn(userId, newUser);
        m_tokens->write(tokenKey(userId), token, [this](Result<Done> written) {
            if (written)
                Q_EMIT loginRemembered(true, Error());
            else
                Q_EMIT loginRemembered(false, written.error());
        });
    });
    connect(m_engine, &Engine::sessionEnded, this, [this](const Error &reason) {
        forgetAccount();
        resetFeatures();
        Q_EMIT sessionEnded(reason);
    });
    m_thread.start();
}

Client::~Client()
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

template <typename F>
void Client::onEngine(F &&work)
{
    QMetaObject::invokeMethod(m_engine, std::forward<F>(work), Qt::QueuedConnection);
}

QString Client::tokenKey(const QString &userId) const
{
    return u"%1:%2/%3"_s.arg(m_options.host).arg(m_options.port).arg(userId);
}

Answer<CodeSent> Client::requestCode(const QString &phone)
{
    Promise<CodeSent> promise(this);
    onEngine([engine = m_engine, phone, promise] { engine->requestCode(phone, promise); });
    return promise.answer();
}

Answer<LoginInfo> Client::logIn(const QString &phone, const QString &code)
{
    Promise<LoginInfo> promise(this);
    onEngine([engine = m_engine, phone, code, promise] { engine->logIn(phone, code, promise); });
    return promise.answer();
}

bool Client::hasRememberedAccount() const
{
    return !m_settings.value(u"account/userId"_s).toString().isEmpty();
}

void Client::resumeSession()
{
    const QString userId = m_settings.value(u"account/userId"_s).toString();
    if (userId.isEmpty()) {
        Q_EMIT loginRequired(Error());
        return;
    }
    m_tokens->read(tokenKey(userId), [this, userId](Result<QString> token) {
        if (!token) {
            qCInfo(lcKeychain) << "no remembered login:" << token.error().message;
            Q_EMIT loginRequired(token.error());
            return;
        }
        m_userId = userId;
        onEngine([engine = m_engine, userId, t = token.value()] { engine->resume(userId, t); });
        Q_EMIT sessionResumed(userId);
    });
}

Answer<Done> Client::logOut(bool removeLocalData)
{
    forgetAccount();
    resetFeatures();
    Promise<Done> promise(this);
    onEngine([engine = m_engine, removeLocalData, promise] { engine->logOut(removeLocalData, promise); });
    return promise.answer();
}

Answer<CodeSent> Client::requestDeletionCode()
{
    Promise<CodeSent> promise(this);
    onEngine([engine = m_engine, promise] { engine->requestDeletionCode(promise); });
    return promise.answer();
}

Answer<Done> Client::deleteAccount(const QString &code)
{
    Promise<Done> promise(this);
    onEngine([engine = m_engine, code, promise] { engine->deleteAccount(code, promise); });
    return promise.answer();
}

void Client::resetFeatures()
{
    for (FeatureApi *feature : std::as_const(m_features))
        feature->reset();
}

void Client::forgetAccount()
{
    const QString userId = std::exchange(m_userId, {});
    m_settings.remove(u"account/userId"_s);
    m_settings.sync();
    if (!userId.isEmpty())
        m_tokens->remove(tokenKey(userId), [](Result<Done> removed) {
            if (!removed)
                qCWarning(lcKeychain) << "could not remove the token from the keychain:" << removed.error().message;
        });
}

void Client::reconnectNow()
{
    onEngine([engine = m_engine] { engine->reconnectNow(); });
}

} // namespace parley
