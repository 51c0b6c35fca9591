#pragma once

#include "common/trailinghasher.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace parley::server {

// Each upload's running SHA-256 (a TrailingHasher), carried from one PATCH to the next, so that the one bringing
// the last byte needs no second reading of the whole file to check it. Kept in memory only: after a restart, or
// for an upload whose hasher was dropped (a cut with a checksum, a disk error, too many uploads at once), the
// file is read at the end as before. Any thread.
class UploadHashes {
public:
    // New hashers' slices run through `post`.
    explicit UploadHashes(TrailingHasher::Post post);

    // Uploads between two PATCHes whose hash is kept; beyond, the one put longest ago (an abandoned upload's)
    // goes.
    static constexpr std::size_t kMaxEntries = 1024;

    // The hasher of upload `id` (whose file is `path`) if it is to cover exactly its first `offset` bytes, a new
    // one if `offset` is 0, else null. It is taken out: the PATCH writing the upload (one at a time) holds it.
    std::shared_ptr<TrailingHasher> take(const QString &id, quint64 offset, const QString &path);
    // Keeps `hasher` for upload `id`, as far as its target.
    void put(const QString &id, std::shared_ptr<TrailingHasher> hasher);
    void drop(const QString &id);

private:
    struct Entry {
        std::shared_ptr<TrailingHasher> hasher;
        quint64 stamp = 0; // when it was put
    };
    const TrailingHasher::Post m_post;
    std::mutex m_mutex;
    std::map<QString, Entry> m_entries;
    quint64 m_stamp = 0;
};

} // namespace parley::server
