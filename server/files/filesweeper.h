#pragma once

#include "server/files/fileledger.h"

namespace parley::server {

class StoreExecutor;

// Takes the bytes of files off the disk once the database no longer has them: what the periodic collection
// (FileLedger::collect) found, and the files of a deleted account. Each blob is looked at and removed under its
// content's lock (LockKey::ofContent), which a new file of that content takes too, so that a node never removes
// a blob another node's new file has just taken up. Any thread.
class FileSweeper {
public:
    static constexpr int kMaxCollectedPerRun = 1000;
    static constexpr qsizetype kBlobsPerRemoval = 100; // each lock is an entry of PostgreSQL's shared lock table

    FileSweeper(StoreExecutor &store, const FileLedger &files) : m_store(store), m_files(files) {}

    // Collects abandoned uploads and files nothing refers to (after their grace periods), then sweeps them.
    void collect(qint64 nowMs, qint64 uploadGraceMs, qint64 orphanGraceMs);
    // Removes what the database already forgot, in storage jobs of their own.
    void sweep(const FileLedger::Garbage &garbage);

private:
    StoreExecutor &m_store;
    const FileLedger &m_files;
};

} // namespace parley::server
