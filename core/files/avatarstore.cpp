#include "core/files/avatarstore.h"

#include "common/securerandom.h"
#include "common/threadaffinity.h"
#include "core/files/filehash.h"
#include "core/files/uploadtask.h"
#include "core/logging.h"
#include "protocol/limits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QRegularExpression>
#include <QtConcurrent>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

struct Encoded {
    QString path;
    quint64 size = 0;
    QByteArray sha256;
};

// The middle square of the picture at kAvatarPixels at most, on white (JPEG has no transparency), as a JPEG file.
Result<Encoded> encode(const QImage &picture, const QString &path)
{
    if (picture.isNull())
        return Error(ErrorCode::FileUnreadable, u"not a picture"_s);
    const int side = std::min(picture.width(), picture.height());
    QImage square = picture.copy((picture.width() - side) / 2, (picture.height() - side) / 2, side, side);
    if (side > limits::kAvatarPixels)
        square = square.scaled(limits::kAvatarPixels, limits::kAvatarPixels, Qt::IgnoreAspectRatio,
                               Qt::SmoothTransformation);
    QImage flat(square.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter(&flat).drawImage(0, 0, square);
    QImageWriter writer(path, "jpeg");
    writer.setQuality(AvatarStore::kJpegQuality);
    if (!writer.write(flat))
        return Error(ErrorCode::StorageFailure, u"cannot store the picture"_s);
    const Result<QByteArray> hash = sha256OfFile(path);
    if (!hash)
        return hash.error();
    return Encoded{path, quint64(QFileInfo(path).size()), hash.value()};
}

} // namespace

AvatarStore::AvatarStore(Connection &connection, FilesEndpoint &endpoint, DownloadTask::GrantSource grants,
                         QString folder, QObject *parent)
    : QObject(parent),
      m_connection(connection),
      m_endpoint(endpoint),
      m_grants(std::move(grants)),
      m_folder(std::move(folder))
{
}

AvatarStore::~AvatarStore()
{
    qDeleteAll(m_downloads);
    qDeleteAll(m_uploads);
}

QString AvatarStore::pathOf(const QString &fileId) const
{
    return QDir(m_folder).filePath(fileId + u".jpg"_s);
}

void AvatarStore::upload(const QImage &picture, Promise<QString> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!QDir().mkpath(m_folder)) {
        answer.resolve(Error(ErrorCode::StorageFailure, u"cannot create the avatar folder"_s));
        return;
    }
    const QString path =
        QDir(m_folder).filePath(u"upload-%1.jpg"_s.arg(QString::fromLatin1(secureRandomBytes(8).toHex())));
    auto *watcher = new QFutureWatcher<Result<Encoded>>(this);
    connect(watcher, &QFutureWatcher<Result<Encoded>>::finished, this, [this, watcher, answer] {
        watcher->deleteLater();
        const Result<Encoded> encoded = watcher->result();
        if (!encoded) {
            answer.resolve(encoded.error());
            return;
        }
        startUpload(encoded->path, encoded->size, encoded->sha256, answer);
    });
    watcher->setFuture(QtConcurrent::run([picture, path] { return encode(picture, path); }));
}

void AvatarStore::startUpload(const QString &source, quint64 size, const QByteArray &sha256, Promise<QString> answer)
{
    Media media;
    media.size = size;
    media.sha256 = sha256;
    media.mimeType = u"image/jpeg"_s;
    media.fileName = u"avatar.jpg"_s;
    auto *task = new UploadTask({0, source, media, {}}, m_connection, m_endpoint, this);
    m_uploads.append(task);
    connect(task, &UploadTask::finished, this, [this, task, source, answer](qint64, const Result<QString> &fileId) {
        m_uploads.removeOne(task);
        task->deleteLater();
        if (fileId) {
            // My own picture is here already: it is not downloaded again.
            QFile::remove(pathOf(fileId.value()));
            if (!QFile::rename(source, pathOf(fileId.value())))
                QFile::remove(source);
        } else {
            QFile::remove(source);
        }
        answer.resolve(fileId);
    });
    task->start();
}

void AvatarStore::onOnline()
{
    for (UploadTask *task : std::as_const(m_uploads))
        task->onOnline();
}

QImage AvatarStore::decode(const QString &path)
{
    QImageReader reader(path);
    if (reader.format() != "jpeg" && reader.format() != "png")
        return {}; // what parleyd accepts as an avatar, and nothing else is given to a decoder
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kDecodePixels)
        reader.setScaledSize(size.scaled(kDecodePixels, kDecodePixels, Qt::KeepAspectRatio));
    return reader.read();
}

bool AvatarStore::isFileId(const QString &id)
{
    static const QRegularExpression hex(u"^[0-9a-f]{32}$"_s);
    return hex.match(id).hasMatch();
}

void AvatarStore::picture(const QString &fileId, Promise<QImage> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!isFileId(fileId)) { // it becomes a file name here
        answer.resolve(Error(ErrorCode::NotFound, u"not a picture's id"_s));
        return;
    }
    const QString path = pathOf(fileId);
    if (QFileInfo::exists(path)) {
        (void)QtConcurrent::run([path, answer] {
            const QImage image = decode(path);
            if (image.isNull())
                QFile::remove(path); // damaged here: downloaded again when asked again
            answer.resolve(image.isNull() ? Result<QImage>(Error(ErrorCode::Unavailable, u"the copy was damaged"_s))
                                          : Result<QImage>(image));
        });
        return;
    }
    m_waiting[fileId].append(answer);
    if (m_downloads.contains(fileId))
        return;
    Media media;
    media.fileId = fileId;
    auto *task = new DownloadTask(0, media, path, m_endpoint, m_grants, this);
    task->setMaxSize(limits::kMaxAvatarBytes);
    m_downloads.insert(fileId, task);
    connect(task, &DownloadTask::finished, this,
            [this, fileId](qint64, const Result<QString> &downloaded) { onDownloaded(fileId, downloaded); });
    task->start();
}

void AvatarStore::onDownloaded(const QString &fileId, const Result<QString> &path)
{
    if (DownloadTask *task = m_downloads.take(fileId))
        task->deleteLater();
    const QList<Promise<QImage>> waiting = m_waiting.take(fileId);
    if (!path) {
        qCDebug(lcFiles) << "avatar download failed:" << errorCodeName(path.error().code);
        for (const Promise<QImage> &p : waiting)
            p.resolve(path.error());
        return;
    }
    (void)QtConcurrent::run([file = path.value(), waiting] {
        const QImage image = decode(file);
        for (const Promise<QImage> &p : waiting)
            p.resolve(image.isNull() ? Result<QImage>(Error(ErrorCode::FileCorrupt, u"not a picture"_s))
                                     : Result<QImage>(image));
    });
}

} // namespace parley
