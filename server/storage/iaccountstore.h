#pragma once

#include "server/storage/records.h"

namespace parley::server {

// What an operator does to accounts as a whole (parleyd admin): suspending one, and counting everything.
// Storage thread only.
class IAccountStore {
public:
    virtual ~IAccountStore() = default;

    // Since when the user's account is suspended; 0: it is not. Setting 0 lifts the suspension.
    virtual qint64 suspendedSince(qint64 userId) = 0;
    virtual void setSuspendedSince(qint64 userId, qint64 sinceMs) = 0;
    virtual StoreCounts counts() = 0;
};

} // namespace parley::server
