#include "ui/mediathumbnails.h"

#include "common/sha256.h"

#include <QBuffer>
#include <QFutureWatcher>
#include <QImageReader>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace parley {

namespace {

constexpr int kMinSide = 48;

QString keyOf(const QString &path, QSize size)
{
    return QStringLiteral("%1@%2x%3").arg(path).arg(size.width()).arg(size.height());
}

int costOf(const QPixmap &pixmap)
{
    return std::max(1, int(qint64(pixmap.width()) * pixmap.height() * 4 / 1024));
}

QImage decode(const QString &path, QSize size)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    reader.setScaledSize(size);
    return reader.read();
}

} // namespace

MediaThumbnails::MediaThumbnails(QObject *parent) : QObject(parent)
{
    m_pictures.setMaxCost(kCacheKiB);
}

MediaThumbnails::~MediaThumbnails() = default;

QSize MediaThumbnails::fitted(const Media &media, QSize bounds)
{
    QSize size(media.width > 0 ? media.width : bounds.width(), media.height > 0 ? media.height : bounds.height());
    size = size.scaled(bounds, Qt::KeepAspectRatio).boundedTo(QSize(std::max(media.width, kMinSide),
                                                                     std::max(media.height, kMinSide)));
    return size.expandedTo(QSize(kMinSide, kMinSide));
}

QPixmap MediaThumbnails::picture(const QString &path, QSize size)
{
    if (path.isEmpty() || size.isEmpty())
        return {};
    const QString key = keyOf(path, size);
    if (const QPixmap *cached = m_pictures.object(key))
        return *cached;
    if (m_decoding.contains(key))
        return {};
    m_decoding.insert(key);
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, key] {
        watcher->deleteLater();
        m_decoding.remove(key);
        const QImage image = watcher->result();
        if (image.isNull())
            return;
        auto *pixmap = new QPixmap(QPixmap::fromImage(image));
        m_pictures.insert(key, pixmap, costOf(*pixmap));
        Q_EMIT ready();
    });
    watcher->setFuture(QtConcurrent::run(decode, path, size));
    return {};
}

QPixmap MediaThumbnails::preview(const Media &media, QSize size)
{
    if (media.preview.isEmpty() || size.isEmpty())
        return {};
    // Kept small (a few KB of pixels) and scaled up smoothly when painted: a blur either way, and decoding it
    // while scrolling costs next to nothing.
    // (Keyed by the preview itself: a large file being sent has no SHA-256 yet.)
    const QString key = QString::fromLatin1(Sha256::of(media.preview).toHex()) + QStringLiteral(":preview");
    if (const QPixmap *cached = m_pictures.object(key))
        return *cached;
    QImage tiny;
    if (!tiny.loadFromData(media.preview))
        return {};
    const QImage soft = tiny.scaled(tiny.size() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    auto *pixmap = new QPixmap(QPixmap::fromImage(soft));
    m_pictures.insert(key, pixmap, costOf(*pixmap));
    return *pixmap;
}

} // namespace parley
