#pragma once

#include "protocol/frame.h"
#include "protocol/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace parley {

// The WebSocket encoding of a frame: one JSON text message
//   {"signal":"PUBLISH","subSignal":"MS","messageId":81,"content":{...}}
// where content is the payload in protobuf's canonical JSON mapping (lowerCamelCase names, enums as
// numbers, 64-bit integers as strings on output and strings or numbers on input, bytes as base64).
class JsonCodec {
public:
    struct Decoded {
        Frame frame;        // payload holds the content re-encoded as binary protobuf
        Error contentError; // set when the envelope is fine but content does not fit the schema
    };

    // ProtocolViolation when the text is not a JSON object, lacks a known "signal", has a messageId
    // outside 0..65535, or "content" twice: the link is closed. Content problems (StrictPayload::jsonMismatch,
    // or what protobuf cannot read) are returned in Decoded::contentError so the server can answer that
    // request with ERR_MALFORMED_REQUEST and keep the link.
    // An unknown "subSignal" name decodes to kUnknownSubSignal.
    static Result<Decoded> decode(QByteArrayView text);

    static QByteArray encode(const Frame &frame);

    static constexpr SubSignal kUnknownSubSignal = SubSignal(255);
    // The largest WebSocket message (JSON is wordier than protobuf); a larger one is refused by the WebSocket
    // itself (close code 1009). Content that makes more than a frame's payload is ERR_TOO_LARGE.
    static constexpr qsizetype kMaxMessageBytes = 2 * qsizetype(kMaxPayloadSize);
};

} // namespace parley
