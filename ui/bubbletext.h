#pragma once

#include "core/models/linkfinder.h"

#include <QFont>
#include <QSize>
#include <QTextLayout>

class QPainter;

namespace parley {

// A text message's words as its bubble shows them: wrapped at word boundaries (inside a word only when the
// word alone is wider than the bubble), with web and e-mail addresses in the link colour, underlined. It
// measures itself, paints, and says which link is under a point. GUI thread.
class BubbleText {
public:
    BubbleText(const QString &text, const QFont &font, int maxWidth, const QColor &linkColor);
    BubbleText(const BubbleText &) = delete;
    BubbleText &operator=(const BubbleText &) = delete;

    QSize size() const { return m_size; }
    // Drawn with the painter's pen, its top-left corner at `topLeft`.
    void paint(QPainter *painter, const QPoint &topLeft) const;
    // The link under `point` (relative to the text's top-left corner); empty when there is none.
    QUrl linkAt(const QPoint &point) const;
    // Each line's text as wrapped (a line break in the text is U+2028 here).
    QStringList lines() const;

private:
    QTextLayout m_layout;
    QList<LinkFinder::Link> m_links;
    QSize m_size;
};

} // namespace parley
