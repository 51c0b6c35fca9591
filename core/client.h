#pragma once

#include "core/clientoptions.h"
#include "core/types/chatmessage.h"
#include "core/types/connectionstate.h"
#include "core/types/contact.h"
#include "core/types/conversationkey.h"
#include "core/types/conversationsummary.h"
#include "core/types/deviceinfo.h"
#include "core/types/friendrequest.h"
#include "core/types/groupinfo.h"
#include "core/types/groupmember.h"
#include "core/types/peopleaction.h"
#include "core/types/profilechange.h"
#include "protocol/error.h"

#include <QObject>
#include <QSettings>
#include <QThread>

#include <memory>

namespace parley {

class Engine;
class ITokenStore;

// The client core as the UI (and tests) use it: log in with a phone number and a code, resume a
// remembered login, send and receive messages, follow the connection. Lives on the GUI thread and
// never blocks it: the work happens in an Engine on its own thread, and results arrive as signals.
// The session token is kept in the OS keychain only; without one the login lasts for this run.
class Client : public QObject {
    Q_OBJECT

public:
    explicit Client(ClientOptions options, QObject *parent = nullptr);
    Client(ClientOptions options, std::unique_ptr<ITokenStore> tokens, QObject *parent = nullptr);
    ~Client() override;

    void requestCode(const QString &phone);
    void logIn(const QString &phone, const QString &code);
    // Opens the remembered account (cache first, then the connection): sessionResumed or loginRequired.
    void resumeSession();
    bool hasRememberedAccount() const;
    // Revokes this device's token on the server (when online), forgets it locally, and with
    // removeLocalData deletes the account's cache.
    void logOut(bool removeLocalData = false);

    // Stores the message (messageAdded follows at once) and sends it. Returns its client uuid.
    // In a group, `mentioned` members are told they are mentioned; mentionEveryone (@all) is for the owner and
    // admins.
    QByteArray sendText(const ConversationKey &conversation, const QString &text, const QStringList &mentioned = {},
                        bool mentionEveryone = false);
    void retryMessage(qint64 localId);
    // Takes back one of my sent messages (within the server's time limit); recallFailed says why not.
    void recall(qint64 localId);
    // Deletes a message from this device only (messageRemoved follows); it stays on the server.
    void deleteLocally(qint64 localId);
    // I have read the conversation up to its newest message; my other devices follow.
    void markRead(const ConversationKey &conversation);
    void reconnectNow();
    // latestFetched follows.
    void fetchLatest(const ConversationKey &conversation, int limit);
    // Pull-down history: up to `limit` messages before `beforeSeq` (0: the newest), from the cache or the
    // server; olderFetched follows.
    void fetchOlder(const ConversationKey &conversation, quint64 beforeSeq, int limit);
    // Scrolling back down a window of history: up to `limit` cached messages after `afterSeq`; newerFetched
    // follows, with reachedEnd when they include the newest.
    void fetchNewer(const ConversationKey &conversation, quint64 afterSeq, int limit);
    // Self-check: finds holes in the conversation's cached sequence and fills them; conversationVerified.
    void verifyConversation(const ConversationKey &conversation);
    // conversationsFetched follows.
    void fetchConversations();
    // How this device keeps its conversation list (conversationChanged follows; removing: conversationRemoved
    // — the conversation comes back with its next message).
    void setConversationPinned(const ConversationKey &conversation, bool pinned);
    void setConversationMuted(const ConversationKey &conversation, bool muted);
    void removeConversationFromList(const ConversationKey &conversation);
    void saveDraft(const ConversationKey &conversation, const QString &draft);
    // Messages in the local cache whose text contains what was typed (Chinese too), newest first:
    // messagesFound follows.
    void searchMessages(const QString &typed, int limit = kSearchResults);
    static constexpr int kSearchResults = 50;
    // Devices logged in to this account (devicesListed), and logging others out (devicesRevoked).
    void listDevices();
    void revokeDevice(const QString &deviceId);
    void revokeOtherDevices();

