#pragma once

#include "core/types/media.h"
#include "core/types/mediadraft.h"
#include "protocol/result.h"

#include <QImage>
#include <QString>

namespace parley {

// Turns a draft into what is sent: photos scaled to at most kMaxPhotoSide and re-encoded as JPEG (into the
// account's outgoing folder) unless they are small already or animated; a tiny preview for pictures and video
// posters (at most limits::kMaxPreviewBytes); type, name, size and SHA-256 of the file to upload — except for
// a file of kHashWhileSendingBytes or more (not a copy made here), whose SHA-256 UploadTask computes while it
// sends it. Blocking (decodes, hashes): run it on a pool thread.
class MediaPreparer {
public:
    static constexpr int kMaxPhotoSide = 2560;          // pixels, the longer side of a photo sent as a photo
    static constexpr qint64 kKeepPhotoBelowBytes = 1 << 20; // smaller photos within the side limit go as they are
    static constexpr int kPhotoQuality = 85;
    static constexpr int kPreviewSide = 40;             // pixels, the longer side of the inline preview
    static constexpr qint64 kHashWhileSendingBytes = 64 << 20; // below, hashing first costs little

    struct Prepared {
        int contentType = 0; // content::kImage, kFile, kVoice, kVideo
        QString source;      // the file to upload
        bool ownedCopy = false; // `source` was made here (the cache may evict it once sent)
        Media media;
    };

    static Result<Prepared> prepare(const MediaDraft &draft, const QString &outgoingDir);
    // A JPEG of at most limits::kMaxPreviewBytes, or empty.
    static QByteArray previewOf(const QImage &image);

private:
    static Result<Prepared> prepareDraft(const MediaDraft &draft, const QString &outgoingDir);
    static Result<Prepared> preparePhoto(const MediaDraft &draft, const QString &outgoingDir);
};

} // namespace parley
