#include "ui/chiplabels.h"

#include <QFontMetrics>
#include <QPaintDevice>
#include <QPainter>

#include <cmath>

namespace parley {

namespace {
// Room around the chip for ink past it (a glyph wider than its advance), as drawText does not clip.
constexpr int kOverhang = 4;
} // namespace

void ChipLabels::use(const QFont &font)
{
    if (font == m_font && m_widths.size() < kMaxLabels)
        return;
    m_widths.clear();
    m_pixmaps.clear();
    m_font = font;
}

int ChipLabels::width(const QString &label, const QFont &font)
{
    use(font);
    auto it = m_widths.find(label);
    if (it == m_widths.end())
        it = m_widths.insert(label, QFontMetrics(font).horizontalAdvance(label));
    return *it;
}

void ChipLabels::paint(QPainter *painter, const QRect &rect, const QString &label, const QFont &font,
                       const QColor &color)
{
    use(font);
    const qreal ratio = painter->device()->devicePixelRatioF();
    const QString key = QStringLiteral("%1\x1f%2\x1f%3x%4\x1f%5")
                            .arg(label, color.name(QColor::HexArgb))
                            .arg(rect.width())
                            .arg(rect.height())
                            .arg(ratio);
    QPixmap *pixmap = m_pixmaps.object(key);
    if (!pixmap) {
        const QSize logical = rect.size() + QSize(2 * kOverhang, 2 * kOverhang);
        pixmap = new QPixmap(QSize(int(std::ceil(logical.width() * ratio)), int(std::ceil(logical.height() * ratio))));
        pixmap->setDevicePixelRatio(ratio);
        pixmap->fill(Qt::transparent);
        QPainter into(pixmap);
        into.setRenderHints(painter->renderHints());
        into.setFont(font);
        into.setPen(color);
        into.drawText(QRect(QPoint(kOverhang, kOverhang), rect.size()), Qt::AlignCenter, label);
        into.end();
        m_pixmaps.insert(key, pixmap);
    }
    // One to one from the pixmap's own ratio: no scaling, as drawText draws at the device's resolution.
    painter->drawPixmap(QPointF(rect.topLeft() - QPoint(kOverhang, kOverhang)), *pixmap);
}

} // namespace parley
