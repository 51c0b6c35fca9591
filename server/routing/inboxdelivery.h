#pragma once

#include "parley.pb.h"
#include "server/storage/inboxseq.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace parley::server {

class SessionRegistry;

// One inbox item for one user, to push to the user's online sessions once its transaction is committed. The
// item is kept encoded without its sequence, and that encoding is shared by every user the same item went
// to (a group message to 5,000 members is encoded once, not 5,000 times); the push is the sequence field
// followed by it, made only for users who are online.
struct InboxDelivery {
    qint64 userId = 0;
    InboxSeq seq;                           // known from the commit on
    std::shared_ptr<const QByteArray> body; // the v1::InboxItem without its seq, serialized

    // The v1::InboxItem as pushed: protobuf fields may come in any order, and seq (field 1) comes first as a
    // full serialization would put it.
    QByteArray payload() const;
};

// Pushes each item (PUSH MN) to its user's online sessions, in order. Storage thread, after the commit.
void pushDeliveries(SessionRegistry &registry, const QList<InboxDelivery> &deliveries);

} // namespace parley::server
