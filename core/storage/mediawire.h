#pragma once

#include "core/types/chathistory.h"
#include "core/types/media.h"
#include "parley.pb.h"

namespace parley {

// What a message carries besides its text, between the client's types and the wire: media
// (MessageContent.media, remote_media_url) and a forwarded chat history (MessageContent.chat_history).
Media mediaFromWire(const v1::MessageContent &content);
void mediaToWire(const Media &media, v1::MessageContent &content);
ChatHistory historyFromWire(const v1::ChatHistory &history);

} // namespace parley
