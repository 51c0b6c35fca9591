#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace parley::server {

// Where files live on disk, under DATA_DIR/files: uploads/<upload id> for uploads in progress, written at
// offsets and fsync'ed before an offset is acknowledged, and blobs/<2 hex>/<sha256 hex> for stored content,
// kept once per SHA-256, written once and then only read. A full disk is ErrorCode::StorageFull and damages
// nothing already stored. Any thread; one upload is written by one request at a time (TransferServer's
// lock).
class BlobStore {
public:
    // An upload's file opened for writing at an offset; closed when destroyed.
    class Writer {
    public:
        // Written bytes are started on their way to the disk in runs of this size (write-behind).
        static constexpr qint64 kWriteBehindBytes = 4 << 20;

        Writer() = default;
        Writer(Writer &&other) noexcept;
        Writer &operator=(Writer &&other) noexcept;
        ~Writer();

        Result<Done> write(const char *data, qint64 size);
        // A call that puts the bytes written so far on disk; it may run on another thread while this writer
        // goes on writing (it holds a descriptor of its own): a checkpoint that does not stop the upload.
        std::function<Result<Done>()> syncLater() const;
        // Undoes a write that will not be acknowledged: the file ends at `offset` again.
        void truncate(quint64 offset);

    private:
        friend class BlobStore;
        explicit Writer(int fd) : m_fd(fd) {}
        int m_fd = -1;
        qint64 m_position = 0;   // where the next write goes
        qint64 m_behindFrom = 0; // written bytes from here have not been started to the disk yet
    };

    explicit BlobStore(QString root) : m_root(std::move(root)) {}

    Result<Done> prepare() const;
    QString root() const { return m_root; }
    QString uploadPath(const QString &uploadId) const;
    QString blobPath(const QByteArray &sha256) const;
    bool hasBlob(const QByteArray &sha256) const;

    // Opens the upload's file to append at `offset`; bytes beyond it (a write never acknowledged) are cut off.
    Result<Writer> openUploadAt(const QString &uploadId, quint64 offset) const;
    // Moves a complete upload into the blobs (or drops it when the content is there already) and syncs the
    // directories, so the stored file survives a power cut.
    Result<Done> promote(const QString &uploadId, const QByteArray &sha256) const;
    void removeUpload(const QString &uploadId) const;
    void removeBlob(const QByteArray &sha256) const;

    // SHA-256 of `prefix` followed by bytes [offset, offset + length) of the file at `path`, read in blocks.
    static Result<QByteArray> sha256Of(const QString &path, quint64 offset, quint64 length,
                                       const QByteArray &prefix = {});

private:
    QString m_root;
};

} // namespace parley::server
