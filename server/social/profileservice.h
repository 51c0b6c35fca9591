#pragma once

#include "parley.pb.h"
#include "server/messaging/outcome.h"
#include "server/requestcontext.h"

namespace parley::server {

class IClock;
class IStore;
class SessionRegistry;
class StoreExecutor;

// US, UPUI and MMI: finding users, reading their public profiles, editing one's own. Search is exact
// (a phone number or a user id), never a browse of the user base, and a user may turn off being found by
// phone. Only public fields leave the server. A changed profile reaches the user's other devices and
// friends as a Contact item.
class ProfileService {
public:
    static constexpr int kMaxInfoIds = 100;
    static constexpr int kMaxNicknameLength = 32;
    static constexpr int kMaxSignatureLength = 100;
    static constexpr int kMaxAvatarLength = 512;

    ProfileService(const IClock &clock, StoreExecutor &store, SessionRegistry &registry)
        : m_clock(clock), m_store(store), m_registry(registry)
    {
    }

    void search(const RequestContext &context, const v1::UserSearchRequest &request, Reply reply);
    void info(const RequestContext &context, const v1::UserInfoRequest &request, Reply reply);
    void modify(const RequestContext &context, const v1::ModifyMyInfoRequest &request, Reply reply);

    static Outcome searchIn(IStore &store, const AuthenticatedUser &user, const QString &query);
    static Outcome modifyIn(IStore &store, const AuthenticatedUser &user, const v1::ModifyMyInfoRequest &request,
                            quint64 sessionId, qint64 nowMs);

private:
    const IClock &m_clock;
    StoreExecutor &m_store;
    SessionRegistry &m_registry;
};

} // namespace parley::server
