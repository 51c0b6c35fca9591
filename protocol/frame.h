#pragma once

#include "protocol/signaltypes.h"

#include <QByteArray>
#include <QMetaType>

namespace parley {

// Wire constants of the binary framing. See docs/PROTOCOL.md, "Frames".
inline constexpr quint8 kFrameMagic = 0xF8;
inline constexpr quint8 kProtocolVersion = 1;
inline constexpr int kFrameHeaderSize = 10;
inline constexpr quint32 kMaxPayloadSize = 1024 * 1024; // 1 MiB; larger frames close the link

// One frame: magic(8) | version(8) | signal(8) | length(32) | subsignal(8) | messageId(16) | payload.
// messageId correlates a PUBLISH with its PUB_ACK (and CONNECT with CONNECT_ACK); it wraps at 65535.
struct Frame {
    Signal signal = Signal::Ping;
    SubSignal subSignal = SubSignal::None;
    quint16 messageId = 0;
    QByteArray payload; // serialized protobuf message, empty for PING/PONG

    // The header followed by the payload. The payload must not exceed kMaxPayloadSize.
    QByteArray encode() const;

    friend bool operator==(const Frame &, const Frame &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::Frame)
