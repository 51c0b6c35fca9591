#include "core/messaging/forwarder.h"

#include "core/storage/messagerepository.h"
#include "core/storage/peoplerepository.h"
#include "protocol/forwarded.h"
#include "protocol/limits.h"
#include "protocol/textrules.h"

#include <QSet>

#include <algorithm>
#include <tuple>

namespace parley {

using namespace Qt::StringLiterals;

Result<QList<v1::MessageContent>> Forwarder::contents(const QList<qint64> &localIds, bool asHistory,
                                                      const QString &title) const
{
    if (localIds.isEmpty())
        return Error(ErrorCode::MalformedRequest, u"nothing to forward"_s);
    if (localIds.size() > limits::kMaxForwardedMessages)
        return Error(ErrorCode::TooLarge,
                     u"at most %1 messages are forwarded at once"_s.arg(limits::kMaxForwardedMessages));
    QList<ChatMessage> originals;
    QSet<qint64> seen;
    for (const qint64 localId : localIds) {
        if (seen.contains(localId))
            continue; // named twice: forwarded once
        seen.insert(localId);
        const std::optional<ChatMessage> m = m_messages.byLocalId(localId);
        if (!m || m->serverUid == 0 || m->contentType >= content::kFirstNotice)
            return Error(ErrorCode::NotFound, u"only sent messages can be forwarded"_s);
        if (asHistory && !originals.isEmpty() && m->conversation != originals.first().conversation)
            return Error(ErrorCode::MalformedRequest, u"a chat history holds messages of one chat"_s);
        originals.append(*m);
    }
    std::sort(originals.begin(), originals.end(), [](const ChatMessage &a, const ChatMessage &b) {
        return std::tie(a.timestampMs, a.conversationSeq, a.localId) < std::tie(b.timestampMs, b.conversationSeq, b.localId);
    });

    QList<v1::MessageContent> contents;
    if (!asHistory) {
        for (const ChatMessage &m : std::as_const(originals)) {
            v1::MessageContent copy = forwarded::copyOf(m_messages.contentOf(m.localId));
            copy.set_forwarded_uid(m.serverUid);
            contents.append(copy);
        }
        return contents;
    }
    v1::MessageContent content;
    content.set_type(content::kChatHistory);
    const QString trimmed = limits::fittedName(title.trimmed(), limits::kMaxHistoryTitle);
    content.set_searchable_content(trimmed.toStdString());
    v1::ChatHistory *history = content.mutable_chat_history();
    history->set_title(trimmed.toStdString());
    for (const ChatMessage &m : std::as_const(originals)) {
        history->add_message_uids(m.serverUid);
        v1::ForwardedMessage *item = history->add_messages();
        item->set_from(m.sender.toStdString());
        const std::optional<UserProfile> profile = m_people.profile(m.sender);
        item->set_sender_name(profile ? profile->nickname.toStdString() : std::string());
        item->set_timestamp(m.timestampMs);
        *item->mutable_content() = forwarded::copyOf(m_messages.contentOf(m.localId));
        forwarded::flatten(*item->mutable_content());
    }
    contents.append(content);
    return contents;
}

} // namespace parley
