#include "server/messaging/forwarding.h"

#include "protocol/contenttypes.h"
#include "protocol/forwarded.h"
#include "protocol/limits.h"
#include "server/messaging/sentmessage.h"
#include "server/storage/isocialstore.h"
#include "server/storage/istore.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

// An original the sender may forward, with its content as stored.
Result<std::pair<MessageRecord, v1::MessageContent>> original(IStore &store, const AuthenticatedUser &sender,
                                                              qint64 uid)
{
    Result<SentMessage> found = SentMessage::readable(store, sender, uid);
    if (!found)
        return found.error();
    if (found->message.recalledAtMs != 0)
        return Error(ErrorCode::NotFound, u"a recalled message cannot be forwarded"_s);
    v1::MessageContent content;
    content.ParseFromArray(found->message.content.constData(), int(found->message.content.size()));
    if (content.type() >= content::kFirstNotice)
        return Error(ErrorCode::MalformedRequest, u"a notice cannot be forwarded"_s);
    return std::pair{std::move(found->message), std::move(content)};
}

} // namespace

Result<v1::MessageContent> Forwarding::copyOf(IStore &store, const AuthenticatedUser &sender, qint64 originalUid)
{
    auto found = original(store, sender, originalUid);
    if (!found)
        return found.error();
    v1::MessageContent copy = forwarded::copyOf(std::move(found->second));
    copy.set_forwarded_uid(originalUid);
    return copy;
}

Result<Done> Forwarding::fillHistory(IStore &store, const AuthenticatedUser &sender, v1::ChatHistory &history)
{
    QList<std::pair<MessageRecord, v1::MessageContent>> originals;
    QSet<qint64> named;
    for (const qint64 uid : history.message_uids()) {
        if (named.contains(uid))
            continue; // named twice: there once
        named.insert(uid);
        auto found = original(store, sender, uid);
        if (!found)
            return found.error();
        if (!originals.isEmpty() && found->first.conversationId != originals.first().first.conversationId)
            return Error(ErrorCode::MalformedRequest, u"a chat history holds messages of one chat"_s);
        originals.append(std::move(*found));
    }
    std::sort(originals.begin(), originals.end(),
              [](const auto &a, const auto &b) { return a.first.conversationSeq < b.first.conversationSeq; });

    history.clear_messages();
    QHash<qint64, QString> names;
    for (auto &[record, content] : originals) {
        if (!names.contains(record.senderId)) {
            const std::optional<ProfileRecord> profile = store.social().profile(record.senderId);
            names.insert(record.senderId, profile ? profile->nickname : QString());
        }
        v1::ForwardedMessage *item = history.add_messages();
        item->set_from(record.senderUid.toStdString());
        item->set_sender_name(names.value(record.senderId).toStdString());
        item->set_timestamp(record.timestampMs);
        *item->mutable_content() = forwarded::copyOf(std::move(content));
        forwarded::flatten(*item->mutable_content());
    }
    // With room for the rest of the content (its type and title).
    constexpr size_t kRestOfContentBytes = 4 * limits::kMaxHistoryTitle + 16;
    const auto fits = [&history] {
        return history.ByteSizeLong() + kRestOfContentBytes <= size_t(limits::kMaxContentBytes);
    };
    if (!fits()) { // the previews are a nicety: the viewer draws a placeholder without them
        for (v1::ForwardedMessage &item : *history.mutable_messages()) {
            if (item.content().has_media())
                item.mutable_content()->mutable_media()->clear_preview();
        }
    }
    if (!fits())
        return Error(ErrorCode::TooLarge, u"too much to forward as one message: forward fewer messages"_s);
    return Done{};
}

QStringList Forwarding::filesOf(const v1::ChatHistory &history)
{
    QStringList files;
    for (const v1::ForwardedMessage &item : history.messages()) {
        if (item.content().has_media() && !item.content().media().file_id().empty())
            files.append(QString::fromStdString(item.content().media().file_id()));
    }
    files.removeDuplicates();
    return files;
}

} // namespace parley::server
