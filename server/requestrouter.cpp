#include "server/requestrouter.h"

#include "protocol/protobufbytes.h"
#include "server/auth/authservice.h"
#include "server/auth/deviceservice.h"
#include "server/messaging/historyservice.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/recallservice.h"
#include "server/messaging/receiptservice.h"

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
    if (isKnownSubSignal(frame.subSignal) && frame.subSignal != SubSignal::None)
        reply(errorResult(ErrorCode::NotImplemented,
                          u"%1 is not served by this server version"_s.arg(subSignalName(frame.subSignal))));
    else
        reply(errorResult(ErrorCode::UnknownSubSignal, u"unknown sub-signal %1"_s.arg(int(frame.subSignal))));
}

} // namespace parley::server
