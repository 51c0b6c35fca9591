#pragma once

#include "core/types/chatmessage.h"
#include "parley.pb.h"
#include "protocol/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace parley {

class Connection;
class MessageRepository;

// Sends what the user wrote, exactly once as far as anyone can see. A message is stored before it is
// sent (MessageRepository::addOutgoing), sent with its client uuid, and resent with the same uuid until
// the server acknowledges it: up to kMaxTries attempts of kAttemptTimeoutMs each while connected, then
// marked Failed. While offline messages wait; on every (re)connection everything unsent — including
// failures worth retrying — goes out again in the order it was written. Engine thread.
class Outbox : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxTries = 3;
    static constexpr int kAttemptTimeoutMs = 5000;
    static constexpr int kMaxInFlight = 16;
    static constexpr int kRetryDelayMs = 1000; // after "busy" answers without a retry-after

    Outbox(MessageRepository &repository, Connection &connection, QObject *parent = nullptr);

    void setAttemptTimeoutMs(int ms) { m_attemptTimeoutMs = ms; }

    // A message just stored by addOutgoing.
    void enqueue(const ChatMessage &message);
    // The connection is online again: (re)send everything pending, in order, with fresh tries.
    void onOnline();
    // The user asked to resend a failed message.
    void retry(qint64 localId);
    int pendingCount() const { return int(m_queue.size() + m_inFlight.size()); }

Q_SIGNALS:
    void messageChanged(const parley::ChatMessage &message);
    void storageFailed(const parley::Error &error);

private:
    void pump();
    void send(const ChatMessage &message);
    void onReply(qint64 localId, const Result<v1::Result> &reply);
    void fail(qint64 localId, ErrorCode failure);
    void publish(const Result<ChatMessage> &changed);

    MessageRepository &m_repository;
    Connection &m_connection;
    int m_attemptTimeoutMs = kAttemptTimeoutMs;
    QList<qint64> m_queue; // waiting, in send order
    QSet<qint64> m_inFlight;
    QHash<qint64, int> m_tries; // attempts since the connection came up
    QTimer m_retryTimer{this};  // parented: moves to the engine thread with its owner
};

} // namespace parley
