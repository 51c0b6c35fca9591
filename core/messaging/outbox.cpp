#include "core/messaging/outbox.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/storage/messagerepository.h"

namespace parley {

using namespace Qt::StringLiterals;

Outbox::Outbox(MessageRepository &repository, Connection &connection, QObject *parent)
    : QObject(parent), m_repository(repository), m_connection(connection)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Outbox::pump);
}

void Outbox::enqueue(const ChatMessage &message)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_queue.contains(message.localId) && !m_inFlight.contains(message.localId))
        m_queue.append(message.localId);
    pump();
}

void Outbox::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_tries.clear();
    m_queue.clear();
    for (const ChatMessage &m : m_repository.pendingOutgoing()) {
        if (m_inFlight.contains(m.localId))
            continue;
        if (m.state == MessageState::Failed)
            publish(m_repository.markSending(m.localId));
        m_queue.append(m.localId);
    }
    if (!m_queue.isEmpty())
        qCInfo(lcOutbox) << "resending" << m_queue.size() << "unsent messages";
    pump();
}

void Outbox::retry(qint64 localId)
{
    PARLEY_ASSERT_OWN_THREAD();
    const std::optional<ChatMessage> m = m_repository.byLocalId(localId);
    if (!m || m->state != MessageState::Failed)
        return;
    m_tries.remove(localId);
    publish(m_repository.markSending(localId));
    enqueue(*m);
}

void Outbox::pump()
{
    if (!m_connection.isOnline())
        return;
    while (!m_queue.isEmpty() && m_inFlight.size() < kMaxInFlight) {
        const qint64 localId = m_queue.takeFirst();
        const std::optional<ChatMessage> m = m_repository.byLocalId(localId);
        if (!m || m->state != MessageState::Sending)
            continue; // acknowledged meanwhile (through sync) or gone
        send(*m);
    }
}

void Outbox::send(const ChatMessage &message)
{
    v1::Message wire;
    wire.set_conversation_type(v1::ConversationType(int(message.conversation.type)));
    wire.set_target(message.conversation.target.toStdString());
    wire.set_client_uuid(message.clientUuid.constData(), size_t(message.clientUuid.size()));
    *wire.mutable_content() = m_repository.contentOf(message.localId);
    if (wire.content().has_chat_history()) // the server writes its messages from its own copies
        wire.mutable_content()->mutable_chat_history()->clear_messages();

    const qint64 localId = message.localId;
    m_inFlight.insert(localId);
    ++m_tries[localId];
    qCDebug(lcOutbox) << "sending message" << localId << "attempt" << m_tries.value(localId);
    m_connection.request(
        SubSignal::MS, wire, [this, localId](Result<v1::Result> reply) { onReply(localId, reply); },
        m_attemptTimeoutMs);
}

void Outbox::onReply(qint64 localId, const Result<v1::Result> &reply)
{
    m_inFlight.remove(localId);
    if (reply) {
        const v1::SendResult &sent = reply->sent();
        m_tries.remove(localId);
        publish(m_repository.markSent(localId, sent.message_uid(), sent.conversation_seq(), sent.timestamp()));
        pump();
        return;
    }
    const Error &error = reply.error();
    if (!m_connection.isOnline()) {
        // The link dropped: the message waits for the next connection (onOnline), still Sending.
        return;
    }
    if (!MessageRepository::isRetryable(error.code)) {
        qCInfo(lcOutbox) << "the server refused message" << localId << ":" << error.message;
        fail(localId, error.code);
        pump();
        return;
    }
    if (m_tries.value(localId) >= kMaxTries) {
        qCInfo(lcOutbox) << "message" << localId << "failed after" << kMaxTries << "attempts:" << error.message;
        fail(localId, error.code);
        pump();
        return;
    }
    m_queue.prepend(localId);
    if (error.code == ErrorCode::Timeout) {
        pump();
    } else if (!m_retryTimer.isActive()) {
        m_retryTimer.start(error.retryAfterSeconds > 0 ? int(error.retryAfterSeconds) * 1000 : kRetryDelayMs);
    }
}

void Outbox::fail(qint64 localId, ErrorCode failure)
{
    m_tries.remove(localId);
    publish(m_repository.markFailed(localId, failure));
}

void Outbox::publish(const Result<ChatMessage> &changed)
{
    if (changed)
        Q_EMIT messageChanged(changed.value());
    else
        Q_EMIT storageFailed(changed.error());
}

} // namespace parley
