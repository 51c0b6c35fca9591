#pragma once

#include "parley.pb.h"

#include <QList>
#include <QString>

namespace parley::server {

// The keys of the locks (LockKey) that requests writing to a conversation take before their batch runs. A
// private conversation has one key whichever of its two people writes; a group's is its id's.
class ConversationLock {
public:
    static qint64 keyOf(const QString &me, v1::ConversationType type, const std::string &target);
    // A group's: its messages and every change of the group (members, roles, settings) take it.
    static qint64 ofGroup(const QString &groupId);
    static QList<qint64> keysOf(const QString &me, const v1::ProgressReport &report);
};

} // namespace parley::server
