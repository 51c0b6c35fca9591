#include "server/messaging/messageservice.h"

#include "server/messaging/messagevalidator.h"
#include "server/net/sessionregistry.h"
#include "server/storage/storeexecutor.h"

namespace parley::server {

using namespace Qt::StringLiterals;

MessageService::MessageService(const IClock &clock, bool allowStrangers, StoreExecutor &store,
                               SessionRegistry &registry)
    : m_ledger(clock, allowStrangers), m_store(store), m_registry(registry)
{
}

void MessageService::send(const RequestContext &context, const v1::Message &message, Reply reply)
{
    if (const Error invalid = MessageValidator::check(message); invalid.isError()) {
        reply(errorResult(invalid));
        return;
    }
    const AuthenticatedUser sender = *context.user;
    const quint64 sendingSession = context.session.id;
    SessionRegistry *registry = &m_registry;
    m_store.submit<Result<MessageLedger::Appended>>(
        [this, sender, message, sendingSession](IStore &store) {
            return m_ledger.append(store, sender, message, sendingSession);
        },
        [reply, registry](Result<MessageLedger::Appended> appended) {
            if (!appended) {
                reply(errorResult(appended.error()));
                return;
            }
            const MessageRecord &m = appended->message;
            v1::Result result;
            v1::SendResult *sent = result.mutable_sent();
            sent->set_message_uid(m.uid);
            sent->set_conversation_seq(m.conversationSeq);
            sent->set_timestamp(m.timestampMs);
            sent->set_duplicate(appended->duplicate);
            reply(result);
            InboxWriter::pushAll(*registry, appended->deliveries);
        },
        [reply](const Error &error) { reply(errorResult(error)); });
}

void MessageService::pull(const RequestContext &context, const v1::PullRequest &request, Reply reply)
{
    const AuthenticatedUser user = *context.user;
    const int limit = request.limit() == 0 ? kDefaultPullPage : int(std::min<quint32>(request.limit(), kMaxPullPage));
    const quint64 after = request.after_seq();
    m_store.submit<MessageLedger::Page>(
        [this, user, after, limit](IStore &store) { return m_ledger.pull(store, user, after, limit); },
        [reply](MessageLedger::Page page) {
            v1::Result result;
            v1::PullResult *pulled = result.mutable_pulled();
            pulled->set_head_seq(page.head);
            pulled->set_has_more(page.hasMore);
            pulled->set_items_expired(page.expired);
            size_t bytes = 0;
            for (const InboxRecord &item : std::as_const(page.items)) {
                v1::InboxItem wire = InboxWriter::toWire(item);
                bytes += wire.ByteSizeLong() + MessageLedger::kPageItemOverheadBytes;
                if (bytes > MessageLedger::kMaxPageBytes && pulled->items_size() > 0) {
                    pulled->set_has_more(true); // the rest comes with the next pull
                    break;
                }
                *pulled->add_items() = std::move(wire);
            }
            reply(result);
        },
        [reply](const Error &error) { reply(errorResult(error)); });
}

} // namespace parley::server
