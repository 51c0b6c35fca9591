#pragma once

#include "server/storage/records.h"

namespace parley::server {

// What is done to accounts as a whole: suspending one and counting everything (parleyd admin), deleting one.
// Storage thread only.
class IAccountStore {
public:
    virtual ~IAccountStore() = default;

    // Since when the user's account is suspended; 0: it is not. Setting 0 lifts the suspension.
    virtual qint64 suspendedSince(qint64 userId) = 0;
    virtual void setSuspendedSince(qint64 userId, qint64 sinceMs) = 0;
    virtual StoreCounts counts() = 0;
    // Whether the account was deleted, read now (IStore::userByUid may answer from memory, which on a node sharing
    // the database does not see another node's deletion).
    virtual bool isDeleted(qint64 userId) = 0;
    // Everyone whose client may show the user: relations either way (friends, blocks, friend requests), one-to-one
    // peers, the members of the user's groups; neither the user nor deleted accounts.
    virtual QList<qint64> acquaintances(qint64 userId) = 0;
    // Deletes what is the person's: profile (the row stays, marked deleted, for the messages that name it; the
    // phone number is freed), contacts and friend requests either way, conversation settings, inbox, join
    // requests to it, the live code. Files go by FileLedger::eraseUser, sessions are revoked by the caller (with their
    // reason). Messages stay: others read them as from a deleted account.
    virtual void eraseAccount(const UserRecord &user, qint64 nowMs) = 0;
};

} // namespace parley::server
