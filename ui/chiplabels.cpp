#include "ui/chiplabels.h"

#include <QFontMetrics>
#include <QPaintDevice>
#include <QPainter>

#include <cmath>

namespace parley {

void ChipLabels::use(const QFont &font)
{
    if (font == m_font && m_widths.size() + m_pixmaps.size() < 2 * kMaxLabels)
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
    const QString key = label + u'\x1f' + color.name(QColor::HexArgb) + u'\x1f' + QString::number(ratio);
    auto it = m_pixmaps.find(key);
    if (it == m_pixmaps.end()) {
        const QSize size(width(label, font), QFontMetrics(font).height());
        QPixmap pixmap(QSize(int(std::ceil(size.width() * ratio)), int(std::ceil(size.height() * ratio))));
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter into(&pixmap);
        into.setRenderHints(painter->renderHints());
        into.setFont(font);
        into.setPen(color);
        into.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, label);
        into.end();
        it = m_pixmaps.insert(key, pixmap);
    }
    const QSize logical = (QSizeF(it->size()) / ratio).toSize();
    const QPoint topLeft(rect.left() + (rect.width() - logical.width()) / 2,
                         rect.top() + (rect.height() - logical.height()) / 2);
    painter->drawPixmap(QRect(topLeft, logical), *it);
}

} // namespace parley
