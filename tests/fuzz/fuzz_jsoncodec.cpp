// libFuzzer target: the WebSocket JSON envelope and its content, as a web peer's message arrives.
// Whatever comes in, decoding must not crash; a frame that decodes must encode to JSON that decodes to the
// same frame.

#include "protocol/jsoncodec.h"

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>

using namespace parley;

// protobuf logs every string that is not UTF-8 it is asked to parse: millions of lines in a run.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    google::protobuf::SetLogHandler(nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<JsonCodec::Decoded> decoded =
        JsonCodec::decode(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!decoded || decoded->contentError.code != ErrorCode::None)
        return 0;
    const Frame &frame = decoded->frame;
    if (frame.subSignal == JsonCodec::kUnknownSubSignal)
        return 0;
    const Result<JsonCodec::Decoded> again = JsonCodec::decode(JsonCodec::encode(frame));
    if (!again || again->contentError.code != ErrorCode::None || !(again->frame == frame))
        __builtin_trap();
    return 0;
}
