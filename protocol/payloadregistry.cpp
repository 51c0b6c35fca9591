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
        default: return nullptr;
        }
    case Signal::Push:
        switch (subSignal) {
        case SubSignal::MN: return &v1::InboxItem::default_instance();
        default: return nullptr;
        }
    }
    return nullptr;
}

} // namespace parley
