#include "ui/videoprobe.h"

#include "ui/logging.h"

#include <QMediaMetaData>
#include <QMediaPlayer>
#include <QMimeDatabase>
#include <QTimer>
#include <QUrl>
#include <QVideoFrame>
#include <QVideoSink>

namespace parley {

VideoProbe::VideoProbe(const QString &path, QObject *parent)
    : QObject(parent), m_player(new QMediaPlayer(this)), m_sink(new QVideoSink(this)), m_timeout(new QTimer(this))
{
    // No audio output: the probe is silent.
    m_player->setVideoSink(m_sink);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
        if (m_finished || !frame.isValid())
            return;
        m_info.poster = frame.toImage();
        if (m_info.poster.isNull())
            return;
        m_info.size = m_info.poster.size();
        if (m_player->duration() > 0)
            finish(true);
    });
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        if (ms > 0 && !m_info.poster.isNull())
            finish(true);
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &why) {
        qCInfo(lcUi) << "video probe:" << why;
        if (m_info.poster.isNull())
            finish(false);
        // else a frame was shown: its length may still come (or the timeout ends the wait)
    });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
        if (status == QMediaPlayer::InvalidMedia || status == QMediaPlayer::EndOfMedia)
            finish(!m_info.poster.isNull());
    });
    m_timeout->setSingleShot(true);
    m_timeout->setInterval(kTimeoutMs);
    // A frame but no length (a live stream's recording, say) is still a video.
    connect(m_timeout, &QTimer::timeout, this, [this] { finish(!m_info.poster.isNull()); });
    m_timeout->start();
    // Started from the event loop: some backends fail at once, inside setSource(), and finished() must reach
    // whoever connected to it after constructing the probe.
    QMetaObject::invokeMethod(
        this,
        [this, url = QUrl::fromLocalFile(path)] {
            m_player->setSource(url);
            m_player->play();
        },
        Qt::QueuedConnection);
}

VideoProbe::~VideoProbe() = default;

bool VideoProbe::isVideo(const QString &path)
{
    return QMimeDatabase().mimeTypeForFile(path).name().startsWith(QLatin1String("video/"));
}

void VideoProbe::finish(bool ok)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout->stop();
    m_info.ok = ok;
    m_info.durationMs = int(m_player->duration());
    if (m_info.durationMs <= 0)
        m_info.durationMs = m_player->metaData().value(QMediaMetaData::Duration).toInt();
    if (ok && m_info.size.isEmpty())
        m_info.size = m_player->metaData().value(QMediaMetaData::Resolution).toSize();
    // Stopped later: a player must not be stopped from inside its own signal.
    QMetaObject::invokeMethod(m_player, &QMediaPlayer::stop, Qt::QueuedConnection);
    Q_EMIT finished(m_info);
}

} // namespace parley
