#pragma once

#include "core/types/media.h"

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>

namespace parley {

// Pictures for the chat's bubbles: a received picture decoded at the size it is shown (off the GUI thread,
// with QImageReader's scaled decoding, so a 2560-pixel photo never costs a full decode while scrolling), and a
// message's tiny inline preview scaled up soft until then. Decoded pictures live in a cache bounded in bytes:
// what scrolled out of view is dropped first and decoded again when it returns. GUI thread.
class MediaThumbnails : public QObject {
    Q_OBJECT

public:
    // Decoded pixels kept for the views: a few screens of pictures (at 2x, about four), so scrolling back is
    // instant while memory stays near what the screen shows (bench/uibench --pictures).
    static constexpr int kCacheKiB = 16 * 1024;

    explicit MediaThumbnails(QObject *parent = nullptr);
    ~MediaThumbnails() override;

    // The picture at `path` at `size`, or a null pixmap while it is decoded (ready() follows).
    QPixmap picture(const QString &path, QSize size);
    // The inline preview (a few KB of JPEG), small and soft: paint it scaled up to the picture's `size`
    // with smooth pixmap transformation. There at once.
    QPixmap preview(const Media &media, QSize size);
    // The largest a picture bubble is shown: the media's size fitted into `bounds`, at least a small square.
    static QSize fitted(const Media &media, QSize bounds);

Q_SIGNALS:
    void ready();

private:
    QCache<QString, QPixmap> m_pictures; // cost in KiB
    QSet<QString> m_decoding;
};

} // namespace parley
