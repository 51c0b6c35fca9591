#include "server/auth/authservice.h"

#include "common/phonenumber.h"
#include "server/auth/icodesender.h"
#include "server/iclock.h"
#include "server/logging.h"
#include "server/net/arrivalwatch.h"
#include "server/net/sessionregistry.h"
#include "server/routing/requestrouter.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

using Access = RequestPolicy::Access;
using Budget = RequestPolicy::Budget;

std::optional<Error> checkPhone(const std::string &phone)
{
    if (PhoneNumber::normalize(QString::fromStdString(phone)))
        return std::nullopt;
    return Error(ErrorCode::InvalidPhone, u"enter the number with its country code, like +86 138 0013 8000"_s);
}

} // namespace

AuthService::AuthService(CodeBook codes, DeviceSessions sessions, const IClock &clock, StoreExecutor &store,
                         SessionRegistry &registry, ICodeSender &sender)
    : m_codes(std::move(codes)),
      m_sessions(std::move(sessions)),
      m_clock(clock),
      m_store(store),
      m_registry(registry),
      m_sender(sender)
{
}

void AuthService::addRoutes(RequestRouter &router)
{
    // RVC: a code for a phone number, to log in with (LGN); answered once the sender has it. After CONNECT, to the
    // user's own number only, to confirm deleting the account (DLA) and nothing else.
    router.add<v1::CodeRequest>(
        SubSignal::RVC, {Access::Either, Budget::None},
        [this](IStore &store, const Call &call, const v1::CodeRequest &request) -> Outcome {
            const std::optional<QString> asked = PhoneNumber::normalize(QString::fromStdString(request.phone()));
            QString phone = asked.value_or(QString());
            if (call.user) {
                const std::optional<UserRecord> me = store.userByUid(call.me().uid);
                if (!me)
                    return Error(ErrorCode::Unavailable, u"storage failed"_s);
                if (!request.phone().empty() && phone != me->phone)
                    return Error(ErrorCode::PermissionDenied, u"after logging in, codes go to your own number only"_s);
                phone = me->phone;
            } else if (!asked) {
                return *checkPhone(request.phone());
            }
            const CodePurpose purpose = call.user ? CodePurpose::DeleteAccount : CodePurpose::LogIn;
            const Result<CodeBook::Issued> issued = m_codes.issue(store, phone, call.peerAddress, purpose);
            if (!issued)
                return issued.error();
            Outcome outcome;
            outcome.replyLater = [sender = &m_sender, phone, purpose, issued = issued.value(),
                                  ttlS = quint32(m_codes.policy().ttlMs / 1000)](Reply reply) {
                QMetaObject::invokeMethod(sender, [sender, reply, phone, purpose, issued, ttlS] {
                    sender->send(phone, issued.code, purpose,
                                 [reply, ttlS, resendAfter = issued.resendAfterS](const Error &e) {
                                     if (e.isError()) {
                                         reply(errorResult(e));
                                         return;
                                     }
                                     v1::Result result;
                                     result.mutable_code_sent()->set_expires_in_s(ttlS);
                                     result.mutable_code_sent()->set_resend_after_s(resendAfter);
                                     reply(result);
                                 });
                });
            };
            return outcome;
        },
        [](const v1::CodeRequest &request) {
            return request.phone().empty() ? std::nullopt : checkPhone(request.phone()); // empty: mine (after CONNECT)
        });

    // LGN: phone + code → a device token; a device policy may log older devices of the kind out.
    router.add<v1::LoginRequest>(
        SubSignal::LGN, {Access::BeforeConnect, Budget::None},
        [this](IStore &store, const Call &, const v1::LoginRequest &request) -> Outcome {
            const QString phone = *PhoneNumber::normalize(QString::fromStdString(request.phone()));
            if (const Result<Done> verified =
                    m_codes.verify(store, phone, QString::fromStdString(request.code()), CodePurpose::LogIn);
                !verified)
                return verified.error();
            const Result<DeviceSessions::LoggedIn> loggedIn = m_sessions.logIn(store, phone, request);
            if (!loggedIn)
                return loggedIn.error();
            Outcome outcome;
            v1::LoginResult *login = outcome.result.mutable_login();
            login->set_user_id(loggedIn->user.uid.toStdString());
            login->set_token(loggedIn->token.toStdString());
            login->set_new_user(loggedIn->newUser);
            outcome.afterCommit = [uid = loggedIn->user.uid, newUser = loggedIn->newUser,
                                   kick = DeviceSessions::disconnecting(loggedIn->user.id, loggedIn->kickedDevices,
                                                                        RevokeReason::Kicked)](SessionRegistry &r) {
                qCInfo(lcAuth) << "user" << uid << (newUser ? "signed up" : "logged in");
                kick(r);
            };
            return outcome;
        },
        [](const v1::LoginRequest &request) -> std::optional<Error> {
            if (const std::optional<Error> phone = checkPhone(request.phone()))
                return phone;
            if (!DeviceSessions::isValidDeviceId(QString::fromStdString(request.device_id())))
                return Error(ErrorCode::InvalidDevice, u"device id missing or too long"_s);
            return std::nullopt;
        });

    // LGO: this device's token is revoked, then its link closed.
    router.add<v1::LogoutRequest>(SubSignal::LGO, {Access::AfterConnect, Budget::None},
                                  [this](IStore &store, const Call &call, const v1::LogoutRequest &) {
                                      m_sessions.logOut(store, call.me().sessionRecordId);
                                      Outcome outcome{v1::Result()};
                                      outcome.afterCommit = [session = call.session](SessionRegistry &r) {
                                          r.disconnectSession(session, v1::DISCONNECT_CLIENT_LOGOUT, u"logged out"_s);
                                      };
                                      return outcome;
                                  });
}

void AuthService::authenticate(const v1::ConnectRequest &request, std::function<void(ConnectOutcome)> done)
{
    m_store.submit<ConnectOutcome>(
        [this, request](IStore &store) {
            ConnectOutcome outcome = m_sessions.authenticate(store, request);
            if (outcome.user) {
                // Pushes from now until the session is added are counted: the head read next may not cover them.
                outcome.arrival = std::make_shared<ArrivalWatch>(m_registry, outcome.user->userId);
                outcome.inboxHead = store.inboxHead(outcome.user->userId);
            }
            return outcome;
        },
        done,
        [done](const Error &error) {
            ConnectOutcome outcome;
            outcome.code = v1::CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            outcome.message = error.message;
            done(outcome);
        });
}

void AuthService::pruneExpired()
{
    const qint64 before = m_clock.nowMs() - CodePolicy::kHourMs;
    m_store.submit<Done>(
        [before](IStore &store) {
            store.codes().pruneCodeRequests(before);
            return Done{};
        },
        {}, {});
}

} // namespace parley::server
