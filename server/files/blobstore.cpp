#include "server/files/blobstore.h"

#include "common/privatefolder.h"
#include "common/sha256.h"
#include "server/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

Error ioError(const char *what, int error)
{
    if (error == ENOSPC || error == EDQUOT)
        return Error(ErrorCode::StorageFull, u"the server's disk is full"_s);
    return Error(ErrorCode::Unavailable,
                 u"%1 failed: %2"_s.arg(QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(error))));
}

bool syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

BlobStore::Writer::Writer(Writer &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_position(other.m_position), m_behindFrom(other.m_behindFrom)
{
}

BlobStore::Writer &BlobStore::Writer::operator=(Writer &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_position = other.m_position;
        m_behindFrom = other.m_behindFrom;
    }
    return *this;
}

BlobStore::Writer::~Writer()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<Done> BlobStore::Writer::write(const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t written = ::write(m_fd, data, size_t(size));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return ioError("write", errno);
        }
        data += written;
        size -= written;
        m_position += written;
    }
#ifdef __linux__
    // Write-behind: every few MiB, what was written starts on its way to the disk while the next bytes
    // arrive, so the checkpoint's fsync has little left to wait for. (Only a start: it neither waits nor
    // promises anything.) Per block it cost more in calls than it saved.
    if (m_position - m_behindFrom >= kWriteBehindBytes) {
        ::sync_file_range(m_fd, m_behindFrom, m_position - m_behindFrom, SYNC_FILE_RANGE_WRITE);
        m_behindFrom = m_position;
    }
#endif
    return Done{};
}

std::function<Result<Done>()> BlobStore::Writer::syncLater() const
{
    const int fd = ::dup(m_fd);
    if (fd < 0)
        return [error = ioError("dup", errno)] { return Result<Done>(error); };
    const auto owned = std::shared_ptr<const int>(new int(fd), [](const int *f) {
        ::close(*f);
        delete f;
    });
    return [owned]() -> Result<Done> {
        if (::fsync(*owned) != 0)
            return ioError("fsync", errno);
        return Done{};
    };
}

void BlobStore::Writer::truncate(quint64 offset)
{
    if (::ftruncate(m_fd, off_t(offset)) != 0 || ::lseek(m_fd, off_t(offset), SEEK_SET) < 0)
        qCWarning(lcFiles) << "cannot cut an upload back to" << offset << ":" << std::strerror(errno);
    else
        m_position = m_behindFrom = qint64(offset);
}

Result<Done> BlobStore::prepare() const
{
    // People's files: parleyd's alone, also where --files-dir puts them outside the data directory.
    if (Result<Done> made = PrivateFolder::makeAndSay(m_root, "the files directory", lcFiles()); !made)
        return made;
    if (!QDir().mkpath(m_root + u"/uploads"_s) || !QDir().mkpath(m_root + u"/blobs"_s))
        return Error(ErrorCode::StorageFailure, u"cannot create %1"_s.arg(m_root));
    return Done{};
}

QString BlobStore::uploadPath(const QString &uploadId) const
{
    return u"%1/uploads/%2"_s.arg(m_root, uploadId);
}

QString BlobStore::blobPath(const QByteArray &sha256) const
{
    const QString hex = QString::fromLatin1(sha256.toHex());
    return u"%1/blobs/%2/%3"_s.arg(m_root, hex.left(2), hex);
}

bool BlobStore::hasBlob(const QByteArray &sha256) const
{
    return QFileInfo::exists(blobPath(sha256));
}

Result<BlobStore::Writer> BlobStore::openUploadAt(const QString &uploadId, quint64 offset) const
{
    const int fd = ::open(QFile::encodeName(uploadPath(uploadId)).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError("open", errno);
    Writer writer(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return ioError("stat", errno);
    if (quint64(st.st_size) < offset)
        return Error(ErrorCode::Unavailable, u"the upload's file is shorter than its acknowledged offset"_s);
    writer.truncate(offset);
    return writer;
}

Result<Done> BlobStore::promote(const QString &uploadId, const QByteArray &sha256) const
{
    const QString target = blobPath(sha256);
    const QString dir = QFileInfo(target).absolutePath();
    if (!QDir().mkpath(dir))
        return Error(ErrorCode::Unavailable, u"cannot create %1"_s.arg(dir));
    if (QFileInfo::exists(target)) {
        removeUpload(uploadId); // the same content is stored already
        return Done{};
    }
    if (::rename(QFile::encodeName(uploadPath(uploadId)).constData(), QFile::encodeName(target).constData()) != 0)
        return ioError("rename", errno);
    if (!syncDirectory(dir) || !syncDirectory(m_root + u"/uploads"_s))
        return ioError("fsync of a directory", errno);
    return Done{};
}

void BlobStore::removeUpload(const QString &uploadId) const
{
    QFile::remove(uploadPath(uploadId));
}

void BlobStore::removeBlob(const QByteArray &sha256) const
{
    QFile::remove(blobPath(sha256));
}

Result<QByteArray> BlobStore::sha256Of(const QString &path, quint64 offset, quint64 length, const QByteArray &prefix)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(qint64(offset)))
        return Error(ErrorCode::Unavailable, u"cannot read %1"_s.arg(path));
    Sha256 hash;
    hash.add(prefix);
    if (!hash.addFrom(file, qint64(length)))
        return Error(ErrorCode::Unavailable, u"%1 ended before %2 bytes"_s.arg(path).arg(length));
    return hash.result();
}

} // namespace parley::server
