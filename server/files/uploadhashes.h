#pragma once

#include "common/sha256.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace parley::server {

// The SHA-256 of each upload's bytes so far, carried from one PATCH to the next, so that the one bringing the
// last byte needs no second reading of the whole file to check it. Kept in memory only: after a restart, or for
// an upload whose running hash was dropped (a cut with a checksum, too many uploads at once), the file is read
// at the end as before. Any thread.
class UploadHashes {
public:
    // Uploads between two PATCHes whose hash is kept; beyond, the one put longest ago (an abandoned upload's)
    // goes.
    static constexpr std::size_t kMaxEntries = 1024;

    // The running hash of upload `id` if it covers exactly its first `offset` bytes, a new one if `offset` is 0,
    // else null. It is taken out: the PATCH writing the upload (one at a time) holds it.
    std::unique_ptr<Sha256> take(const QString &id, quint64 offset);
    // Keeps `hash` as covering the first `offset` bytes of upload `id`.
    void put(const QString &id, quint64 offset, std::unique_ptr<Sha256> hash);
    void drop(const QString &id);

private:
    struct Entry {
        quint64 offset = 0;
        std::unique_ptr<Sha256> hash;
        quint64 stamp = 0; // when it was put
    };
    std::mutex m_mutex;
    std::map<QString, Entry> m_entries;
    quint64 m_stamp = 0;
};

} // namespace parley::server
