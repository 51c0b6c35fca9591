#include "ui/mediapainter.h"

#include "protocol/contenttypes.h"
#include "protocol/errorcode.h"
#include "ui/mediathumbnails.h"
#include "ui/theme.h"

#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QUrl>

namespace parley {

namespace {

constexpr int kVoiceMinWidth = 120;
constexpr int kVoicePxPerSecond = 3;
constexpr int kVoiceMaxWidth = 280;
constexpr int kIconWidth = 40;
constexpr int kIconHeight = 48;
constexpr int kPlayDiameter = 44;
constexpr int kBarWidth = 2;
constexpr int kBarGap = 2;

using Theme::sized;

bool isPicture(const ChatMessage &m)
{
    return (m.contentType == content::kImage || m.contentType == content::kVideo) && !MediaPainter::isLink(m);
}

double fraction(const TransferInfo &t)
{
    return t.total > 0 ? std::clamp(double(t.done) / double(t.total), 0.0, 1.0) : 0.0;
}

void playTriangle(QPainter *p, const QRectF &circle, bool pause)
{
    const QPointF c = circle.center();
    const qreal r = circle.width() / 4;
    if (pause) {
        p->drawRect(QRectF(c.x() - r * 0.8, c.y() - r, r * 0.55, 2 * r));
        p->drawRect(QRectF(c.x() + r * 0.25, c.y() - r, r * 0.55, 2 * r));
        return;
    }
    QPainterPath triangle;
    triangle.moveTo(c.x() - r * 0.6, c.y() - r);
    triangle.lineTo(c.x() + r, c.y());
    triangle.lineTo(c.x() - r * 0.6, c.y() + r);
    triangle.closeSubpath();
    p->drawPath(triangle);
}

// An arrow in the middle of `circle`: what a paused transfer does when resumed (up: send, down: download).
void transferArrow(QPainter *p, const QRectF &circle, TransferInfo::Direction direction)
{
    const QPointF c = circle.center();
    const qreal r = circle.width() / 4;
    const qreal tip = direction == TransferInfo::Direction::Upload ? -r : r;
    p->drawLine(QPointF(c.x(), c.y() - tip), QPointF(c.x(), c.y() + tip));
    p->drawLine(QPointF(c.x(), c.y() + tip), QPointF(c.x() - r * 0.7, c.y() + tip * 0.3));
    p->drawLine(QPointF(c.x(), c.y() + tip), QPointF(c.x() + r * 0.7, c.y() + tip * 0.3));
}

} // namespace

QString MediaPainter::duration(int ms)
{
    const int s = std::max(0, ms) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString MediaPainter::fileStatus(const ChatMessage &m)
{
    const QLocale locale;
    const QString size = locale.formattedDataSize(qint64(m.media.size));
    if (isLink(m))
        return QUrl(m.media.remoteUrl).host(); // a click opens it
    const TransferInfo &t = m.transfer;
    switch (t.state) {
    case TransferState::Running:
    case TransferState::Queued:
        if (t.state == TransferState::Queued && t.done == 0)
            return tr("%1 · Waiting…").arg(size);
        return tr("%1 of %2").arg(locale.formattedDataSize(qint64(t.done)), size);
    case TransferState::Paused: return tr("%1 · Paused").arg(size);
    case TransferState::Failed:
        return t.direction == TransferInfo::Direction::Upload ? tr("%1 · Not sent — click to send again").arg(size)
                                                              : tr("%1 · Download failed — click to retry").arg(size);
    case TransferState::None: break;
    }
    if (!m.localPath.isEmpty())
        return size;
    return tr("%1 · Click to download").arg(size);
}

bool MediaPainter::isLink(const ChatMessage &m)
{
    return m.media.fileId.isEmpty() && !m.media.remoteUrl.isEmpty();
}

QSize MediaPainter::contentSize(const ChatMessage &m, int maxWidth)
{
    if (isLink(m))
        return {std::min(kFileWidth, maxWidth), kFileHeight};
    switch (m.contentType) {
    case content::kImage:
    case content::kVideo: return MediaThumbnails::fitted(m.media, QSize(std::min(kMaxPicture, maxWidth), kMaxPicture));
    case content::kVoice: {
        const int width = kVoiceMinWidth + kVoicePxPerSecond * (m.media.durationMs / 1000);
        return {std::min({width, kVoiceMaxWidth, maxWidth}), kVoiceHeight};
    }
    default: return {std::min(kFileWidth, maxWidth), kFileHeight};
    }
}

void MediaPainter::paint(QPainter *p, const QRect &content, const ChatMessage &m, MediaThumbnails &thumbnails,
                         const Playback &playback)
{
    p->save();
    if (isPicture(m))
        paintPicture(p, content, m, thumbnails);
    else if (m.contentType == content::kVoice)
        paintVoice(p, content, m, playback);
    else
        paintFile(p, content, m);
    p->restore();
}

void MediaPainter::paintPicture(QPainter *p, const QRect &content, const ChatMessage &m, MediaThumbnails &thumbnails)
{
    QPainterPath clip;
    clip.addRoundedRect(content, Theme::kBubbleRadius - 2, Theme::kBubbleRadius - 2);
    p->setClipPath(clip);
    const qreal dpr = p->device()->devicePixelRatioF();
    const QSize pixels = (QSizeF(content.size()) * dpr).toSize();
    QPixmap shown;
    if (m.contentType == content::kImage && !m.localPath.isEmpty())
        shown = thumbnails.picture(m.localPath, pixels);
    if (shown.isNull()) {
        shown = thumbnails.preview(m.media, pixels);
        p->setRenderHint(QPainter::SmoothPixmapTransform); // the small preview, scaled up soft
    }
    if (shown.isNull())
        p->fillRect(content, QColor(0xdd, 0xe1, 0xe6));
    else
        p->drawPixmap(content, shown);

    const bool active = m.transfer.isActive();
    if (m.contentType == content::kVideo) {
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(0, 0, 0, 110));
        const QRectF circle(content.center().x() - kPlayDiameter / 2.0, content.center().y() - kPlayDiameter / 2.0,
                            kPlayDiameter, kPlayDiameter);
        if (!active) {
            p->drawEllipse(circle);
            p->setBrush(Qt::white);
            playTriangle(p, circle, false);
        }
        if (m.media.durationMs > 0) { // unknown for some recordings: no "0:00"
            const QString length = duration(m.media.durationMs);
            p->setFont(sized(p->font(), 11));
            const QRect label = p->fontMetrics().boundingRect(length).adjusted(-5, -2, 5, 2);
            const QRect at(content.right() - label.width() - 6, content.bottom() - label.height() - 6, label.width(),
                           label.height());
            p->setBrush(QColor(0, 0, 0, 130));
            p->drawRoundedRect(at, 4, 4);
            p->setPen(Qt::white);
            p->drawText(at, Qt::AlignCenter, length);
        }
    }
    if (m.transfer.isUnderway())
        paintProgress(p, content, m);
    else if (m.transfer.state == TransferState::Failed) {
        p->fillRect(content, QColor(0, 0, 0, 90));
        p->setPen(Qt::white);
        p->setFont(sized(p->font(), 12));
        p->drawText(content, Qt::AlignCenter | Qt::TextWordWrap,
                    m.transfer.direction == TransferInfo::Direction::Upload ? tr("Not sent — click to send again")
                                                                            : tr("Click to retry"));
    }
}

void MediaPainter::paintProgress(QPainter *p, const QRect &area, const ChatMessage &m)
{
    // A dimmed picture with a ring that fills, and a cross to cancel (an arrow to go on, when paused).
    p->fillRect(area, QColor(0, 0, 0, 90));
    const QRectF ring(area.center().x() - kPlayDiameter / 2.0, area.center().y() - kPlayDiameter / 2.0, kPlayDiameter,
                      kPlayDiameter);
    p->setBrush(Qt::NoBrush);
    p->setPen(QPen(QColor(255, 255, 255, 90), 3));
    p->drawEllipse(ring);
    p->setPen(QPen(Qt::white, 3, Qt::SolidLine, Qt::RoundCap));
    p->drawArc(ring, 90 * 16, -int(360 * 16 * fraction(m.transfer)));
    p->setPen(QPen(Qt::white, 2, Qt::SolidLine, Qt::RoundCap));
    if (m.transfer.state == TransferState::Paused) {
        transferArrow(p, ring, m.transfer.direction);
        return;
    }
    const qreal x = kPlayDiameter / 7.0;
    p->drawLine(ring.center() + QPointF(-x, -x), ring.center() + QPointF(x, x));
    p->drawLine(ring.center() + QPointF(-x, x), ring.center() + QPointF(x, -x));
}

QRect MediaPainter::cancelRect(const QRect &content)
{
    return {content.right() - 22, content.top() + 4, 18, 18};
}

QRect MediaPainter::iconRect(const QRect &content)
{
    return {content.left(), content.top() + (content.height() - kIconHeight) / 2, kIconWidth, kIconHeight};
}

QRect MediaPainter::folderRect(const QRect &content)
{
    return {content.left() + kIconWidth + 10, content.top() + 44, content.width() - kIconWidth - 10, 18};
}

void MediaPainter::paintFile(QPainter *p, const QRect &content, const ChatMessage &m)
{
    const QRect icon = iconRect(content);
    const bool moving = m.transfer.isUnderway();
    if (moving) {
        // While it moves, the page is a button: pause, or (paused) go on.
        const QRectF button(icon.left(), icon.center().y() - kIconWidth / 2.0, kIconWidth, kIconWidth);
        p->setPen(Qt::NoPen);
        p->setBrush(Theme::kAccent);
        p->drawEllipse(button);
        if (m.transfer.state == TransferState::Paused) {
            p->setPen(QPen(Qt::white, 2, Qt::SolidLine, Qt::RoundCap));
            transferArrow(p, button, m.transfer.direction);
        } else {
            p->setBrush(Qt::white);
            playTriangle(p, button, true);
        }
    }
    // A page with its folded corner and the file's extension.
    QPainterPath page;
    page.moveTo(icon.topLeft());
    page.lineTo(icon.right() - 12, icon.top());
    page.lineTo(icon.right(), icon.top() + 12);
    page.lineTo(icon.bottomRight());
    page.lineTo(icon.bottomLeft());
    page.closeSubpath();
    if (!moving) {
        p->setPen(Qt::NoPen);
        p->setBrush(Theme::kAccent);
        p->drawPath(page);
        p->setBrush(QColor(255, 255, 255, 120));
        QPainterPath fold;
        fold.moveTo(icon.right() - 12, icon.top());
        fold.lineTo(icon.right() - 12, icon.top() + 12);
        fold.lineTo(icon.right(), icon.top() + 12);
        fold.closeSubpath();
        p->drawPath(fold);
        const QString extension =
            isLink(m) ? QStringLiteral("URL") : QFileInfo(m.media.fileName).suffix().left(4).toUpper();
        p->setPen(Qt::white);
        p->setFont(sized(p->font(), 10, true));
        p->drawText(icon.adjusted(0, 16, 0, 0), Qt::AlignHCenter | Qt::AlignVCenter, extension);
    }

    const int textLeft = icon.right() + 10;
    const int textWidth = content.right() - textLeft - (moving ? 24 : 0);
    p->setFont(sized(p->font(), 14));
    p->setPen(Theme::kText);
    const QString name = isLink(m)                    ? tr("Picture on the web")
                         : m.media.fileName.isEmpty() ? tr("File")
                                                      : m.media.fileName;
    p->drawText(QRect(textLeft, content.top() + 2, textWidth, 20), Qt::AlignLeft | Qt::AlignVCenter,
                p->fontMetrics().elidedText(name, Qt::ElideMiddle, textWidth));
    p->setFont(sized(p->font(), 12));
    p->setPen(m.transfer.state == TransferState::Failed ? Theme::kFailed : Theme::kSecondaryText);
    p->drawText(QRect(textLeft, content.top() + 22, textWidth, 18), Qt::AlignLeft | Qt::AlignVCenter,
                p->fontMetrics().elidedText(fileStatus(m), Qt::ElideRight, textWidth));

    if (moving) {
        const QRect bar(textLeft, content.top() + 48, content.right() - textLeft, 4);
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(0, 0, 0, 25));
        p->drawRoundedRect(bar, 2, 2);
        p->setBrush(Theme::kAccent);
        p->drawRoundedRect(QRect(bar.topLeft(), QSize(int(bar.width() * fraction(m.transfer)), bar.height())), 2, 2);
        const QRect cancel = cancelRect(content);
        p->setPen(QPen(Theme::kSecondaryText, 1.6, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(cancel.topLeft() + QPoint(4, 4), cancel.bottomRight() - QPoint(4, 4));
        p->drawLine(cancel.bottomLeft() + QPoint(4, -4), cancel.topRight() + QPoint(-4, 4));
    } else if (!m.localPath.isEmpty()) {
        p->setPen(Theme::kAccent);
        p->drawText(folderRect(content), Qt::AlignLeft | Qt::AlignVCenter, tr("Open · Show in folder"));
    }
}

void MediaPainter::paintVoice(QPainter *p, const QRect &content, const ChatMessage &m, const Playback &playback)
{
    const QRectF circle(content.left(), content.top() + (content.height() - 30) / 2.0, 30, 30);
    p->setPen(Qt::NoPen);
    p->setBrush(Theme::kAccent);
    p->drawEllipse(circle);
    p->setBrush(Qt::white);
    playTriangle(p, circle, playback.playing);

    p->setFont(sized(p->font(), 12));
    const QString length = duration(playback.playing ? int(playback.positionMs) : m.media.durationMs);
    const int labelWidth = p->fontMetrics().horizontalAdvance(QStringLiteral("00:00"));
    const QRect label(content.right() - labelWidth, content.top(), labelWidth, content.height());
    p->setPen(Theme::kSecondaryText);
    p->drawText(label, Qt::AlignRight | Qt::AlignVCenter, length);

    // The waveform, played part in the accent colour.
    const int left = int(circle.right()) + 8;
    const int right = label.left() - 8;
    const int bars = std::max(1, (right - left) / (kBarWidth + kBarGap));
    const double played =
        playback.playing && m.media.durationMs > 0 ? double(playback.positionMs) / double(m.media.durationMs) : 0.0;
    const QByteArray &levels = m.media.waveform;
    const int middle = content.center().y();
    for (int i = 0; i < bars; ++i) {
        const int level = levels.isEmpty() ? 40 : quint8(levels.at(int(qint64(i) * levels.size() / bars)));
        const int h = std::max(3, level * (content.height() - 10) / 255);
        p->setBrush(double(i) / bars < played ? Theme::kAccent : Theme::kSecondaryText);
        p->drawRoundedRect(QRect(left + i * (kBarWidth + kBarGap), middle - h / 2, kBarWidth, h), 1, 1);
    }
    if (m.transfer.isUnderway()) {
        p->setPen(Theme::kSecondaryText);
        const int percent = int(100 * fraction(m.transfer));
        p->drawText(content, Qt::AlignCenter,
                    m.transfer.state == TransferState::Paused ? tr("%1% · Paused").arg(percent)
                                                              : tr("%1%").arg(percent));
    }
}

MediaPainter::Action MediaPainter::actionAt(const QRect &content, const ChatMessage &m, const QPoint &point)
{
    if (!content.contains(point))
        return Action::None;
    if (isLink(m))
        return Action::OpenLink;
    const bool moving = m.transfer.isUnderway();
    if (m.transfer.state == TransferState::Failed) // "Not sent" or "Download failed": a click tries again
        return Action::Retry;
    // A paused picture or voice message goes on with a click; a moving one stops (pausing it is in its menu).
    const Action stopOrGoOn = m.transfer.state == TransferState::Paused ? Action::Resume : Action::Cancel;
    if (m.contentType == content::kVoice)
        return moving ? stopOrGoOn : Action::Play;
    if (isPicture(m)) {
        if (moving)
            return stopOrGoOn;
        return m.localPath.isEmpty() ? Action::Download : Action::Open;
    }
    if (moving) {
        if (cancelRect(content).adjusted(-4, -4, 4, 4).contains(point))
            return Action::Cancel;
        if (iconRect(content).contains(point))
            return m.transfer.state == TransferState::Paused ? Action::Resume : Action::Pause;
        return Action::None;
    }
    if (m.localPath.isEmpty())
        return Action::Download;
    const QRect folder = folderRect(content);
    const int openWidth = QFontMetrics(sized(QFont(), 12)).horizontalAdvance(tr("Open · "));
    if (folder.contains(point) && point.x() > folder.left() + openWidth)
        return Action::ShowInFolder;
    return Action::Open;
}

} // namespace parley
