#pragma once

#include "protocol/signaltypes.h"

namespace google::protobuf {
class Message;
}

namespace parley {

// Which protobuf message a frame's payload holds, by signal and sub-signal; nullptr when the frame
// carries no payload (PING, PONG) or the sub-signal has no payload type in this version.
// Used to translate JSON content and to document the protocol; both sides agree through it.
const google::protobuf::Message *payloadPrototype(Signal signal, SubSignal subSignal);

} // namespace parley
