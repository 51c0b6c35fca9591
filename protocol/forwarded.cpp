#include "protocol/forwarded.h"

namespace parley::forwarded {

v1::MessageContent copyOf(v1::MessageContent content)
{
    content.clear_quote();
    content.clear_mentioned_type();
    content.clear_mentioned_targets();
    content.clear_local_content();
    content.clear_local_media_path();
    content.clear_forwarded_uid();
    return content;
}

void flatten(v1::MessageContent &content)
{
    if (!content.has_chat_history())
        return;
    content.mutable_chat_history()->clear_messages();
    content.mutable_chat_history()->clear_message_uids();
}

} // namespace parley::forwarded
