#include "core/files/mediapreparer.h"

#include "common/securerandom.h"
#include "core/files/filehash.h"
#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "protocol/textrules.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QMimeDatabase>
#include <QPainter>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

int contentTypeOf(MediaDraft::Kind kind)
{
    switch (kind) {
    case MediaDraft::Kind::Photo: return content::kImage;
    case MediaDraft::Kind::Voice: return content::kVoice;
    case MediaDraft::Kind::Video: return content::kVideo;
    case MediaDraft::Kind::File: break;
    }
    return content::kFile;
}

// Size, name, type and (unless `hashLater`) SHA-256 of the file as it is.
Result<Media> describe(const QString &path, bool hashLater = false)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    Media media;
    if (!hashLater) {
        const Result<QByteArray> hash = sha256OfFile(path);
        if (!hash)
            return hash.error();
        media.sha256 = hash.value();
    }
    media.size = quint64(info.size());
    // A name on disk may hold a line break or a direction override; parleyd takes only clean names.
    media.fileName = limits::fittedName(info.fileName(), limits::kMaxFileName);
    media.mimeType = QMimeDatabase().mimeTypeForFile(info).name().left(limits::kMaxMimeType);
    return media;
}

} // namespace

QByteArray MediaPreparer::previewOf(const QImage &image)
{
    if (image.isNull())
        return {};
    QImage small = image.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                       .convertToFormat(QImage::Format_RGB32);
    for (int quality = 60; quality >= 10; quality -= 10) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!small.save(&buffer, "JPEG", quality))
            return {};
        if (bytes.size() <= limits::kMaxPreviewBytes)
            return bytes;
    }
    return {};
}

Result<MediaPreparer::Prepared> MediaPreparer::preparePhoto(const MediaDraft &draft, const QString &outgoingDir)
{
    QImageReader reader(draft.path);
    reader.setAutoTransform(true);
    const QByteArray format = reader.format();
    const qint64 fileSize = QFileInfo(draft.path).size();
    QImage image = reader.read();
    if (image.isNull()) { // not a picture Qt can read: it goes as a file
        MediaDraft file = draft;
        file.kind = MediaDraft::Kind::File;
        return prepareDraft(file, outgoingDir);
    }
    Prepared prepared;
    prepared.contentType = content::kImage;
    prepared.source = draft.path;
    const bool animated = reader.supportsAnimation() && reader.imageCount() > 1;
    const bool fits = std::max(image.width(), image.height()) <= kMaxPhotoSide && fileSize <= kKeepPhotoBelowBytes &&
                      (format == "jpeg" || format == "png" || format == "webp");
    if (!animated && !fits) {
        if (std::max(image.width(), image.height()) > kMaxPhotoSide)
            image = image.scaled(kMaxPhotoSide, kMaxPhotoSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (image.hasAlphaChannel()) { // JPEG has none: on white, as most viewers show it
            QImage flat(image.size(), QImage::Format_RGB32);
            flat.fill(Qt::white);
            QPainter(&flat).drawImage(0, 0, image);
            image = flat;
        }
        if (!QDir().mkpath(outgoingDir))
            return Error(ErrorCode::StorageFailure, u"cannot create the media folder"_s);
        const QString path =
            QDir(outgoingDir).filePath(QString::fromLatin1(secureRandomBytes(8).toHex()) + u".jpg"_s);
        QImageWriter writer(path, "jpeg");
        writer.setQuality(kPhotoQuality);
        writer.setOptimizedWrite(true);
        if (!writer.write(image))
            return Error(ErrorCode::StorageFailure, u"cannot write the photo"_s);
        prepared.source = path;
        prepared.ownedCopy = true;
    }
    Result<Media> media = describe(prepared.source);
    if (!media)
        return media.error();
    prepared.media = std::move(media.value());
    if (prepared.ownedCopy) // the name the receiver sees: the original's, as a JPEG
        prepared.media.fileName =
            limits::fittedName(QFileInfo(draft.path).completeBaseName(), limits::kMaxFileName - 4) + u".jpg"_s;
    prepared.media.width = image.width();
    prepared.media.height = image.height();
    prepared.media.preview = previewOf(image);
    return prepared;
}

Result<MediaPreparer::Prepared> MediaPreparer::prepare(const MediaDraft &draft, const QString &outgoingDir)
{
    Result<Prepared> prepared = prepareDraft(draft, outgoingDir);
    if (prepared && draft.temporary) {
        if (prepared->source == draft.path)
            prepared->ownedCopy = true; // the cache's from now on
        else
            QFile::remove(draft.path); // a copy goes instead: nothing points at the draft's file
    }
    return prepared;
}

Result<MediaPreparer::Prepared> MediaPreparer::prepareDraft(const MediaDraft &draft, const QString &outgoingDir)
{
    if (draft.kind == MediaDraft::Kind::Photo)
        return preparePhoto(draft, outgoingDir);
    // A large file of the user's is hashed while it goes up (UploadTask), not before.
    const bool hashLater = !draft.temporary && QFileInfo(draft.path).size() >= kHashWhileSendingBytes;
    Result<Media> media = describe(draft.path, hashLater);
    if (!media)
        return media.error();
    Prepared prepared;
    prepared.contentType = contentTypeOf(draft.kind);
    prepared.source = draft.path;
    prepared.media = std::move(media.value());
    prepared.media.durationMs = std::max(0, draft.durationMs);
    prepared.media.waveform = draft.waveform.left(limits::kMaxWaveformLevels);
    if (draft.kind == MediaDraft::Kind::Video) {
        prepared.media.width = std::clamp(draft.width, 0, limits::kMaxMediaDimension);
        prepared.media.height = std::clamp(draft.height, 0, limits::kMaxMediaDimension);
        prepared.media.preview = previewOf(draft.poster);
    }
    return prepared;
}

} // namespace parley
