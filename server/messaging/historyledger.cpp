#include "server/messaging/historyledger.h"

#include "server/messaging/messageledger.h"
#include "server/storage/istore.h"

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

void fill(v1::ConversationProgress *out, const QString &target, const QString &user,
          const std::optional<MemberProgress> &p)
{
    out->set_conversation_type(v1::CONVERSATION_PRIVATE);
    out->set_target(target.toStdString());
    out->set_user(user.toStdString());
    out->set_delivered_seq(p ? p->deliveredSeq : 0);
    out->set_read_seq(p ? p->readSeq : 0);
}

} // namespace

Result<v1::HistoryResult> HistoryLedger::apply(IStore &store, const AuthenticatedUser &user,
                                               const v1::HistoryRequest &request)
{
    if (request.conversation_type() == v1::CONVERSATION_GROUP)
        return groupHistory(store, user, request);
    const std::optional<UserRecord> peer = store.userByUid(QString::fromStdString(request.target()));
    if (!peer)
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    v1::HistoryResult result;
    const std::optional<ConversationRecord> conversation = store.findPrivateConversation(user.userId, peer->id);
    if (!conversation) { // nothing said yet: no messages, and both at 0
        fill(result.mutable_peer(), peer->uid, peer->uid, std::nullopt);
        fill(result.mutable_mine(), peer->uid, user.uid, std::nullopt);
        return result;
    }
    page(store, conversation->id, request, conversation->lastSeq + 1, 0, result);
    fill(result.mutable_peer(), peer->uid, peer->uid, store.memberProgress(conversation->id, peer->id));
    fill(result.mutable_mine(), peer->uid, user.uid, store.memberProgress(conversation->id, user.userId));
    return result;
}

Result<v1::HistoryResult> HistoryLedger::groupHistory(IStore &store, const AuthenticatedUser &user,
                                                      const v1::HistoryRequest &request)
{
    // Past members read up to their removal; nobody reads before the notice that added him.
    const QString gid = QString::fromStdString(request.target());
    const std::optional<GroupRecord> group = store.groups().groupByGid(gid);
    const std::optional<GroupMemberRecord> me =
        group ? store.groups().member(group->conversationId, user.userId) : std::nullopt;
    if (!me)
        return Error(ErrorCode::NotMember, u"you are not a member of this group"_s);
    v1::HistoryResult result;
    const quint64 end = me->isCurrent() ? store.lastSeq(group->conversationId) + 1 : me->leftSeq + 1;
    page(store, group->conversationId, request, end, std::max<quint64>(me->visibleFrom, 1), result);
    v1::ConversationProgress *mine = result.mutable_mine();
    mine->set_conversation_type(v1::CONVERSATION_GROUP);
    mine->set_target(gid.toStdString());
    mine->set_user(user.uid.toStdString());
    const std::optional<MemberProgress> progress = store.memberProgress(group->conversationId, user.userId);
    mine->set_delivered_seq(progress ? progress->deliveredSeq : 0);
    mine->set_read_seq(progress ? progress->readSeq : 0);
    return result;
}

void HistoryLedger::page(IStore &store, qint64 conversationId, const v1::HistoryRequest &request, quint64 end,
                         quint64 fromSeq, v1::HistoryResult &result)
{
    const int limit = request.limit() == 0 ? kDefaultPage : int(std::min<quint32>(request.limit(), kMaxPage));
    const quint64 before = request.before_seq() == 0 ? end : std::min<quint64>(request.before_seq(), end);
    const QList<MessageRecord> newestFirst = store.messagesBefore(conversationId, before, limit + 1, fromSeq);
    result.set_has_more(newestFirst.size() > limit);
    // The newest `limit` messages that fit in a frame; the older rest is the next page.
    QList<v1::Message> messages;
    size_t bytes = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(limit, newestFirst.size()); ++i) {
        v1::Message wire = MessageLedger::toWire(newestFirst[i]);
        bytes += wire.ByteSizeLong() + MessageLedger::kPageItemOverheadBytes;
        if (bytes > MessageLedger::kMaxPageBytes && !messages.isEmpty()) {
            result.set_has_more(true);
            break;
        }
        messages.append(std::move(wire));
    }
    for (auto it = messages.crbegin(); it != messages.crend(); ++it)
        *result.add_messages() = *it;
}

Outcome HistoryLedger::history(IStore &store, const Call &call, const v1::HistoryRequest &request)
{
    Result<v1::HistoryResult> history = apply(store, call.me(), request);
    if (!history)
        return history.error();
    v1::Result result;
    *result.mutable_history() = std::move(history.value());
    return result;
}

} // namespace parley::server
