#include "server/messaging/receiptledger.h"

#include "protocol/limits.h"
#include "server/storage/istore.h"

namespace parley::server {

MemberProgress ReceiptLedger::advanced(MemberProgress progress, Kind kind, quint64 seq)
{
    if (kind == Kind::Read)
        progress.readSeq = std::max(progress.readSeq, seq);
    progress.deliveredSeq = std::max({progress.deliveredSeq, progress.readSeq, kind == Kind::Delivered ? seq : 0});
    return progress;
}

QList<InboxDelivery> ReceiptLedger::apply(IStore &store, const AuthenticatedUser &user, Kind kind,
                                          const v1::ProgressReport &report, qint64 nowMs)
{
    InboxWriter inbox(store, nowMs);
    if (kind == Kind::Delivered && report.inbox_seq() > 0)
        store.setSyncedSeq(user.sessionRecordId,
                           std::min<quint64>(report.inbox_seq(), store.writtenInboxHead(user.userId)));
    const int points = std::min(report.points_size(), limits::kMaxProgressPoints); // more were refused
    for (int i = 0; i < points; ++i) {
        const v1::ConversationPoint &point = report.points(i);
        if (point.conversation_type() == v1::CONVERSATION_GROUP) {
            applyGroup(store, inbox, user, kind, point);
            continue;
        }
        if (point.conversation_type() != v1::CONVERSATION_PRIVATE)
            continue;
        const std::optional<UserRecord> peer = store.userByUid(QString::fromStdString(point.target()));
        if (!peer)
            continue;
        const std::optional<ConversationRecord> conversation = store.findPrivateConversation(user.userId, peer->id);
        if (!conversation)
            continue;
        const std::optional<MemberProgress> before = store.memberProgress(conversation->id, user.userId);
        if (!before)
            continue;
        const quint64 seq = std::min<quint64>(point.seq(), conversation->lastSeq);
        const MemberProgress after = advanced(*before, kind, seq);
        if (after.deliveredSeq == before->deliveredSeq && after.readSeq == before->readSeq)
            continue;
        store.setMemberProgress(after);

        v1::ConversationProgress progress;
        progress.set_conversation_type(v1::CONVERSATION_PRIVATE);
        progress.set_user(user.uid.toStdString());
        progress.set_delivered_seq(after.deliveredSeq);
        progress.set_read_seq(after.readSeq);
        if (peer->id != user.userId) {
            progress.set_target(user.uid.toStdString()); // the peer sees the conversation as "with me"
            inbox.appendProgress(peer->id, progress);
        }
        if (after.readSeq != before->readSeq) {
            progress.set_target(peer->uid.toStdString());
            inbox.appendProgress(user.userId, progress);
        }
    }
    return inbox.takeDeliveries();
}

void ReceiptLedger::applyGroup(IStore &store, InboxWriter &inbox, const AuthenticatedUser &user, Kind kind,
                               const v1::ConversationPoint &point)
{
    const std::optional<GroupRecord> group = store.groups().groupByGid(QString::fromStdString(point.target()));
    const std::optional<GroupMemberRecord> me =
        group ? store.groups().member(group->conversationId, user.userId) : std::nullopt;
    const std::optional<MemberProgress> before =
        me ? store.memberProgress(group->conversationId, user.userId) : std::nullopt;
    if (!before)
        return;
    const quint64 end = me->isCurrent() ? store.lastSeq(group->conversationId) : me->leftSeq;
    const quint64 seq = std::min<quint64>(point.seq(), end);
    const MemberProgress after = advanced(*before, kind, seq);
    if (after.deliveredSeq == before->deliveredSeq && after.readSeq == before->readSeq)
        return;
    store.setMemberProgress(after);
    if (after.readSeq == before->readSeq)
        return;

    v1::ConversationProgress progress;
    progress.set_conversation_type(v1::CONVERSATION_GROUP);
    progress.set_target(group->gid.toStdString());
    progress.set_user(user.uid.toStdString());
    progress.set_delivered_seq(after.deliveredSeq);
    progress.set_read_seq(after.readSeq);
    inbox.appendProgress(user.userId, progress);
    for (const qint64 sender : store.groups().sendersBetween(group->conversationId, before->readSeq, after.readSeq,
                                                             user.userId, kMaxReceiptSenders))
        inbox.appendProgress(sender, progress);
}

Outcome ReceiptLedger::report(IStore &store, const Call &call, Kind kind, const v1::ProgressReport &report)
{
    return Outcome(v1::Result(), apply(store, call.me(), kind, report, call.nowMs));
}

} // namespace parley::server
