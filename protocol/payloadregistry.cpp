#include "protocol/payloadregistry.h"

#include "parley.pb.h"

namespace parley {

const google::protobuf::Message *payloadPrototype(Signal signal, SubSignal subSignal)
{
    switch (signal) {
    case Signal::Connect: return &v1::ConnectRequest::default_instance();
    case Signal::ConnectAck: return &v1::ConnectAck::default_instance();
    case Signal::Disconnect: return &v1::Disconnect::default_instance();
    case Signal::PubAck: return &v1::Result::default_instance();
    case Signal::Ping:
    case Signal::Pong: return nullptr;
    case Signal::Publish:
        switch (subSignal) {
        case SubSignal::RVC: return &v1::CodeRequest::default_instance();
        case SubSignal::LGN: return &v1::LoginRequest::default_instance();
        case SubSignal::LGO: return &v1::LogoutRequest::default_instance();
        case SubSignal::MS: return &v1::Message::default_instance();
        case SubSignal::MP: return &v1::PullRequest::default_instance();
        case SubSignal::MDR:
        case SubSignal::MRD: return &v1::ProgressReport::default_instance();
        case SubSignal::MR: return &v1::RecallRequest::default_instance();
        case SubSignal::LRM: return &v1::HistoryRequest::default_instance();
        case SubSignal::DVL: return &v1::DeviceListRequest::default_instance();
        case SubSignal::DVR: return &v1::RevokeDeviceRequest::default_instance();
        case SubSignal::US: return &v1::UserSearchRequest::default_instance();
        case SubSignal::UPUI: return &v1::UserInfoRequest::default_instance();
        case SubSignal::MMI: return &v1::ModifyMyInfoRequest::default_instance();
        case SubSignal::FAR: return &v1::AddFriendRequest::default_instance();
        case SubSignal::FRP: return &v1::FriendRequestsRequest::default_instance();
        case SubSignal::FHR: return &v1::HandleFriendRequest::default_instance();
        case SubSignal::FP: return &v1::FriendListRequest::default_instance();
        case SubSignal::FDL: return &v1::UserRef::default_instance();
        case SubSignal::FRM: return &v1::SetRemarkRequest::default_instance();
        case SubSignal::BLK: return &v1::BlockRequest::default_instance();
        case SubSignal::GC: return &v1::CreateGroupRequest::default_instance();
        case SubSignal::GPGI:
        case SubSignal::GPGM:
        case SubSignal::GQ:
        case SubSignal::GDS: return &v1::GroupRef::default_instance();
        case SubSignal::GAM:
        case SubSignal::GKM: return &v1::GroupMembersRequest::default_instance();
        case SubSignal::GMI: return &v1::ModifyGroupInfoRequest::default_instance();
        case SubSignal::GMR: return &v1::SetMemberRoleRequest::default_instance();
        case SubSignal::GL: return &v1::GroupListRequest::default_instance();
        case SubSignal::GQNUT: return &v1::UploadTokenRequest::default_instance();
        case SubSignal::FDG: return &v1::DownloadGrantRequest::default_instance();
        case SubSignal::ME: return &v1::EditRequest::default_instance();
        case SubSignal::MRE: return &v1::ReactRequest::default_instance();
        case SubSignal::MT: return &v1::TypingRequest::default_instance();
        case SubSignal::PS: return &v1::PresenceRequest::default_instance();
        case SubSignal::CSS: return &v1::ConversationSettingsRequest::default_instance();
        case SubSignal::CSL: return &v1::ConversationSettingsListRequest::default_instance();
        case SubSignal::DA: return &v1::ActivityRequest::default_instance();
        case SubSignal::GMM: return &v1::MuteMemberRequest::default_instance();
        case SubSignal::GJL: return &v1::GroupRef::default_instance();
        case SubSignal::GJH: return &v1::JoinDecision::default_instance();
        case SubSignal::DLA: return &v1::DeleteAccountRequest::default_instance();
        case SubSignal::CLI: return &v1::CallInvite::default_instance();
        case SubSignal::CLA: return &v1::CallAction::default_instance();
        case SubSignal::CLS: return &v1::CallSignal::default_instance();
        default: return nullptr;
        }
    case Signal::Push:
        switch (subSignal) {
        case SubSignal::MN: return &v1::InboxItem::default_instance();
        case SubSignal::MTN: return &v1::TypingNotice::default_instance();
        case SubSignal::PSN: return &v1::Presence::default_instance();
        case SubSignal::CSN: return &v1::ConversationSettings::default_instance();
        case SubSignal::DAN: return &v1::ActivityNotice::default_instance();
        case SubSignal::MNH: return &v1::InboxHint::default_instance();
        case SubSignal::CLN: return &v1::CallNotice::default_instance();
        default: return nullptr;
        }
    }
    return nullptr;
}

} // namespace parley
