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
#include <google/protobuf/stubs/logging.h>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace parley;

// protobuf logs every string that is not UTF-8 it is asked to parse: millions of lines in a run.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    google::protobuf::SetLogHandler(nullptr);
    return 0;
}

namespace {

// How deeply the JSON text nests objects and arrays (brackets inside strings count too: an overestimate).
int nesting(const QByteArray &json)
{
    int depth = 0;
    int deepest = 0;
    for (const char c : json) {
        if (c == '{' || c == '[')
            deepest = std::max(deepest, ++depth);
        else if (c == '}' || c == ']')
            --depth;
    }
    return deepest;
}

// JsonCodec refuses JSON nested deeper than 64 levels (a chat history of forwarded chat histories can nest
// that far in binary, and is rightly refused over JSON); payloads near that, by the overestimate above with a
// margin, do not make the trip.
constexpr int kMaxTripNesting = 48;

} // namespace

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
    const QByteArray json = JsonCodec::encode(frame);
    if (nesting(json) > kMaxTripNesting)
        return 0;
    const Result<JsonCodec::Decoded> back = JsonCodec::decode(json);
    if (!back || back->contentError.code != ErrorCode::None)
        __builtin_trap();
    std::unique_ptr<google::protobuf::Message> same(prototype->New());
    if (!same->ParseFromArray(back->frame.payload.constData(), int(back->frame.payload.size())) ||
        same->SerializeAsString() != message->SerializeAsString())
        __builtin_trap();
    return 0;
}
