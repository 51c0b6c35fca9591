#include "server/ops/admincommands.h"

#include "common/phonenumber.h"
#include "parley.pb.h"
#include "protocol/errorcode.h"
#include "server/auth/accountdeletion.h"
#include "server/auth/devicesessions.h"
#include "server/iclock.h"
#include "server/net/sessionregistry.h"
#include "server/routing/inboxdelivery.h"
#include "server/storage/istore.h"

#include <QDateTime>
#include <QJsonArray>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

struct CommandShape {
    const char *name;
    int minArgs;
    int maxArgs;
    const char *usage;
};

constexpr CommandShape kCommands[] = {
    {"user", 1, 1, "user PHONE|USER_ID            the account: id, phone, when made, suspended, devices online"},
    {"devices", 1, 1, "devices PHONE|USER_ID         the devices logged in, when last seen, which are online"},
    {"revoke", 2, 2, "revoke PHONE|USER_ID DEVICE   log one device out (--all: every device) on every node"},
    {"ban", 1, 1, "ban PHONE|USER_ID             suspend the account: every device logged out, no new login"},
    {"unban", 1, 1, "unban PHONE|USER_ID           lift the suspension (the user logs in again)"},
    {"delete", 1, 1, "delete PHONE|USER_ID          delete the account and what is the person's (as the user can)"},
    {"counts", 0, 0, "counts                        users, devices, messages, groups, files, sessions here"},
};
constexpr char kAllDevices[] = "--all";

QJsonValue timeOf(qint64 ms)
{
    if (ms <= 0)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// A deleted account is found (by user id) only to be told about: nothing more can be done to it.
std::optional<UserRecord> findUser(IStore &store, const QString &who, bool evenDeleted = false)
{
    std::optional<UserRecord> user;
    if (!who.startsWith(u'+')) {
        user = store.userByUid(who);
    } else if (const std::optional<QString> phone = PhoneNumber::normalize(who)) { // "+86 138 0013 8000" is fine
        user = store.userByPhone(*phone);
    }
    return user && (evenDeleted || !user->deleted) ? user : std::nullopt;
}

Error noSuchUser(const QString &who)
{
    return Error(ErrorCode::NotFound,
                 who.startsWith(u'+') ? u"no account has that phone number"_s : u"no account has that user id"_s);
}

} // namespace

QString AdminCommands::usage()
{
    QString text;
    for (const CommandShape &c : kCommands)
        text += u"  "_s + QLatin1StringView(c.usage) + u'\n';
    return text;
}

bool AdminCommands::onlyReads(const QString &command)
{
    return command == "counts"_L1;
}

Result<AdminCommands::Rule> AdminCommands::rule(const QString &command, const QStringList &args) const
{
    const CommandShape *shape = nullptr;
    for (const CommandShape &c : kCommands) {
        if (command == QLatin1StringView(c.name))
            shape = &c;
    }
    if (!shape)
        return Error(ErrorCode::MalformedRequest, u"no command '%1'; the commands are:\n%2"_s.arg(command, usage()));
    if (args.size() < shape->minArgs || args.size() > shape->maxArgs)
        return Error(ErrorCode::MalformedRequest, u"usage: %1"_s.arg(QLatin1StringView(shape->usage)));
    const QString who = args.value(0);
    if (command == "user"_L1)
        return Rule([this, who](IStore &s) { return user(s, who); });
    if (command == "devices"_L1)
        return Rule([this, who](IStore &s) { return devices(s, who); });
    if (command == "revoke"_L1)
        return Rule([this, who, device = args.value(1)](IStore &s) { return revoke(s, who, device); });
    if (command == "ban"_L1 || command == "unban"_L1)
        return Rule([this, who, ban = command == "ban"_L1](IStore &s) { return suspend(s, who, ban); });
    if (command == "delete"_L1)
        return Rule([this, who](IStore &s) { return erase(s, who); });
    return Rule([this](IStore &s) { return counts(s); });
}

Result<AdminCommands::Answer> AdminCommands::user(IStore &store, const QString &who) const
{
    const std::optional<UserRecord> user = findUser(store, who, true);
    if (!user)
        return store.failed() ? Error(ErrorCode::Unavailable, u"storage failed"_s) : noSuchUser(who);
    const qint64 suspended = store.accounts().suspendedSince(user->id);
    const std::optional<ProfileRecord> profile = store.social().profile(user->id);
    Answer answer;
    answer.result = QJsonObject{
        {u"userId"_s, user->uid},
        {u"phone"_s, user->deleted ? QJsonValue() : QJsonValue(user->phone)},
        {u"deleted"_s, user->deleted},
        {u"nickname"_s, profile ? profile->nickname : QString()},
        {u"createdAt"_s, timeOf(user->createdAtMs)},
        {u"suspendedSince"_s, timeOf(suspended)},
        {u"devices"_s, int(store.activeSessions(user->id).size())},
        {u"devicesOnlineHere"_s, int(m_registry.onlineDevices(user->id).size())},
        {u"lastSeen"_s, timeOf(profile ? profile->lastSeenAtMs : 0)},
    };
    answer.logLine = u"looked up user %1"_s.arg(user->uid);
    return answer;
}

