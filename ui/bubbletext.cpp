#include "ui/bubbletext.h"

#include <QPainter>
#include <QTextOption>

#include <cmath>

namespace parley {

BubbleText::BubbleText(const QString &text, const QFont &font, int maxWidth, const QColor &linkColor)
    // QTextLayout breaks lines at U+2028 only; the same length, so the links' offsets hold.
    : m_layout(QString(text).replace(u'\n', QChar::LineSeparator), font), m_links(LinkFinder::find(text))
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_layout.setTextOption(option);
    if (!m_links.isEmpty()) {
        QList<QTextLayout::FormatRange> formats;
        for (const LinkFinder::Link &link : std::as_const(m_links)) {
            QTextLayout::FormatRange range;
            range.start = int(link.start);
            range.length = int(link.length);
            range.format.setForeground(linkColor);
            range.format.setFontUnderline(true);
            formats.append(range);
        }
        m_layout.setFormats(formats);
    }
    m_layout.setCacheEnabled(true);
    qreal height = 0, width = 0;
    m_layout.beginLayout();
    for (QTextLine line = m_layout.createLine(); line.isValid(); line = m_layout.createLine()) {
        line.setLineWidth(maxWidth);
        line.setPosition(QPointF(0, height));
        height += line.height();
        width = std::max(width, line.naturalTextWidth());
    }
    m_layout.endLayout();
    m_size = QSize(int(std::ceil(std::min<qreal>(width, maxWidth))), int(std::ceil(height)));
}

void BubbleText::paint(QPainter *painter, const QPoint &topLeft) const
{
    m_layout.draw(painter, topLeft);
}

QUrl BubbleText::linkAt(const QPoint &point) const
{
    if (m_links.isEmpty())
        return {};
    for (int i = 0; i < m_layout.lineCount(); ++i) {
        const QTextLine line = m_layout.lineAt(i);
        if (point.y() < line.y() || point.y() >= line.y() + line.height())
            continue;
        if (point.x() < line.x() || point.x() > line.x() + line.naturalTextWidth())
            return {};
        const int at = line.xToCursor(point.x(), QTextLine::CursorOnCharacter);
        for (const LinkFinder::Link &link : m_links) {
            if (at >= link.start && at < link.start + link.length)
                return link.url;
        }
        return {};
    }
    return {};
}

QStringList BubbleText::lines() const
{
    QStringList lines;
    for (int i = 0; i < m_layout.lineCount(); ++i) {
        const QTextLine line = m_layout.lineAt(i);
        lines.append(m_layout.text().mid(line.textStart(), line.textLength()));
    }
    return lines;
}

} // namespace parley
