#include "server/auth/accountdeletion.h"

#include "server/auth/devicesessions.h"
#include "server/authenticateduser.h"
#include "server/files/fileledger.h"
#include "server/files/filesweeper.h"
#include "server/groups/groupledger.h"
#include "server/logging.h"
#include "server/messaging/conversationlock.h"
#include "server/messaging/inboxwriter.h"
#include "server/net/sessionregistry.h"
#include "server/social/socialwire.h"
#include "server/storage/istore.h"
#include "server/storage/lockkey.h"

#include <QSet>

#include <algorithm>

namespace parley::server {

using namespace Qt::StringLiterals;

Outcome AccountDeletion::erase(IStore &store, const UserRecord &user, qint64 nowMs) const
{
    // Its users row's lock, and each group's (the group's messages and changes take it). The groups are read
    // again under the locks until none is new (one joined meanwhile gets its lock then, out of the ascending order:
    // a deadlock PostgreSQL breaks is a transient failure, after which the batch runs again).
    QList<GroupRecord> groups = store.groups().groupsOf(user.id);
    QSet<qint64> locked;
    for (;;) {
        QList<qint64> keys{LockKey::ofUser(user.id)};
        for (const GroupRecord &g : std::as_const(groups))
            keys.append(ConversationLock::ofGroup(g.gid));
        keys.removeIf([&](qint64 k) { return locked.contains(k); });
        if (keys.isEmpty())
            break;
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        store.takeLocks(keys);
        locked.unite(QSet<qint64>(keys.cbegin(), keys.cend()));
        groups = store.groups().groupsOf(user.id);
    }
    if (store.accounts().isDeleted(user.id)) // by another request, on this node or another
        return Error(ErrorCode::AccountDeleted, u"this account was deleted"_s);

    const QList<qint64> told = store.accounts().acquaintances(user.id); // before it leaves its groups

    // The account acts in its groups' notices: it leaves them.
    const AuthenticatedUser self{user.id, user.uid, {}, {}, 0};
    InboxWriter inbox(store, nowMs);
    for (const GroupRecord &g : groups)
        GroupLedger::leaveForGood(store, inbox, self, g, nowMs);

    const FileLedger::Garbage garbage = m_files.eraseUser(store, user.id);
    const QStringList devices = DeviceSessions::revokeAll(store, user.id, RevokeReason::AccountDeleted, nowMs);
    store.accounts().eraseAccount(user, nowMs);

    // Whoever may show the account learns that any relation to it is gone and that its profile reads "deleted".
    const std::optional<ProfileRecord> erased = store.social().profile(user.id);
    for (const qint64 other : told)
        inbox.appendContact(other, toWire(ContactRecord{other, user.id}, erased.value_or(ProfileRecord{})));

    Outcome outcome{v1::Result(), inbox.takeDeliveries()};
    outcome.afterCommit = [uid = user.uid, devices = devices.size(), garbage, sweeper = &m_sweeper,
                           groups = groups.size(), told = told.size(),
                           shutOut = DeviceSessions::shuttingOut(user.id, devices, RevokeReason::AccountDeleted)](
                              SessionRegistry &registry) {
        qCInfo(lcAuth) << "user" << uid << "deleted: left" << groups << "groups, told" << told << "people, logged out"
                       << devices << "devices";
        shutOut(registry);
        sweeper->sweep(garbage);
    };
    return outcome;
}

} // namespace parley::server
