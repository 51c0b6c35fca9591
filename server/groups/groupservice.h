#pragma once

#include "parley.pb.h"
#include "server/groups/groupledger.h"
#include "server/requestcontext.h"

namespace parley::server {

class IClock;
class SessionRegistry;
class StoreExecutor;

// GC, GPGI, GPGM, GAM, GKM, GQ, GMI, GMR, GDS and GL: checks the shape of each request on the network
// thread (names and announcements within their limits), runs the GroupLedger rule in a storage job, and
// replies and pushes the notices after the commit.
class GroupService {
public:
    GroupService(GroupLedger::Policy policy, const IClock &clock, StoreExecutor &store, SessionRegistry &registry)
        : m_ledger(policy), m_clock(clock), m_store(store), m_registry(registry)
    {
    }

    void create(const RequestContext &context, const v1::CreateGroupRequest &request, Reply reply);
    void info(const RequestContext &context, const v1::GroupRef &request, Reply reply);
    void members(const RequestContext &context, const v1::GroupRef &request, Reply reply);
    void list(const RequestContext &context, Reply reply);
    void add(const RequestContext &context, const v1::GroupMembersRequest &request, Reply reply);
    void kick(const RequestContext &context, const v1::GroupMembersRequest &request, Reply reply);
    void quit(const RequestContext &context, const v1::GroupRef &request, Reply reply);
    void modify(const RequestContext &context, const v1::ModifyGroupInfoRequest &request, Reply reply);
    void setRole(const RequestContext &context, const v1::SetMemberRoleRequest &request, Reply reply);
    void dismiss(const RequestContext &context, const v1::GroupRef &request, Reply reply);

private:
    using Work = std::function<Outcome(const GroupLedger &, IStore &, const AuthenticatedUser &, qint64 nowMs)>;
    void run(const RequestContext &context, Reply reply, Work work);
    // An error if the text is over `limit` characters (or empty when it must not be).
    static std::optional<Error> checkText(const QString &text, int limit, bool mayBeEmpty, const QString &what);

    GroupLedger m_ledger;
    const IClock &m_clock;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
};

} // namespace parley::server
