#pragma once

#include "server/routing/outcome.h"
#include "server/storage/records.h"

namespace parley::server {

class FileLedger;
class FileSweeper;
class IStore;

// Deleting an account, by its user (DLA, with a fresh code) or by the operator (parleyd admin delete), in one
// transaction. What is the person's goes: profile, contacts and friend requests either way, conversation
// settings, inbox, uploads and files (the bytes after the commit; a group's picture stays the group's), every
// device session. The account leaves every group as if it quit — an owner first hands the group to the senior
// admin, else the longest member, or dismisses it when alone. Everyone whose client may show it (friends, blocks
// either way, one-to-one peers, group co-members) is told through their inbox that any relation is gone and the
// profile reads "deleted". What it wrote stays, so that conversations keep their order and replies their quotes:
// others read it as from a deleted account. The phone number is free for a new account. Storage-thread logic.
class AccountDeletion {
public:
    AccountDeletion(const FileLedger &files, FileSweeper &sweeper) : m_files(files), m_sweeper(sweeper) {}

    // The outcome's afterCommit closes the devices' links (DISCONNECT_ACCOUNT_DELETED), on every node, and
    // removes the files' bytes.
    Outcome erase(IStore &store, const UserRecord &user, qint64 nowMs) const;

private:
    const FileLedger &m_files;
    FileSweeper &m_sweeper;
};

} // namespace parley::server
