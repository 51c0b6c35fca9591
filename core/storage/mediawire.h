#pragma once

#include "core/types/media.h"
#include "parley.pb.h"

namespace parley {

// Media between the client's type and the wire (MessageContent.media, remote_media_url).
Media mediaFromWire(const v1::MessageContent &content);
void mediaToWire(const Media &media, v1::MessageContent &content);

} // namespace parley
