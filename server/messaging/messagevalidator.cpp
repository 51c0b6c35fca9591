#include "server/messaging/messagevalidator.h"

#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "protocol/textrules.h"

#include "server/files/fileledger.h"
#include "server/messaging/messageledger.h"

namespace parley::server {

using namespace Qt::StringLiterals;

// Pictures, files, voice and video carry a stored file (media.file_id) or, from web peers, a link
// (remoteMediaUrl, the design notes' image shape); other kinds carry neither.
Error MessageValidator::checkMedia(const v1::MessageContent &content)
{
    const bool hasFile = content.has_media() && !content.media().file_id().empty();
    const bool hasUrl = !content.remote_media_url().empty();
    if (!content::isMedia(content.type())) // neither a file nor its description, which would go unchecked
        return content.has_media() || hasUrl
                   ? Error(ErrorCode::MalformedRequest, u"only pictures, files, voice and video carry a file"_s)
                   : Error();
    if (!hasFile && !hasUrl)
        return Error(ErrorCode::MalformedRequest, u"a media message needs a file or a remoteMediaUrl"_s);
    if (hasUrl) {
        const std::string &url = content.remote_media_url();
        if (url.size() > size_t(limits::kMaxRemoteMediaUrl) ||
            !(url.starts_with("https://") || url.starts_with("http://")))
            return Error(ErrorCode::MalformedRequest, u"remoteMediaUrl must be an http(s) link"_s);
    }
    const v1::MediaInfo &media = content.media();
    if (media.file_id().size() > size_t(limits::kMaxFileId))
        return Error(ErrorCode::MalformedRequest, u"a file id is too long"_s);
    if (const std::optional<Error> wrong = FileLedger::checkDescription(QString::fromStdString(media.mime_type()),
                                                                        QString::fromStdString(media.file_name())))
        return *wrong;
    if (media.preview().size() > size_t(limits::kMaxPreviewBytes))
        return Error(ErrorCode::TooLarge, u"the preview is larger than %1 bytes"_s.arg(limits::kMaxPreviewBytes));
    if (media.waveform().size() > size_t(limits::kMaxWaveformLevels))
        return Error(ErrorCode::TooLarge, u"the waveform has more than %1 levels"_s.arg(limits::kMaxWaveformLevels));
    if (media.width() > quint32(limits::kMaxMediaDimension) || media.height() > quint32(limits::kMaxMediaDimension))
        return Error(ErrorCode::MalformedRequest, u"the picture's size is not plausible"_s);
    return Error();
}

// A chat history names the messages it forwards (the server writes the rest); other kinds carry none.
Error MessageValidator::checkHistory(const v1::MessageContent &content)
{
    if (content.type() != content::kChatHistory)
        return content.has_chat_history() ? Error(ErrorCode::MalformedRequest, u"only a chat history forwards messages"_s)
                                          : Error();
    const v1::ChatHistory &history = content.chat_history();
    if (history.message_uids_size() == 0)
        return Error(ErrorCode::MalformedRequest, u"a chat history needs messages"_s);
    if (history.message_uids_size() > limits::kMaxForwardedMessages)
        return Error(ErrorCode::TooLarge,
                     u"at most %1 messages are forwarded at once"_s.arg(limits::kMaxForwardedMessages));
    if (auto wrong = limits::nameError(QString::fromStdString(history.title()), limits::kMaxHistoryTitle, u"a title"_s))
        return *wrong;
    if (content.has_quote())
        return Error(ErrorCode::MalformedRequest, u"a chat history does not reply"_s);
    return Error();
}

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
    if (content.forwarded_uid() != 0) // the server writes a forwarded copy's content from the original
        return content.forwarded_uid() > 0 ? Error()
                                           : Error(ErrorCode::MalformedRequest, u"forwardedUid is a message's uid"_s);
    if (content.type() <= v1::CONTENT_UNKNOWN)
        return Error(ErrorCode::MalformedRequest, u"content type missing"_s);
    if (content.type() >= content::kFirstNotice && v1::ContentType_IsValid(content.type())) // the server's only
        return Error(ErrorCode::PermissionDenied, u"notices are sent by the server only"_s);
    // The server checks what each kind carries, so it takes only the kinds it knows: a new kind comes to parleyd
    // first. (Clients still show a kind they do not know, from a newer server, as unsupported.)
    if (!v1::ContentType_IsValid(content.type()))
        return Error(ErrorCode::MalformedRequest, u"content type %1 is not one of its values"_s.arg(content.type()));
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
    if (const Error media = checkMedia(content); media.isError())
        return media;
    if (const Error history = checkHistory(content); history.isError())
        return history;
    if (content.ByteSizeLong() > size_t(limits::kMaxContentBytes))
        return Error(ErrorCode::TooLarge, u"the message is larger than %1 bytes"_s.arg(limits::kMaxContentBytes));
    return Error();
}

} // namespace parley::server
