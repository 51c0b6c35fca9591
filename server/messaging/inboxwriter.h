#pragma once

#include "parley.pb.h"
#include "server/routing/inboxdelivery.h"
#include "server/storage/records.h"

#include <QList>

namespace parley::server {

class IStore;

// Appends items to users' inboxes inside a storage job — each gets the user's next sequence as the batch
// commits — and keeps them as deliveries for the push after the commit (RequestRouter pushes an Outcome's, in
// commit order). The appends return false once the batch's storage has failed.
class InboxWriter {
public:
    InboxWriter(IStore &store, qint64 nowMs) : m_store(store), m_nowMs(nowMs) {}

    bool appendMessage(qint64 userId, const MessageRecord &message);
    bool appendProgress(qint64 userId, const v1::ConversationProgress &progress);
    bool appendRecall(qint64 userId, const v1::RecallNotice &notice);
    bool appendEdit(qint64 userId, const v1::EditNotice &notice);
    bool appendReaction(qint64 userId, const v1::ReactionNotice &notice);
    bool appendFriendRequest(qint64 userId, const v1::FriendRequest &request);
    bool appendContact(qint64 userId, const v1::Contact &contact);

    const QList<InboxDelivery> &deliveries() const { return m_deliveries; }
    QList<InboxDelivery> takeDeliveries() { return std::exchange(m_deliveries, {}); }

    // The wire form of a stored inbox row (for pulls).
    static v1::InboxItem toWire(const InboxRecord &record);

private:
    bool append(qint64 userId, const InboxEntry &entry, const v1::InboxItem &item);
    bool append(qint64 userId, const InboxEntry &entry, std::shared_ptr<const QByteArray> body);

    IStore &m_store;
    qint64 m_nowMs;
    QList<InboxDelivery> m_deliveries;
    // The last message appended and its encoding: a group message goes to every member's inbox in a row.
    qint64 m_encodedMessageUid = 0;
    std::shared_ptr<const QByteArray> m_encodedMessage;
};

} // namespace parley::server
