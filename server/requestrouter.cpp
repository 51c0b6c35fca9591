#include "server/requestrouter.h"

#include "protocol/protobufbytes.h"
#include "server/auth/authservice.h"
#include "server/auth/deviceservice.h"
#include "server/groups/groupservice.h"
#include "server/messaging/historyservice.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/recallservice.h"
#include "server/messaging/receiptservice.h"
#include "server/social/friendservice.h"
#include "server/social/profileservice.h"

namespace parley::server {

using namespace Qt::StringLiterals;

bool RequestRouter::allowedBeforeConnect(SubSignal subSignal)
{
    return subSignal == SubSignal::RVC || subSignal == SubSignal::LGN;
}

void RequestRouter::dispatch(const RequestContext &context, const Frame &frame, Reply reply) const
{
    const auto malformed = [&] {
        reply(errorResult(ErrorCode::MalformedRequest,
                          u"the payload is not a valid %1 request"_s.arg(subSignalName(frame.subSignal))));
    };
    switch (frame.subSignal) {
    case SubSignal::RVC:
        if (auto request = fromBytes<v1::CodeRequest>(frame.payload))
            m_services.auth->requestCode(context, *request, std::move(reply));
        else
            malformed();
        return;
    case SubSignal::LGN:
        if (auto request = fromBytes<v1::LoginRequest>(frame.payload))
            m_services.auth->logIn(context, *request, std::move(reply));
        else
            malformed();
        return;
    case SubSignal::LGO: m_services.auth->logOut(context, std::move(reply)); return;
    case SubSignal::MS:
        if (auto message = fromBytes<v1::Message>(frame.payload))
            m_services.messages->send(context, *message, std::move(reply));
        else
            malformed();
        return;
    case SubSignal::MP:
        if (auto request = fromBytes<v1::PullRequest>(frame.payload))
            m_services.messages->pull(context, *request, std::move(reply));
        else
            malformed();
        return;
    case SubSignal::MDR:
    case SubSignal::MRD:
        if (auto report = fromBytes<v1::ProgressReport>(frame.payload))
            m_services.receipts->report(context,
                                        frame.subSignal == SubSignal::MRD ? ReceiptService::Kind::Read
                                                                          : ReceiptService::Kind::Delivered,
                                        *report, std::move(reply));
        else
            malformed();
        return;
    case SubSignal::MR:
        if (auto request = fromBytes<v1::RecallRequest>(frame.payload))
            m_services.recalls->recall(context, *request, std::move(reply));
        else
            malformed();
        return;
    case SubSignal::LRM:
        if (auto request = fromBytes<v1::HistoryRequest>(frame.payload))
            m_services.history->history(context, *request, std::move(reply));
        else
            malformed();
        return;
    case SubSignal::DVL: m_services.devices->list(context, std::move(reply)); return;
    case SubSignal::DVR:
        if (auto request = fromBytes<v1::RevokeDeviceRequest>(frame.payload))
            m_services.devices->revoke(context, *request, std::move(reply));
        else
            malformed();
        return;
    default: break;
    }
    if (dispatchSocial(context, frame, reply))
        return;
    if (isKnownSubSignal(frame.subSignal) && frame.subSignal != SubSignal::None)
        reply(errorResult(ErrorCode::NotImplemented,
                          u"%1 is not served by this server version"_s.arg(subSignalName(frame.subSignal))));
    else
        reply(errorResult(ErrorCode::UnknownSubSignal, u"unknown sub-signal %1"_s.arg(int(frame.subSignal))));
}

namespace {

// Parses the payload as Request and calls handler(request); answers ERR_MALFORMED_REQUEST if it does not parse.
template <typename Request, typename Handler>
void parsed(const Frame &frame, Reply &reply, Handler &&handler)
{
    if (auto request = fromBytes<Request>(frame.payload))
        handler(*request);
    else
        reply(errorResult(ErrorCode::MalformedRequest,
                          u"the payload is not a valid %1 request"_s.arg(subSignalName(frame.subSignal))));
}

} // namespace

bool RequestRouter::dispatchSocial(const RequestContext &c, const Frame &frame, Reply &reply) const
{
    ProfileService *profiles = m_services.profiles;
    FriendService *friends = m_services.friends;
    GroupService *groups = m_services.groups;
    switch (frame.subSignal) {
    case SubSignal::US:
        parsed<v1::UserSearchRequest>(frame, reply, [&](const auto &r) { profiles->search(c, r, std::move(reply)); });
        return true;
    case SubSignal::UPUI:
        parsed<v1::UserInfoRequest>(frame, reply, [&](const auto &r) { profiles->info(c, r, std::move(reply)); });
        return true;
    case SubSignal::MMI:
        parsed<v1::ModifyMyInfoRequest>(frame, reply, [&](const auto &r) { profiles->modify(c, r, std::move(reply)); });
        return true;
    case SubSignal::FAR:
        parsed<v1::AddFriendRequest>(frame, reply, [&](const auto &r) { friends->request(c, r, std::move(reply)); });
        return true;
    case SubSignal::FRP: friends->listRequests(c, std::move(reply)); return true;
    case SubSignal::FHR:
        parsed<v1::HandleFriendRequest>(frame, reply, [&](const auto &r) { friends->handle(c, r, std::move(reply)); });
        return true;
    case SubSignal::FP: friends->listContacts(c, std::move(reply)); return true;
    case SubSignal::FDL:
        parsed<v1::UserRef>(frame, reply, [&](const auto &r) { friends->remove(c, r, std::move(reply)); });
        return true;
    case SubSignal::FRM:
        parsed<v1::SetRemarkRequest>(frame, reply, [&](const auto &r) { friends->setRemark(c, r, std::move(reply)); });
        return true;
    case SubSignal::BLK:
        parsed<v1::BlockRequest>(frame, reply, [&](const auto &r) { friends->block(c, r, std::move(reply)); });
        return true;
    case SubSignal::GC:
        parsed<v1::CreateGroupRequest>(frame, reply, [&](const auto &r) { groups->create(c, r, std::move(reply)); });
        return true;
    case SubSignal::GPGI:
        parsed<v1::GroupRef>(frame, reply, [&](const auto &r) { groups->info(c, r, std::move(reply)); });
        return true;
    case SubSignal::GPGM:
        parsed<v1::GroupRef>(frame, reply, [&](const auto &r) { groups->members(c, r, std::move(reply)); });
        return true;
    case SubSignal::GL: groups->list(c, std::move(reply)); return true;
    case SubSignal::GAM:
        parsed<v1::GroupMembersRequest>(frame, reply, [&](const auto &r) { groups->add(c, r, std::move(reply)); });
        return true;
    case SubSignal::GKM:
        parsed<v1::GroupMembersRequest>(frame, reply, [&](const auto &r) { groups->kick(c, r, std::move(reply)); });
        return true;
    case SubSignal::GQ:
        parsed<v1::GroupRef>(frame, reply, [&](const auto &r) { groups->quit(c, r, std::move(reply)); });
        return true;
    case SubSignal::GMI:
        parsed<v1::ModifyGroupInfoRequest>(frame, reply,
                                           [&](const auto &r) { groups->modify(c, r, std::move(reply)); });
        return true;
    case SubSignal::GMR:
        parsed<v1::SetMemberRoleRequest>(frame, reply, [&](const auto &r) { groups->setRole(c, r, std::move(reply)); });
        return true;
    case SubSignal::GDS:
        parsed<v1::GroupRef>(frame, reply, [&](const auto &r) { groups->dismiss(c, r, std::move(reply)); });
        return true;
    default: return false;
    }
}

} // namespace parley::server