    // People: search (userSearchFinished), profiles (profilesFetched), my profile (myProfileChanged), and
    // friends, whose lists arrive whole (contactsReset, friendRequestsReset) whenever they change.
    // Emits the cached contacts, friend requests and groups again (for views built later).
    void republishPeople();
    void searchUser(const QString &query);
    void fetchProfiles(const QStringList &userIds);
    void updateMyProfile(const ProfileChange &change);
    void sendFriendRequest(const QString &userId, const QString &greeting);
    void answerFriendRequest(qint64 requestId, bool accept, const QString &remark = {});
    void setRemark(const QString &userId, const QString &remark);
    void deleteFriend(const QString &userId);
    void setBlocked(const QString &userId, bool blocked);
    // Groups: the list (groupsReset, groupChanged), members (groupMembersReset), management. A failure of
    // any of these is peopleActionFailed.
    void createGroup(const QString &name, const QStringList &members);
    void fetchGroupMembers(const QString &groupId);
    void addGroupMembers(const QString &groupId, const QStringList &userIds);
    void removeGroupMembers(const QString &groupId, const QStringList &userIds);
    void quitGroup(const QString &groupId);
    void renameGroup(const QString &groupId, const QString &name);
    void setGroupAnnouncement(const QString &groupId, const QString &announcement);
    void setGroupRole(const QString &groupId, const QString &userId, GroupRole role);
    void dismissGroup(const QString &groupId);

    QString userId() const { return m_userId; }
    QString deviceId() const { return m_deviceId; }
    ConnectionState connectionState() const { return m_state; }
    const ClientOptions &options() const { return m_options; }

Q_SIGNALS:
    void codeSent(int resendAfterS, int expiresInS);
    void codeRequestFailed(const parley::Error &error);
    void loggedIn(const QString &userId, bool newUser);
    void loginFailed(const parley::Error &error);
    // After login: whether the keychain will remember it (false with the reason if there is no keychain).
    void loginRemembered(bool remembered, const parley::Error &why);
    void sessionResumed(const QString &userId);
    void loginRequired(const parley::Error &reason);
    void loggedOut();
    // The server refused or revoked the session; the remembered login is forgotten.
    void sessionEnded(const parley::Error &reason);
    void connectionStateChanged(parley::ConnectionState state, const parley::Error &lastError);
    void messageAdded(const parley::ChatMessage &message);
    void messageChanged(const parley::ChatMessage &message);
    void messageRemoved(const parley::ChatMessage &message);
    void latestFetched(const parley::ConversationKey &conversation, const QList<parley::ChatMessage> &messages);
    void newerFetched(const parley::ConversationKey &conversation, const QList<parley::ChatMessage> &messages,
                      bool reachedEnd);
    void olderFetched(const parley::ConversationKey &conversation, const QList<parley::ChatMessage> &messages,
                      bool reachedStart);
    void historyFailed(const parley::ConversationKey &conversation, const parley::Error &error);
    void conversationVerified(const parley::ConversationKey &conversation, int missingBefore, int missingAfter);
    // Unread count, receipts or last message of a conversation changed.
    void conversationChanged(const parley::ConversationSummary &summary);
    void conversationsFetched(const QList<parley::ConversationSummary> &conversations);
    void conversationRemoved(const parley::ConversationKey &conversation);
    void messagesFound(const QString &typed, const QList<parley::ChatMessage> &messages);
    void totalUnreadChanged(int total);
    void recallFailed(qint64 localId, const parley::Error &error);
    void devicesListed(const QList<parley::DeviceInfo> &devices);
    void devicesRevoked(const parley::Error &error);
    void storageFailed(const parley::Error &error);
    void contactsReset(const QList<parley::Contact> &contacts);
    void friendRequestsReset(const QList<parley::FriendRequest> &requests);
    void myProfileChanged(const parley::UserProfile &profile);
    void findableByPhoneChanged(bool findable);
    void profilesFetched(const QList<parley::UserProfile> &profiles);
    void userSearchFinished(const QString &query, const QList<parley::UserProfile> &users, const parley::Error &error);
    void groupsReset(const QList<parley::GroupInfo> &groups);
    void groupChanged(const parley::GroupInfo &group);
    void groupCreated(const parley::GroupInfo &group);
    void groupMembersReset(const QString &groupId, const QList<parley::GroupMember> &members);
    // The read horizons of a group's other members, ascending: my message N has been read by those >= N.
    void groupReadHorizonsChanged(const QString &groupId, const QList<quint64> &horizons);
    void peopleActionFailed(parley::PeopleAction action, const parley::Error &error);

private:
    QString tokenKey(const QString &userId) const;
    template <typename F>
    void onEngine(F &&work);
    // Runs work(Account &) on the engine thread if an account is open; otherwise says so (storageFailed).
    template <typename F>
    void onAccount(F &&work);
    void forgetAccount();

    ClientOptions m_options;
    QSettings m_settings;
    QString m_deviceId;
    QString m_userId;
    ConnectionState m_state = ConnectionState::Offline;
    std::unique_ptr<ITokenStore> m_tokens;
    QThread m_thread;
    Engine *m_engine = nullptr;
};

} // namespace parley
