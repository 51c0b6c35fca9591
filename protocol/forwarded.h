#pragma once

#include "parley.pb.h"

namespace parley::forwarded {

// What a forwarded message keeps of its original, made the same way on both sides: parleyd writes every copy
// and chat history it stores, the client its local echo.

// A copy of stored content: no quote, no mentions, nothing local, no forwarded_uid of its own.
v1::MessageContent copyOf(v1::MessageContent content);
// A chat history inside a chat history keeps its title only: its messages are not copied again.
void flatten(v1::MessageContent &content);

} // namespace parley::forwarded
