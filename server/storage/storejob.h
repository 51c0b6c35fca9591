#pragma once

#include "protocol/error.h"

#include <QList>

namespace parley::server {

class IStore;

// A unit of storage work. StoreExecutor runs jobs in batches on its thread: run() inside the batch's
// transaction, then committed() after the commit is on disk, or failed() if it was rolled back.
// committed() and failed() run on the storage thread too: they hand results to the network threads
// (IoWorker::post) and never block.
class StoreJob {
public:
    virtual ~StoreJob() = default;
    virtual void run(IStore &store) = 0;
    virtual void committed() = 0;
    virtual void failed(const Error &error) = 0;
    // Locks the job takes before its batch runs any job (IStore::takeLocks): batches of several nodes that
    // write to the same things take them in one order — see ConversationLock.
    virtual QList<qint64> lockKeys() const { return {}; }
};

} // namespace parley::server
