#pragma once

#include "parley.pb.h"
#include "server/authenticateduser.h"
#include "server/routing/outcome.h"

#include <QStringList>

namespace parley::server {

class IStore;

// The storage-thread rules of profiles (US, UPUI, MMI). Search is exact (a phone number or a user id), never
// a browse of the user base, and a user may turn off being found by phone: a number of someone who did gets
// the same empty answer as a number nobody has. Only public fields leave the server. A changed profile
// reaches the user's devices and friends as a Contact item. Who may see my presence is kept here too
// (PresenceLedger tells friends once it is committed).
class ProfileLedger {
public:
    static Outcome search(IStore &store, const AuthenticatedUser &user, const QString &query);
    static Outcome info(IStore &store, const QStringList &userIds);
    static Outcome modify(IStore &store, const AuthenticatedUser &user, const v1::ModifyMyInfoRequest &request,
                          qint64 nowMs);
};

} // namespace parley::server
