#include "server/messaging/historyservice.h"

#include "server/messaging/messageledger.h"
#include "server/storage/istore.h"
#include "server/storage/storeexecutor.h"

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

Result<v1::HistoryResult> HistoryService::apply(IStore &store, const AuthenticatedUser &user,
                                                const v1::HistoryRequest &request)
{
    if (request.conversation_type() != v1::CONVERSATION_PRIVATE)
        return Error(ErrorCode::NotImplemented, u"group history comes with groups"_s);
    const std::optional<UserRecord> peer = store.userByUid(QString::fromStdString(request.target()));
    if (!peer)
        return Error(ErrorCode::NotFound, u"no user with this id"_s);
    v1::HistoryResult result;
    const std::optional<ConversationRecord> conversation = store.findPrivateConversation(user.userId, peer->id);
    if (!conversation)
        return result; // nothing said yet

    const int limit = request.limit() == 0 ? kDefaultPage : int(std::min<quint32>(request.limit(), kMaxPage));
    const quint64 before = request.before_seq() == 0 ? conversation->lastSeq + 1 : request.before_seq();
    const QList<MessageRecord> newestFirst = store.messagesBefore(conversation->id, before, limit + 1);
    result.set_has_more(newestFirst.size() > limit);
    // The newest `limit` messages that fit in a frame; the older rest is the next page.
    QList<v1::Message> page;
    size_t bytes = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(limit, newestFirst.size()); ++i) {
        v1::Message wire = MessageLedger::toWire(newestFirst[i]);
        bytes += wire.ByteSizeLong() + MessageLedger::kPageItemOverheadBytes;
        if (bytes > MessageLedger::kMaxPageBytes && !page.isEmpty()) {
            result.set_has_more(true);
            break;
        }
        page.append(std::move(wire));
    }
    for (auto it = page.crbegin(); it != page.crend(); ++it)
        *result.add_messages() = *it;
    fill(result.mutable_peer(), peer->uid, peer->uid, store.memberProgress(conversation->id, peer->id));
    fill(result.mutable_mine(), peer->uid, user.uid, store.memberProgress(conversation->id, user.userId));
    return result;
}

void HistoryService::history(const RequestContext &context, const v1::HistoryRequest &request, Reply reply)
{
    const AuthenticatedUser user = *context.user;
    m_store.submit<Result<v1::HistoryResult>>([user, request](IStore &store) { return apply(store, user, request); },
                                              [reply](Result<v1::HistoryResult> history) {
                                                  if (!history) {
                                                      reply(errorResult(history.error()));
                                                      return;
                                                  }
                                                  v1::Result result;
                                                  *result.mutable_history() = std::move(history.value());
                                                  reply(result);
                                              },
                                              [reply](const Error &error) { reply(errorResult(error)); });
}

} // namespace parley::server
