#pragma once

#include "parley.pb.h"

#include <QList>
#include <QString>

namespace parley::server {

// The keys of the locks (StoreJob::lockKeys) that requests writing to a conversation take before their batch
// runs, so that two nodes' batches writing to the same conversations take them in one order and never wait
// for each other in a circle. A private conversation has one key whichever of its two people writes; a group's
// is its id's. Keys are 64 bits of a hash: two conversations sharing one only wait for each other sometimes.
class ConversationLock {
public:
    static qint64 keyOf(const QString &me, v1::ConversationType type, const std::string &target);
    static QList<qint64> keysOf(const QString &me, const v1::ProgressReport &report);
};

} // namespace parley::server
