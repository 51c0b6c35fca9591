#pragma once

#include "protocol/result.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace parley::server {

class AccountDeletion;
class IClock;
class IStore;
class SessionRegistry;

// What an operator can do without SQL (parleyd admin …): find a user, list and log out their devices, suspend
// and reinstate an account, delete one (AccountDeletion, as when its user does), count everything. A user is named by
// phone number (+8613…) or user id. Each command's rule runs on the storage thread in one transaction; what it does to
// links (disconnecting a user's devices, on every node) runs once that has committed.
class AdminCommands {
public:
    struct Answer {
        QJsonObject result;
        std::function<void(SessionRegistry &)> afterCommit; // may be empty
        QString logLine;                                    // what the log says was done (no phone numbers)
    };
    using Rule = std::function<Result<Answer>(IStore &)>;

    AdminCommands(const SessionRegistry &registry, const IClock &clock, const AccountDeletion &deletion)
        : m_registry(registry), m_clock(clock), m_deletion(deletion)
    {
    }

    // The rule for `command` with `args`, or an error saying what is wrong with them (before any storage work).
    Result<Rule> rule(const QString &command, const QStringList &args) const;
    // Whether `command` only reads, and reads a lot (counts scans whole tables): it runs on a connection of its own
    // (AdminService), so that the storage thread serving the users is not held meanwhile.
    static bool onlyReads(const QString &command);
    // One line per command, for `parleyd admin --help`.
    static QString usage();

private:
    Result<Answer> user(IStore &store, const QString &who) const;
    Result<Answer> devices(IStore &store, const QString &who) const;
    Result<Answer> revoke(IStore &store, const QString &who, const QString &deviceId) const;
    Result<Answer> suspend(IStore &store, const QString &who, bool suspended) const;
    Result<Answer> erase(IStore &store, const QString &who) const;
    Result<Answer> counts(IStore &store) const;

    const SessionRegistry &m_registry;
    const IClock &m_clock;
    const AccountDeletion &m_deletion;
};

} // namespace parley::server
