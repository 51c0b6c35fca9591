#pragma once

#include "parley.pb.h"

#include <QList>

namespace parley::server {

class SessionRegistry;

// One inbox item for one user, to push to the user's online sessions once its transaction is committed.
struct InboxDelivery {
    qint64 userId = 0;
    quint64 exceptSession = 0; // the session that caused it already knows (0: none)
    v1::InboxItem item;        // with its sequence
};

// Pushes each item (PUSH MN) to its user's online sessions, in order. Storage thread, after the commit.
void pushDeliveries(SessionRegistry &registry, const QList<InboxDelivery> &deliveries);

} // namespace parley::server
