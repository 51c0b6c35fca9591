#include "core/client.h"

#include "common/securerandom.h"
#include "common/threadcleanup.h"
#include "core/account.h"
#include "core/auth/keychaintokenstore.h"
#include "core/engine.h"
#include "core/logging.h"
#include "core/people/contactbook.h"
#include "core/people/groupbook.h"

#include <QDateTime>
#include <QDir>
#include <QUuid>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kClientUuidBytes = 16;

QString settingsPath(const ClientOptions &options)
{
    QDir().mkpath(options.dataDir);
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

    connect(m_engine, &Engine::codeSent, this, &Client::codeSent);
    connect(m_engine, &Engine::codeRequestFailed, this, &Client::codeRequestFailed);
    connect(m_engine, &Engine::loginFailed, this, &Client::loginFailed);
    // Runs on the engine thread (direct); the account's signals then reach this object queued.
    connect(
        m_engine, &Engine::accountOpened, this,
        [this](Account *a) {
            connect(a, &Account::messageAdded, this, &Client::messageAdded);
            connect(a, &Account::messageChanged, this, &Client::messageChanged);
            connect(a, &Account::messageRemoved, this, &Client::messageRemoved);
            connect(a, &Account::latestFetched, this, &Client::latestFetched);
            connect(a, &Account::olderFetched, this, &Client::olderFetched);
            connect(a, &Account::newerFetched, this, &Client::newerFetched);
            connect(a, &Account::historyFailed, this, &Client::historyFailed);
            connect(a, &Account::conversationVerified, this, &Client::conversationVerified);
            connect(a, &Account::conversationChanged, this, &Client::conversationChanged);
            connect(a, &Account::conversationsFetched, this, &Client::conversationsFetched);
            connect(a, &Account::conversationRemoved, this, &Client::conversationRemoved);
            connect(a, &Account::messagesFound, this, &Client::messagesFound);
            connect(a, &Account::totalUnreadChanged, this, &Client::totalUnreadChanged);
            connect(a, &Account::recallFailed, this, &Client::recallFailed);
            ContactBook *contacts = &a->contacts();
            connect(contacts, &ContactBook::contactsReset, this, &Client::contactsReset);
            connect(contacts, &ContactBook::friendRequestsReset, this, &Client::friendRequestsReset);
            connect(contacts, &ContactBook::myProfileChanged, this, &Client::myProfileChanged);
            connect(contacts, &ContactBook::findableByPhoneChanged, this, &Client::findableByPhoneChanged);
            connect(contacts, &ContactBook::profilesFetched, this, &Client::profilesFetched);
            connect(contacts, &ContactBook::searchFinished, this, &Client::userSearchFinished);
            connect(contacts, &ContactBook::actionFailed, this, &Client::peopleActionFailed);
            GroupBook *groups = &a->groups();
            connect(groups, &GroupBook::groupsReset, this, &Client::groupsReset);
            connect(groups, &GroupBook::groupChanged, this, &Client::groupChanged);
            connect(groups, &GroupBook::groupCreated, this, &Client::groupCreated);
            connect(groups, &GroupBook::membersReset, this, &Client::groupMembersReset);
            connect(groups, &GroupBook::readHorizonsChanged, this, &Client::groupReadHorizonsChanged);
            connect(groups, &GroupBook::actionFailed, this, &Client::peopleActionFailed);
        },
        Qt::DirectConnection);
    connect(m_engine, &Engine::devicesListed, this, &Client::devicesListed);
    connect(m_engine, &Engine::devicesRevoked, this, &Client::devicesRevoked);
    connect(m_engine, &Engine::storageFailed, this, &Client::storageFailed);
    connect(m_engine, &Engine::loggedOut, this, &Client::loggedOut);
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

template <typename F>
void Client::onAccount(F &&work)
{
    onEngine([engine = m_engine, work = std::forward<F>(work)] {
        if (Account *account = engine->account())
            work(*account);
        else
            Q_EMIT engine->storageFailed(Error(ErrorCode::LoggedOut, u"log in first"_s));
    });
}

QString Client::tokenKey(const QString &userId) const
{
    return u"%1:%2/%3"_s.arg(m_options.host).arg(m_options.port).arg(userId);
}

void Client::requestCode(const QString &phone)
{
    onEngine([engine = m_engine, phone] { engine->requestCode(phone); });
}

void Client::logIn(const QString &phone, const QString &code)
{
    onEngine([engine = m_engine, phone, code] { engine->logIn(phone, code); });
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

void Client::logOut(bool removeLocalData)
{
    forgetAccount();
    onEngine([engine = m_engine, removeLocalData] { engine->logOut(removeLocalData); });
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

QByteArray Client::sendText(const ConversationKey &conversation, const QString &text, const QStringList &mentioned,
                            bool mentionEveryone)
{
    const QByteArray uuid = secureRandomBytes(kClientUuidBytes);
    onAccount([conversation, text, uuid, mentioned, mentionEveryone](Account &a) {
        a.sendText(conversation, text, uuid, QDateTime::currentMSecsSinceEpoch(), mentioned, mentionEveryone);
    });
    return uuid;
}

void Client::retryMessage(qint64 localId)
{
    onAccount([localId](Account &a) { a.retryMessage(localId); });
}

void Client::recall(qint64 localId)
{
    onAccount([localId](Account &a) { a.recall(localId); });
}

void Client::deleteLocally(qint64 localId)
{
    onAccount([localId](Account &a) { a.deleteLocally(localId); });
}

void Client::markRead(const ConversationKey &conversation)
{
    onAccount([conversation](Account &a) { a.markRead(conversation); });
}

void Client::fetchNewer(const ConversationKey &conversation, quint64 afterSeq, int limit)
{
    onAccount([conversation, afterSeq, limit](Account &a) { a.fetchNewer(conversation, afterSeq, limit); });
}

void Client::fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit)
{
    onAccount([conversation, beforeSeq, limit](Account &a) { a.fetchOlder(conversation, beforeSeq, limit); });
}

void Client::verifyConversation(const ConversationKey &conversation)
{
    onAccount([conversation](Account &a) { a.verifyConversation(conversation); });
}

void Client::fetchConversations()
{
    onAccount([](Account &a) { a.fetchConversations(); });
}

void Client::listDevices()
{
    onEngine([engine = m_engine] { engine->listDevices(); });
}

void Client::revokeDevice(const QString &deviceId)
{
    onEngine([engine = m_engine, deviceId] { engine->revokeDevice(deviceId, false); });
}

void Client::revokeOtherDevices()
{
    onEngine([engine = m_engine] { engine->revokeDevice({}, true); });
}

void Client::reconnectNow()
{
    onEngine([engine = m_engine] { engine->reconnectNow(); });
}

void Client::fetchLatest(const ConversationKey &conversation, int limit)
{
    onAccount([conversation, limit](Account &a) { a.fetchLatest(conversation, limit); });
}

void Client::setConversationPinned(const ConversationKey &conversation, bool pinned)
{
    onAccount([conversation, pinned](Account &a) { a.setPinned(conversation, pinned); });
}

void Client::setConversationMuted(const ConversationKey &conversation, bool muted)
{
    onAccount([conversation, muted](Account &a) { a.setMuted(conversation, muted); });
}

void Client::removeConversationFromList(const ConversationKey &conversation)
{
    onAccount([conversation](Account &a) { a.removeFromList(conversation); });
}

void Client::saveDraft(const ConversationKey &conversation, const QString &draft)
{
    onAccount([conversation, draft](Account &a) { a.saveDraft(conversation, draft); });
}

void Client::searchMessages(const QString &typed, int limit)
{
    onAccount([typed, limit](Account &a) { a.searchMessages(typed, limit); });
}

void Client::republishPeople()
{
    onAccount([](Account &a) { a.publishPeople(); });
}

void Client::searchUser(const QString &query)
{
    onAccount([query](Account &a) { a.contacts().search(query); });
}

void Client::fetchProfiles(const QStringList &userIds)
{
    onAccount([userIds](Account &a) { a.contacts().fetchProfiles(userIds); });
}

void Client::updateMyProfile(const ProfileChange &change)
{
    onAccount([change](Account &a) { a.contacts().updateMyProfile(change); });
}

void Client::sendFriendRequest(const QString &userId, const QString &greeting)
{
    onAccount([userId, greeting](Account &a) { a.contacts().sendFriendRequest(userId, greeting); });
}

void Client::answerFriendRequest(qint64 requestId, bool accept, const QString &remark)
{
    onAccount([requestId, accept, remark](Account &a) { a.contacts().answerFriendRequest(requestId, accept, remark); });
}

void Client::setRemark(const QString &userId, const QString &remark)
{
    onAccount([userId, remark](Account &a) { a.contacts().setRemark(userId, remark); });
}

void Client::deleteFriend(const QString &userId)
{
    onAccount([userId](Account &a) { a.contacts().deleteFriend(userId); });
}

void Client::setBlocked(const QString &userId, bool blocked)
{
    onAccount([userId, blocked](Account &a) { a.contacts().setBlocked(userId, blocked); });
}

void Client::createGroup(const QString &name, const QStringList &members)
{
    onAccount([name, members](Account &a) { a.groups().create(name, members); });
}

void Client::fetchGroupMembers(const QString &groupId)
{
    onAccount([groupId](Account &a) { a.groups().fetchMembers(groupId); });
}

void Client::addGroupMembers(const QString &groupId, const QStringList &userIds)
{
    onAccount([groupId, userIds](Account &a) { a.groups().addMembers(groupId, userIds); });
}

void Client::removeGroupMembers(const QString &groupId, const QStringList &userIds)
{
    onAccount([groupId, userIds](Account &a) { a.groups().removeMembers(groupId, userIds); });
}

void Client::quitGroup(const QString &groupId)
{
    onAccount([groupId](Account &a) { a.groups().quit(groupId); });
}

void Client::renameGroup(const QString &groupId, const QString &name)
{
    onAccount([groupId, name](Account &a) { a.groups().rename(groupId, name); });
}

void Client::setGroupAnnouncement(const QString &groupId, const QString &announcement)
{
    onAccount([groupId, announcement](Account &a) { a.groups().setAnnouncement(groupId, announcement); });
}

void Client::setGroupRole(const QString &groupId, const QString &userId, GroupRole role)
{
    onAccount([groupId, userId, role](Account &a) { a.groups().setRole(groupId, userId, role); });
}

void Client::dismissGroup(const QString &groupId)
{
    onAccount([groupId](Account &a) { a.groups().dismiss(groupId); });
}

} // namespace parley