Result<AdminCommands::Answer> AdminCommands::devices(IStore &store, const QString &who) const
{
    const std::optional<UserRecord> user = findUser(store, who);
    if (!user)
        return noSuchUser(who);
    const QSet<QString> online = m_registry.onlineDevices(user->id);
    QJsonArray list;
    for (const SessionRecord &s : store.activeSessions(user->id)) {
        list.append(QJsonObject{{u"deviceId"_s, s.deviceId},
                                {u"platform"_s, s.platform},
                                {u"name"_s, s.deviceName},
                                {u"loggedInAt"_s, timeOf(s.createdAtMs)},
                                {u"lastSeen"_s, timeOf(s.lastSeenAtMs)},
                                {u"onlineHere"_s, online.contains(s.deviceId)}});
    }
    Answer answer;
    answer.result = QJsonObject{{u"userId"_s, user->uid}, {u"devices"_s, list}};
    answer.logLine = u"listed the devices of user %1"_s.arg(user->uid);
    return answer;
}

Result<AdminCommands::Answer> AdminCommands::revoke(IStore &store, const QString &who, const QString &deviceId) const
{
    const std::optional<UserRecord> user = findUser(store, who);
    if (!user)
        return noSuchUser(who);
    const bool all = deviceId == QLatin1StringView(kAllDevices);
    QStringList revoked;
    for (const SessionRecord &s : store.activeSessions(user->id)) {
        if (!all && s.deviceId != deviceId)
            continue;
        store.revokeSession(s.id, RevokeReason::ByOperator, m_clock.nowMs());
        revoked.append(s.deviceId);
    }
    if (revoked.isEmpty() && !all)
        return Error(ErrorCode::NotFound, u"that user has no device with that id logged in"_s);
    Answer answer;
    answer.result = QJsonObject{{u"userId"_s, user->uid}, {u"loggedOut"_s, QJsonArray::fromStringList(revoked)}};
    answer.afterCommit = DeviceSessions::disconnecting(user->id, revoked, RevokeReason::ByOperator);
    answer.logLine = u"logged out %1 device(s) of user %2"_s.arg(revoked.size()).arg(user->uid);
    return answer;
}

Result<AdminCommands::Answer> AdminCommands::suspend(IStore &store, const QString &who, bool suspended) const
{
    const std::optional<UserRecord> user = findUser(store, who);
    if (!user)
        return noSuchUser(who);
    const qint64 now = m_clock.nowMs();
    const qint64 since = store.accounts().suspendedSince(user->id);
    Answer answer;
    if (!suspended) {
        if (since > 0)
            store.accounts().setSuspendedSince(user->id, 0);
        answer.result = QJsonObject{{u"userId"_s, user->uid}, {u"suspended"_s, false}, {u"wasSuspended"_s, since > 0}};
        answer.afterCommit = [userId = user->id](SessionRegistry &registry) {
            registry.setShutOut(userId, RevokeReason::None);
        };
        answer.logLine = u"reinstated user %1"_s.arg(user->uid);
        return answer;
    }
    if (since == 0)
        store.accounts().setSuspendedSince(user->id, now);
    const QStringList devices = DeviceSessions::revokeAll(store, user->id, RevokeReason::Suspended, now);
    answer.result = QJsonObject{{u"userId"_s, user->uid},
                                {u"suspended"_s, true},
                                {u"suspendedSince"_s, timeOf(since > 0 ? since : now)},
                                {u"loggedOut"_s, QJsonArray::fromStringList(devices)}};
    answer.afterCommit = DeviceSessions::shuttingOut(user->id, devices, RevokeReason::Suspended);
    answer.logLine = u"suspended user %1 and logged out %2 device(s)"_s.arg(user->uid).arg(devices.size());
    return answer;
}

Result<AdminCommands::Answer> AdminCommands::erase(IStore &store, const QString &who) const
{
    const std::optional<UserRecord> user = findUser(store, who);
    if (!user)
        return store.failed() ? Error(ErrorCode::Unavailable, u"storage failed"_s) : noSuchUser(who);
    Outcome erased = m_deletion.erase(store, *user, m_clock.nowMs());
    if (erased.result.code() != v1::ERR_NONE)
        return Error(errorCodeFromWire(erased.result.code()), QString::fromStdString(erased.result.message()));
    Answer answer;
    answer.result = QJsonObject{{u"userId"_s, user->uid}, {u"deleted"_s, true}};
    answer.afterCommit = [deliveries = std::move(erased.deliveries),
                          after = std::move(erased.afterCommit)](SessionRegistry &registry) {
        pushDeliveries(registry, deliveries);
        after(registry);
    };
    answer.logLine = u"deleted user %1"_s.arg(user->uid);
    return answer;
}

Result<AdminCommands::Answer> AdminCommands::counts(IStore &store) const
{
    const StoreCounts c = store.accounts().counts();
    Answer answer;
    answer.result = QJsonObject{
        {u"users"_s, c.users},
        {u"suspendedUsers"_s, c.suspendedUsers},
        {u"deletedUsers"_s, c.deletedUsers},
        {u"devices"_s, c.devices},
        {u"messages"_s, c.messages},
        {u"groups"_s, c.groups},
        {u"files"_s, c.files},
        {u"fileBytes"_s, c.fileBytes},
        {u"usersOnlineHere"_s, int(m_registry.onlineUsers().size())},
        {u"sessionsHere"_s, m_registry.totalSessions()},
    };
    answer.logLine = u"counted"_s;
    return answer;
}

} // namespace parley::server
