#pragma once

#include "protocol/error.h"

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
};

} // namespace parley::server
