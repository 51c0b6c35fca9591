#include "ui/videoview.h"

#include "core/calls/videoframeslot.h"
#include "ui/avatar.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

namespace parley {

namespace {

constexpr int kMargin = 12;
constexpr qreal kPreviewRadius = 6;
const QColor kBackground(0x1f, 0x23, 0x2a);

} // namespace

VideoView::VideoView(VideoFrameSlot &remote, VideoFrameSlot &local, QWidget *parent)
    : QWidget(parent), m_remoteSlot(remote), m_localSlot(local)
{
    setObjectName(QStringLiteral("videoView"));
    setMinimumSize(240, 240);
    connect(&m_remoteSlot, &VideoFrameSlot::frameReady, this, &VideoView::takeRemote, Qt::QueuedConnection);
    connect(&m_localSlot, &VideoFrameSlot::frameReady, this, &VideoView::takeLocal, Qt::QueuedConnection);
}

void VideoView::setPeer(const QString &userId, const QString &name)
{
    m_userId = userId;
    m_name = name;
    update();
}

void VideoView::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    update();
}

void VideoView::setVideo(bool video, bool cameraOn)
{
    m_video = video;
    m_cameraOn = cameraOn;
    update();
}

void VideoView::clear()
{
    m_remote = QImage();
    m_local = QImage();
    m_remoteAtMs = 0;
    m_remoteSlot.take();
    m_localSlot.take();
    update();
}

bool VideoView::showsRemoteVideo() const
{
    return m_video && !m_remote.isNull() && QDateTime::currentMSecsSinceEpoch() - m_remoteAtMs < kStaleFrameMs;
}

void VideoView::takeRemote()
{
    const QImage frame = m_remoteSlot.take();
    if (frame.isNull())
        return;
    m_remote = frame;
    m_remoteAtMs = QDateTime::currentMSecsSinceEpoch();
    update();
}

void VideoView::takeLocal()
{
    const QImage frame = m_localSlot.take();
    if (frame.isNull())
        return;
    m_local = frame;
    update();
}

void VideoView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), kBackground);

    if (showsRemoteVideo()) {
        const QSize fitted = m_remote.size().scaled(size(), Qt::KeepAspectRatio);
        p.drawImage(QRect(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted), m_remote);
    } else { // the peer's avatar and name, and how the call stands
        const QPixmap avatar = Avatar::pixmap(m_userId, m_name, kAvatarSize, devicePixelRatioF());
        const int top = height() / 2 - kAvatarSize + kMargin;
        p.drawPixmap(QRect((width() - kAvatarSize) / 2, top, kAvatarSize, kAvatarSize), avatar);
        QFont nameFont = font();
        nameFont.setPointSizeF(nameFont.pointSizeF() * 1.5);
        nameFont.setBold(true);
        p.setFont(nameFont);
        p.setPen(Qt::white);
        const int nameTop = top + kAvatarSize + kMargin;
        const int nameHeight = QFontMetrics(nameFont).height();
        p.drawText(QRect(kMargin, nameTop, width() - 2 * kMargin, nameHeight), Qt::AlignCenter,
                   QFontMetrics(nameFont).elidedText(m_name, Qt::ElideRight, width() - 2 * kMargin));
        p.setFont(font());
        p.setPen(QColor(0xc8, 0xcd, 0xd4));
        p.drawText(QRect(kMargin, nameTop + nameHeight + kMargin / 2, width() - 2 * kMargin,
                         QFontMetrics(font()).height() * 2),
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_status);
    }
    if (showsRemoteVideo() && !m_status.isEmpty()) { // over the picture: the duration, or "Reconnecting…"
        const QFontMetrics metrics(font());
        const QRect box(kMargin, kMargin, metrics.horizontalAdvance(m_status) + 2 * kMargin, metrics.height() + 8);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 140));
        p.drawRoundedRect(box, kPreviewRadius, kPreviewRadius);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter, m_status);
    }

    // My camera, bottom right, rounded.
    if (m_video && m_cameraOn && !m_local.isNull()) {
        const QSize preview =
            m_local.size().scaled(QSize(std::min(kPreviewWidth, width() / 3), height() / 3), Qt::KeepAspectRatio);
        const QRect box(QPoint(width() - preview.width() - kMargin, height() - preview.height() - kMargin), preview);
        QPainterPath clip;
        clip.addRoundedRect(box, kPreviewRadius, kPreviewRadius);
        p.setClipPath(clip);
        p.drawImage(box, m_local.mirrored(true, false)); // as in a mirror, like every video call app
        p.setClipping(false);
        p.setPen(QPen(QColor(255, 255, 255, 160), 1));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(box, kPreviewRadius, kPreviewRadius);
    }
}

} // namespace parley
