#pragma once

#include "core/api/answer.h"
#include "core/types/changeset.h"
#include "core/types/contact.h"
#include "core/types/friendrequest.h"
#include "core/types/profilechange.h"
#include "parley.pb.h"
#include "protocol/error.h"
#include "protocol/result.h"

#include <QList>
#include <QObject>

namespace parley {

class Connection;
class PeopleRepository;

// My people: my profile, friends, blocked users and friend requests, kept in the cache and current by
// inbox items (applied with the sync position) and by whole lists fetched on every connect. Every
// request to the server about them goes through here. Engine thread.
class ContactBook : public QObject {
    Q_OBJECT

public:
    ContactBook(QString selfUserId, PeopleRepository &people, Connection &connection, QObject *parent = nullptr);

    // After a sync batch was stored: tells the UI what changed.
    void onSynced(const ChangeSet &changes);
    // Fetches my profile, the contact list and the friend requests (the cache may have missed items).
    void onOnline();
    // Emits the cached state (on opening the account, before any network).
    void publishCached();

    // Requests to the server. Each is answered through its promise; what they change is announced too.
    void search(const QString &query, Promise<QList<UserProfile>> answer);
    void fetchProfiles(const QStringList &userIds, Promise<QList<UserProfile>> answer);
    void updateMyProfile(const ProfileChange &change, Promise<UserProfile> answer);
    void sendFriendRequest(const QString &userId, const QString &greeting, Promise<FriendRequest> answer);
    void answerFriendRequest(qint64 requestId, bool accept, const QString &remark, Promise<FriendRequest> answer);
    void setRemark(const QString &userId, const QString &remark, Promise<Contact> answer);
    void deleteFriend(const QString &userId, Promise<Contact> answer);
    void setBlocked(const QString &userId, bool blocked, Promise<Contact> answer);

Q_SIGNALS:
    void contactsReset(const QList<parley::Contact> &contacts);
    void friendRequestsReset(const QList<parley::FriendRequest> &requests);
    void myProfileChanged(const parley::UserProfile &profile);
    // Profiles that changed, of contacts or not (a chat's peer, a group member): a name, a picture, a deletion.
    void profilesChanged(const QList<parley::UserProfile> &profiles);
    void findableByPhoneChanged(bool findable);
    void presenceAudienceChanged(parley::PresenceAudience audience);
    void storageFailed(const parley::Error &error);

private:
    // Stores the contact of a reply (FRM, FDL, BLK), publishes the list and answers.
    void onContactReply(const Result<v1::Result> &reply, const Promise<Contact> &answer);
    // Stores the request of a reply (FAR, FHR), publishes the requests and answers.
    void onRequestReply(const Result<v1::Result> &reply, const Promise<FriendRequest> &answer);
    // Stores my profile from an MMI reply and publishes it.
    std::optional<UserProfile> storeMyInfo(const v1::MyInfo &info);
    void storeContacts(const QList<Contact> &contacts);
    void publishContacts();
    void publishRequests();

    QString m_self;
    PeopleRepository &m_people;
    Connection &m_connection;
};

} // namespace parley
