#include "server/auth/authservice.h"

#include "common/phonenumber.h"
#include "server/auth/icodesender.h"
#include "server/iclock.h"
#include "server/logging.h"
#include "server/net/session.h"
#include "server/net/sessionregistry.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

v1::Result invalidPhone()
{
    return errorResult(ErrorCode::InvalidPhone, u"enter the number with its country code, like +86 138 0013 8000"_s);
}

std::function<void(const Error &)> replyError(Reply reply)
{
    return [reply = std::move(reply)](const Error &error) { reply(errorResult(error)); };
}

} // namespace

AuthService::AuthService(CodeBook codes, DeviceSessions sessions, const IClock &clock, StoreExecutor &store,
                         ICodeSender &sender, SessionRegistry &registry)
    : m_codes(std::move(codes)),
      m_sessions(std::move(sessions)),
      m_clock(clock),
      m_store(store),
      m_sender(sender),
      m_registry(registry)
{
}

void AuthService::requestCode(const RequestContext &context, const v1::CodeRequest &request, Reply reply)
{
    const std::optional<QString> phone = PhoneNumber::normalize(QString::fromStdString(request.phone()));
    if (!phone) {
        reply(invalidPhone());
        return;
    }
    const quint32 ttlS = quint32(m_codes.policy().ttlMs / 1000);
    ICodeSender *sender = &m_sender;
    m_store.submit<Result<CodeBook::Issued>>(
        [this, phone = *phone, address = context.peerAddress](IStore &store) {
            return m_codes.issue(store, phone, address);
        },
        [sender, reply, phone = *phone, ttlS](Result<CodeBook::Issued> issued) {
            if (!issued) {
                reply(errorResult(issued.error()));
                return;
            }
            QMetaObject::invokeMethod(sender, [sender, reply, phone, ttlS, issued = std::move(issued.value())] {
                sender->send(phone, issued.code, [reply, ttlS, resendAfter = issued.resendAfterS](const Error &e) {
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
        },
        replyError(reply));
}

void AuthService::logIn(const RequestContext &, const v1::LoginRequest &request, Reply reply)
{
    const std::optional<QString> phone = PhoneNumber::normalize(QString::fromStdString(request.phone()));
    if (!phone) {
        reply(invalidPhone());
        return;
    }
    if (!DeviceSessions::isValidDeviceId(QString::fromStdString(request.device_id()))) {
        reply(errorResult(ErrorCode::InvalidDevice, u"device id missing or too long"_s));
        return;
    }
    m_store.submit<Result<DeviceSessions::LoggedIn>>(
        [this, phone = *phone, request](IStore &store) -> Result<DeviceSessions::LoggedIn> {
            const Result<Done> verified = m_codes.verify(store, phone, QString::fromStdString(request.code()));
            if (!verified)
                return verified.error();
            return m_sessions.logIn(store, phone, request);
        },
        [reply, registry = &m_registry](Result<DeviceSessions::LoggedIn> loggedIn) {
            if (!loggedIn) {
                reply(errorResult(loggedIn.error()));
                return;
            }
            for (const QString &device : std::as_const(loggedIn->kickedDevices))
                registry->disconnectDevice(loggedIn->user.id, device, v1::DISCONNECT_KICKED,
                                           u"a newer login on another device of this kind replaced this one"_s);
            qCInfo(lcAuth) << "user" << loggedIn->user.uid << (loggedIn->newUser ? "signed up" : "logged in");
            v1::Result result;
            v1::LoginResult *login = result.mutable_login();
            login->set_user_id(loggedIn->user.uid.toStdString());
            login->set_token(loggedIn->token.toStdString());
            login->set_new_user(loggedIn->newUser);
            reply(result);
        },
        replyError(reply));
}

void AuthService::logOut(const RequestContext &context, Reply reply)
{
    const qint64 sessionRecordId = context.user->sessionRecordId;
    const SessionRef session = context.session;
    m_store.submit<Done>(
        [this, sessionRecordId](IStore &store) {
            m_sessions.logOut(store, sessionRecordId);
            return Done{};
        },
        [reply, session](Done) {
            reply(v1::Result());
            session.post([](Session &s) { s.disconnect(v1::DISCONNECT_CLIENT_LOGOUT, u"logged out"_s); });
        },
        replyError(reply));
}

void AuthService::authenticate(const v1::ConnectRequest &request, std::function<void(ConnectOutcome)> done)
{
    m_store.submit<ConnectOutcome>([this, request](IStore &store) { return m_sessions.authenticate(store, request); },
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
            store.pruneCodeRequests(before);
            return Done{};
        },
        {}, {});
}

} // namespace parley::server
