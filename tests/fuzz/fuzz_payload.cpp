// libFuzzer target: every payload type of the protocol, chosen by the first two bytes (signal, sub-signal),
// parsed from the rest as the server and the client parse a frame's payload; then the strict checks, and
// the trip through the JSON encoding a web peer gets and sends back.
// Whatever comes in, nothing may crash; a payload that parses, with no undefined enum value, must come back
// from JSON as the same message.

#include "protocol/frame.h"
#include "protocol/jsoncodec.h"
#include "protocol/payloadregistry.h"
#include "protocol/strictpayload.h"

#include <google/protobuf/message.h>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace parley;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const auto signal = Signal(data[0] % 8 + 1);
    const auto subSignal = SubSignal(data[1]);
    const google::protobuf::Message *prototype = payloadPrototype(signal, subSignal);
    if (!prototype)
        return 0;
    std::unique_ptr<google::protobuf::Message> message(prototype->New());
    if (!message->ParseFromArray(data + 2, int(size - 2)))
        return 0;
    if (StrictPayload::undefinedEnum(*message))
        return 0;
    message->DiscardUnknownFields(); // JSON carries known fields only
    const Frame frame{signal, subSignal, 7, QByteArray::fromStdString(message->SerializeAsString())};
    const Result<JsonCodec::Decoded> back = JsonCodec::decode(JsonCodec::encode(frame));
    if (!back || back->contentError.code != ErrorCode::None)
        __builtin_trap();
    std::unique_ptr<google::protobuf::Message> same(prototype->New());
    if (!same->ParseFromArray(back->frame.payload.constData(), int(back->frame.payload.size())) ||
        same->SerializeAsString() != message->SerializeAsString())
        __builtin_trap();
    return 0;
}
