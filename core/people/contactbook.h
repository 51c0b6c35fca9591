#pragma once

#include "core/types/changeset.h"
#include "core/types/contact.h"
#include "core/types/friendrequest.h"
#include "core/types/peopleaction.h"
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

    void search(const QString &query);
    void fetchProfiles(const QStringList &userIds);
    void updateMyProfile(const ProfileChange &change);
    void sendFriendRequest(const QString &userId, const QString &greeting);
    void answerFriendRequest(qint64 requestId, bool accept, const QString &remark);
    void setRemark(const QString &userId, const QString &remark);
    void deleteFriend(const QString &userId);
    void setBlocked(const QString &userId, bool blocked);

Q_SIGNALS:
    void contactsReset(const QList<parley::Contact> &contacts);
    void friendRequestsReset(const QList<parley::FriendRequest> &requests);
    void myProfileChanged(const parley::UserProfile &profile);
    void findableByPhoneChanged(bool findable);
    void profilesFetched(const QList<parley::UserProfile> &profiles);
    void searchFinished(const QString &query, const QList<parley::UserProfile> &users, const parley::Error &error);
    void actionFailed(parley::PeopleAction action, const parley::Error &error);
    void storageFailed(const parley::Error &error);

private:
    // Stores the contact of a reply (FRM, FDL, BLK) and publishes the list.
    void onContactReply(PeopleAction action, const Result<v1::Result> &reply);
    // Stores the request of a reply (FAR, FHR) and publishes the requests.
    void onRequestReply(PeopleAction action, const Result<v1::Result> &reply);
    void storeContacts(const QList<Contact> &contacts);
    void publishContacts();
    void publishRequests();

    QString m_self;
    PeopleRepository &m_people;
    Connection &m_connection;
};

} // namespace parley
