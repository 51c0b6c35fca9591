#pragma once

#include "common/sha256.h"

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace parley {

// The SHA-256 of a file being written, computed behind its writer: the writer only says how far the file is
// written (extendTo), and the bytes are read back (from the page cache, where they just went) and hashed in
// slices on another thread. So the thread moving the bytes (parleyd's for an upload, the client's for a
// download) decrypts and writes while a second core hashes, and when the last byte is in, at most the last
// slice is left to hash. Slices run through `post`; a slice is at most kSliceBytes, so files sharing a thread
// take turns. Any thread; held by shared_ptr (a queued slice holds it too).
class TrailingHasher : public std::enable_shared_from_this<TrailingHasher> {
public:
    using Post = std::function<void(std::function<void()>)>;
    static constexpr quint64 kSliceBytes = 8 << 20;

    TrailingHasher(QString path, Post post);

    // The file's first `offset` bytes are written: they are to be hashed. Never shrinks.
    void extendTo(quint64 offset);
    quint64 target() const;
    // The digest of the first target() bytes, hashing what is left here; empty if the file could not be read
    // (or was shorter). Blocks while a slice runs elsewhere; afterwards the hasher is spent.
    QByteArray result();

private:
    void runSlice();
    // Hashes [from, to) of the file into m_hash; false if it could not be read whole.
    bool hashRange(quint64 from, quint64 to);

    const QString m_path;
    const Post m_post;
    mutable std::mutex m_mutex;
    std::condition_variable m_idle;
    Sha256 m_hash;
    quint64 m_target = 0;
    quint64 m_hashed = 0;
    bool m_working = false; // a thread is hashing (outside the lock)
    bool m_queued = false;  // a slice is posted and has not started
    bool m_failed = false;
    bool m_spent = false;
};

} // namespace parley
