#include "ui/squarecropper.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

namespace parley {

namespace {
constexpr double kWheelStep = 1.1; // zoom per wheel notch
constexpr int kWheelNotch = 120;
} // namespace

SquareCropper::SquareCropper(QWidget *parent) : QWidget(parent)
{
    setCursor(Qt::OpenHandCursor);
    setMinimumSize(200, 200);
}

QImage SquareCropper::previewOf(const QImage &image)
{
    return std::max(image.width(), image.height()) > kPreviewPixels
               ? image.scaled(kPreviewPixels, kPreviewPixels, Qt::KeepAspectRatio, Qt::SmoothTransformation)
               : image;
}

void SquareCropper::setImage(const QImage &image, const QImage &preview)
{
    m_image = image;
    m_preview = QPixmap::fromImage(preview.isNull() ? previewOf(image) : preview);
    m_zoom = 1.0;
    m_center = QPointF(image.width() / 2.0, image.height() / 2.0);
    Q_EMIT zoomChanged(m_zoom);
    update();
}

void SquareCropper::setZoom(double zoom)
{
    zoom = std::clamp(zoom, 1.0, kMaxZoom);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    clampCenter();
    Q_EMIT zoomChanged(m_zoom);
    update();
}

void SquareCropper::setCenter(QPointF center)
{
    m_center = center;
    clampCenter();
    update();
}

QRectF SquareCropper::square() const
{
    const double side = std::min(width(), height()) - 2 * kMargin;
    return QRectF((width() - side) / 2, (height() - side) / 2, side, side);
}

double SquareCropper::scale() const
{
    const int shorter = std::min(m_image.width(), m_image.height());
    return shorter > 0 ? square().width() / shorter * m_zoom : 1.0;
}

QRectF SquareCropper::selection() const
{
    if (m_image.isNull())
        return {};
    const double side = std::min(m_image.width(), m_image.height()) / m_zoom;
    return QRectF(m_center.x() - side / 2, m_center.y() - side / 2, side, side);
}

QImage SquareCropper::cropped() const
{
    return m_image.isNull() ? QImage() : m_image.copy(selection().toAlignedRect() & m_image.rect());
}

void SquareCropper::clampCenter()
{
    const double half = std::min(m_image.width(), m_image.height()) / m_zoom / 2;
    m_center.setX(std::clamp(m_center.x(), half, m_image.width() - half));
    m_center.setY(std::clamp(m_center.y(), half, m_image.height() - half));
}

void SquareCropper::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x20, 0x22, 0x26));
    if (m_image.isNull())
        return;
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF sq = square();
    const double s = scale();
    const QRectF target(sq.center().x() - m_center.x() * s, sq.center().y() - m_center.y() * s, m_image.width() * s,
                        m_image.height() * s);
    p.drawPixmap(target, m_preview, m_preview.rect());
    // Dim what will be left out, and outline the round avatar it becomes.
    QPainterPath outside;
    outside.addRect(rect());
    QPainterPath circle;
    circle.addEllipse(sq);
    p.fillPath(outside.subtracted(circle), QColor(0, 0, 0, 140));
    p.setPen(QPen(QColor(255, 255, 255, 200), 1.5));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(sq);
    p.setPen(QPen(QColor(255, 255, 255, 90), 1));
    p.drawRect(sq);
}

void SquareCropper::mousePressEvent(QMouseEvent *event)
{
    m_dragFrom = event->position();
    setCursor(Qt::ClosedHandCursor);
}

void SquareCropper::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPointF delta = event->position() - m_dragFrom;
    m_dragFrom = event->position();
    setCenter(m_center - delta / scale());
}

void SquareCropper::mouseReleaseEvent(QMouseEvent *)
{
    setCursor(Qt::OpenHandCursor);
}

void SquareCropper::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / double(kWheelNotch);
    setZoom(m_zoom * std::pow(kWheelStep, notches));
    event->accept();
}

} // namespace parley
