#include "server/messaging/reactionledger.h"

#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "server/messaging/inboxwriter.h"
#include "server/messaging/sentmessage.h"
#include "server/storage/istore.h"

#include <algorithm>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

// `reactions` with `user`'s reaction set to `emoji` (none when empty): taken out wherever it was, then added
// last under its emoji; an emoji nobody has chosen any more goes.
v1::ReactionList withReaction(const v1::ReactionList &reactions, const std::string &user, const std::string &emoji)
{
    for (const v1::Reaction &r : reactions.reactions()) {
        if (r.emoji() == emoji && std::find(r.users().cbegin(), r.users().cend(), user) != r.users().cend())
            return reactions; // mine already: it keeps its place
    }
    v1::ReactionList out;
    bool added = false;
    for (const v1::Reaction &r : reactions.reactions()) {
        v1::Reaction kept;
        kept.set_emoji(r.emoji());
        for (const std::string &u : r.users()) {
            if (u != user)
                kept.add_users(u);
        }
        if (r.emoji() == emoji) {
            kept.add_users(user);
            added = true;
        }
        if (kept.users_size() > 0)
            *out.add_reactions() = std::move(kept);
    }
    if (!emoji.empty() && !added) {
        v1::Reaction fresh;
        fresh.set_emoji(emoji);
        fresh.add_users(user);
        *out.add_reactions() = std::move(fresh);
    }
    return out;
}

} // namespace

Error ReactionLedger::check(const v1::ReactRequest &request)
{
    if (request.message_uid() <= 0)
        return Error(ErrorCode::MalformedRequest, u"say which message to react to"_s);
    if (!request.emoji().empty() &&
        std::find(limits::kReactionEmoji.cbegin(), limits::kReactionEmoji.cend(), request.emoji()) ==
            limits::kReactionEmoji.cend())
        return Error(ErrorCode::MalformedRequest, u"not one of the reactions"_s);
    return Error();
}

Outcome ReactionLedger::react(IStore &store, const Call &call, const v1::ReactRequest &request)
{
    const Result<SentMessage> found = SentMessage::readable(store, call.me(), request.message_uid());
    if (!found)
        return found.error();
    const MessageRecord &message = found->message;
    const Result<v1::MessageContent> content = found->changeableContent(store, call.me(), call.nowMs);
    if (!content)
        return content.error();
    if (content->type() >= content::kFirstNotice)
        return Error(ErrorCode::MalformedRequest, u"a notice cannot be reacted to"_s);

    v1::ReactionList before;
    before.ParseFromArray(message.reactions.constData(), int(message.reactions.size()));
    const v1::ReactionList after = withReaction(before, call.me().uid.toStdString(), request.emoji());
    v1::Result result;
    v1::ReactResult *reacted = result.mutable_reacted();
    reacted->set_message_uid(message.uid);
    reacted->set_conversation_seq(message.conversationSeq);
    *reacted->mutable_reactions() = after.reactions();
    if (after.SerializeAsString() == before.SerializeAsString())
        return result; // nothing changes: the same answer, nothing new
    store.setReactions(message.uid, toBytes(after));
    InboxWriter inbox(store, call.nowMs);
    for (const UserRecord &member : found->members) {
        v1::ReactionNotice item;
        item.set_conversation_type(v1::ConversationType(message.conversationType));
        item.set_target(found->targetSeenBy(member));
        item.set_message_uid(message.uid);
        item.set_conversation_seq(message.conversationSeq);
        *item.mutable_reactions() = after.reactions();
        inbox.appendReaction(member.id, item);
    }
    return Outcome(result, inbox.takeDeliveries());
}

} // namespace parley::server
