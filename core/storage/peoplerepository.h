#pragma once

#include "common/sqlstatements.h"
#include "core/types/contact.h"
#include "core/types/friendrequest.h"
#include "core/types/userprofile.h"
#include "parley.pb.h"

#include <QList>

#include <optional>

namespace parley {

class LocalDatabase;

// Profiles, contacts and friend requests in the local cache. Writes run inside the caller's transaction
// (sync applies inbox items together with its position) or, for whole lists from the server, in their own.
// Engine thread.
class PeopleRepository {
public:
    PeopleRepository(LocalDatabase &db, QString selfUserId);

    bool putProfile(const UserProfile &profile);
    bool putContact(const Contact &contact);
    bool putRequest(const FriendRequest &request);
    // The server's whole list (FP, FRP): what it does not list any more is gone here too.
    bool replaceContacts(const QList<Contact> &contacts);
    bool replaceRequests(const QList<FriendRequest> &requests);

    std::optional<UserProfile> profile(const QString &userId);
    std::optional<Contact> contact(const QString &userId);
    QList<Contact> contacts();       // friends and blocked users
    QList<FriendRequest> requests(); // newest first
    // Remark, else nickname, else the id.
    QString displayName(const QString &userId);

    static UserProfile fromWire(const v1::UserProfile &profile);
    // A profile from the columns user_id, nickname, avatar, signature, deleted (of `profiles`) from `first` on.
    static UserProfile readProfile(const QSqlQuery &q, int first = 0);
    static Contact fromWire(const v1::Contact &contact);
    FriendRequest fromWire(const v1::FriendRequest &request) const;

private:
    LocalDatabase &m_db;
    QString m_self;
    SqlStatements m_sql;
};

} // namespace parley
