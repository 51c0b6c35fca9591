#include "server/messaging/messagevalidator.h"

#include "protocol/contenttypes.h"
#include "protocol/limits.h"

#include "server/messaging/messageledger.h"

namespace parley::server {

using namespace Qt::StringLiterals;

Error MessageValidator::check(const v1::Message &message)
{
    if (message.conversation_type() != v1::CONVERSATION_PRIVATE &&
        message.conversation_type() != v1::CONVERSATION_GROUP)
        return Error(ErrorCode::MalformedRequest, u"unknown conversation type"_s);
    if (message.target().empty() || message.target().size() > size_t(kMaxTargetLength))
        return Error(ErrorCode::MalformedRequest, u"target missing or too long"_s);
    if (!message.client_uuid().empty() && message.client_uuid().size() != size_t(MessageLedger::kUuidBytes))
        return Error(ErrorCode::MalformedRequest, u"clientUuid must be 16 bytes"_s);
    if (message.client_uuid().empty() && message.message_id() == 0)
        return Error(ErrorCode::MalformedRequest, u"a message needs a clientUuid or a non-zero messageId"_s);

    const v1::MessageContent &content = message.content();
    if (content.type() <= v1::CONTENT_UNKNOWN)
        return Error(ErrorCode::MalformedRequest, u"content type missing"_s);
    if (content.type() >= content::kFirstNotice) // written by the server only
        return Error(ErrorCode::PermissionDenied, u"notices are sent by the server only"_s);
    if (content.type() == v1::CONTENT_TEXT && content.searchable_content().empty())
        return Error(ErrorCode::MalformedRequest, u"a text message needs text"_s);
    if (content.searchable_content().size() > size_t(limits::kMaxTextBytes))
        return Error(ErrorCode::TooLarge, u"the text is longer than %1 bytes"_s.arg(limits::kMaxTextBytes));
    if (content.mentioned_type() < int(content::Mention::None) ||
        content.mentioned_type() > int(content::Mention::Everyone))
        return Error(ErrorCode::MalformedRequest, u"unknown mentionedType"_s);
    if (content.mentioned_type() != int(content::Mention::None) &&
        message.conversation_type() != v1::CONVERSATION_GROUP)
        return Error(ErrorCode::MalformedRequest, u"mentions are for group messages"_s);
    if (content.mentioned_type() == int(content::Mention::Some) && content.mentioned_targets_size() == 0)
        return Error(ErrorCode::MalformedRequest, u"say whom the message mentions"_s);
    if (content.ByteSizeLong() > size_t(limits::kMaxContentBytes))
        return Error(ErrorCode::TooLarge, u"the message is larger than %1 bytes"_s.arg(limits::kMaxContentBytes));
    return Error();
}

} // namespace parley::server
