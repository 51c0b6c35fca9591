#include "core/storage/peoplerepository.h"

#include "core/logging.h"
#include "core/storage/localdatabase.h"

namespace parley {

using namespace Qt::StringLiterals;

namespace {

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

#define PARLEY_CONTACT_COLUMNS                                                                                         \
    "c.user_id, p.nickname, p.avatar, p.signature, p.deleted, c.is_friend, c.remark, c.friends_since, c.blocked "      \
    "FROM contacts c LEFT JOIN profiles p ON p.user_id = c.user_id "

Contact readContact(const QSqlQuery &q)
{
    Contact c;
    c.profile = PeopleRepository::readProfile(q);
    c.isFriend = q.value(5).toBool();
    c.remark = q.value(6).toString();
    c.friendsSinceMs = q.value(7).toLongLong();
    c.blocked = q.value(8).toBool();
    return c;
}

} // namespace

UserProfile PeopleRepository::readProfile(const QSqlQuery &q, int first)
{
    return UserProfile{q.value(first).toString(), q.value(first + 1).toString(), q.value(first + 2).toString(),
                       q.value(first + 3).toString(), q.value(first + 4).toBool()};
}

PeopleRepository::PeopleRepository(LocalDatabase &db, QString selfUserId)
    : m_db(db), m_self(std::move(selfUserId)), m_sql(lcDb)
{
    m_sql.setDatabase(m_db.db());
}

UserProfile PeopleRepository::fromWire(const v1::UserProfile &p)
{
    return UserProfile{text(p.user_id()), text(p.nickname()), text(p.avatar()), text(p.signature()), p.deleted()};
}

Contact PeopleRepository::fromWire(const v1::Contact &c)
{
    return Contact{fromWire(c.profile()), c.is_friend(), text(c.remark()), c.friends_since(), c.blocked()};
}

FriendRequest PeopleRepository::fromWire(const v1::FriendRequest &r) const
{
    FriendRequest f;
    f.id = r.request_id();
    f.from = fromWire(r.from());
    f.to = fromWire(r.to());
    f.greeting = text(r.greeting());
    f.status = FriendRequest::Status(int(r.status()));
    f.createdAtMs = r.created_at();
    f.updatedAtMs = r.updated_at();
    f.expiresAtMs = r.expires_at();
    f.incoming = f.to.userId == m_self;
    return f;
}

bool PeopleRepository::putProfile(const UserProfile &p)
{
    if (p.userId.isEmpty())
        return true;
    return m_sql.exec("INSERT INTO profiles (user_id, nickname, avatar, signature, deleted) VALUES (?, ?, ?, ?, ?) "
                      "ON CONFLICT (user_id) DO UPDATE SET nickname = excluded.nickname, avatar = excluded.avatar, "
                      "signature = excluded.signature, deleted = excluded.deleted",
                      {p.userId, SqlStatements::text(p.nickname), SqlStatements::text(p.avatar),
                       SqlStatements::text(p.signature), p.deleted});
}

bool PeopleRepository::putContact(const Contact &c)
{
    if (!putProfile(c.profile))
        return false;
    if (c.userId() == m_self)
        return true; // my own profile, changed on another device
    // A deleted account's requests went with it.
    if (c.profile.deleted &&
        !m_sql.exec("DELETE FROM friend_requests WHERE from_id = ? OR to_id = ?", {c.userId(), c.userId()}))
        return false;
    if (!c.isFriend && !c.blocked)
        return m_sql.exec("DELETE FROM contacts WHERE user_id = ?", {c.userId()});
    return m_sql.exec(
        "INSERT INTO contacts (user_id, is_friend, remark, friends_since, blocked) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET is_friend = excluded.is_friend, remark = excluded.remark, "
        "friends_since = excluded.friends_since, blocked = excluded.blocked",
        {c.userId(), c.isFriend, SqlStatements::text(c.remark), c.friendsSinceMs, c.blocked});
}

bool PeopleRepository::putRequest(const FriendRequest &r)
{
    return putProfile(r.from) && putProfile(r.to) &&
           m_sql.exec("INSERT INTO friend_requests (id, from_id, to_id, greeting, status, created_at, updated_at, "
                      "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                      "greeting = excluded.greeting, status = excluded.status, updated_at = excluded.updated_at, "
                      "expires_at = excluded.expires_at",
                      {r.id, r.from.userId, r.to.userId, SqlStatements::text(r.greeting), int(r.status), r.createdAtMs,
                       r.updatedAtMs, r.expiresAtMs});
}

bool PeopleRepository::replaceContacts(const QList<Contact> &contacts)
{
    return m_db.replaceAll(m_sql, "DELETE FROM contacts", contacts, [this](const Contact &c) { return putContact(c); });
}

bool PeopleRepository::replaceRequests(const QList<FriendRequest> &requests)
{
    return m_db.replaceAll(m_sql, "DELETE FROM friend_requests", requests,
                           [this](const FriendRequest &r) { return putRequest(r); });
}

std::optional<UserProfile> PeopleRepository::profile(const QString &userId)
{
    QSqlQuery &q = m_sql.get("SELECT user_id, nickname, avatar, signature, deleted FROM profiles WHERE user_id = ?");
    if (!m_sql.exec(q, {userId}) || !q.next())
        return std::nullopt;
    const UserProfile p = readProfile(q);
    q.finish();
    return p;
}

std::optional<Contact> PeopleRepository::contact(const QString &userId)
{
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_CONTACT_COLUMNS "WHERE c.user_id = ?");
    if (!m_sql.exec(q, {userId}) || !q.next())
        return std::nullopt;
    Contact c = readContact(q);
    q.finish();
    if (c.profile.userId.isEmpty())
        c.profile.userId = userId;
    return c;
}

QList<Contact> PeopleRepository::contacts()
{
    QList<Contact> list;
    QSqlQuery &q = m_sql.get("SELECT " PARLEY_CONTACT_COLUMNS "ORDER BY c.user_id");
    if (!m_sql.exec(q))
        return list;
    while (q.next())
        list.append(readContact(q));
    q.finish();
    return list;
}

QList<FriendRequest> PeopleRepository::requests()
{
    QList<FriendRequest> list;
    QSqlQuery &q = m_sql.get(
        "SELECT r.id, r.from_id, f.nickname, f.avatar, f.signature, f.deleted, r.to_id, t.nickname, t.avatar, "
        "t.signature, t.deleted, r.greeting, r.status, r.created_at, r.updated_at, r.expires_at FROM friend_requests r "
        "LEFT JOIN profiles f ON f.user_id = r.from_id LEFT JOIN profiles t ON t.user_id = r.to_id "
        "ORDER BY r.updated_at DESC, r.id DESC");
    if (!m_sql.exec(q))
        return list;
    while (q.next()) {
        FriendRequest r;
        r.id = q.value(0).toLongLong();
        r.from = readProfile(q, 1);
        r.to = readProfile(q, 6);
        r.greeting = q.value(11).toString();
        r.status = FriendRequest::Status(q.value(12).toInt());
        r.createdAtMs = q.value(13).toLongLong();
        r.updatedAtMs = q.value(14).toLongLong();
        r.expiresAtMs = q.value(15).toLongLong();
        r.incoming = r.to.userId == m_self;
        list.append(r);
    }
    q.finish();
    return list;
}

QString PeopleRepository::displayName(const QString &userId)
{
    if (std::optional<Contact> c = contact(userId); c && !c->remark.isEmpty())
        return c->remark;
    if (std::optional<UserProfile> p = profile(userId))
        return p->displayName();
    return userId;
}

} // namespace parley
