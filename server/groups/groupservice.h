#pragma once

#include "server/groups/groupledger.h"

namespace parley::server {

class RequestRouter;

// The routes of groups: GC, GPGI, GPGM, GAM, GKM, GQ, GMI, GMR, GDS and GL. The shape of each request is
// checked on the network thread (names and announcements within their limits, member counts, roles); the
// rules are GroupLedger's, and the notices they write are pushed after the commit.
class GroupService {
public:
    explicit GroupService(GroupLedger::Policy policy) : m_ledger(policy) {}

    void addRoutes(RequestRouter &router);

private:
    // An error if the text is over `limit` characters (or empty when it must not be).
    static std::optional<Error> checkText(const QString &text, int limit, bool mayBeEmpty, const QString &what);
    // checkText for a group name, which is one clean line too (limits::isCleanName).
    static std::optional<Error> checkName(const QString &name, int limit, bool mayBeEmpty);

    GroupLedger m_ledger;
};

} // namespace parley::server
