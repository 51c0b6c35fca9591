#pragma once

#include <QCache>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QPixmap>
#include <QString>

class QPainter;

namespace parley {

// The labels of reaction chips ("👍 2"), measured and drawn once each. Colour emoji come from bitmap fonts
// whose glyphs Qt decodes from PNG at every draw, which made the chips most of a scrolling frame's cost;
// here each label is measured once and drawn, as drawText would draw it centred in its chip, into a pixmap
// of the chip's size once per colour and pixel ratio. GUI thread.
class ChipLabels {
public:
    static constexpr int kMaxLabels = 256; // six emoji times the counts on screen, with room to spare

    // The label's width in `font`.
    int width(const QString &label, const QFont &font);
    // The label centred in `rect` (no clipping to it), in `font` and `color`.
    void paint(QPainter *painter, const QRect &rect, const QString &label, const QFont &font, const QColor &color);

private:
    // Entries are for one font; another font empties both.
    void use(const QFont &font);

    QFont m_font;
    QHash<QString, int> m_widths;
    QCache<QString, QPixmap> m_pixmaps{kMaxLabels}; // by label, colour, size and pixel ratio
};

} // namespace parley
