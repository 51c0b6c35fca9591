#pragma once

#include "ui/bubbletext.h"

#include <QCache>
#include <QColor>
#include <QFont>
#include <QString>

#include <memory>

namespace parley {

// The laid-out texts of the messages shown lately. A row is laid out for its size hint and again for each
// paint, and laying out a text (shaping, line breaking) is most of a frame's work while scrolling; here it
// is done once per text and width. An edit (another text) or a resize (another width) is a new entry; the
// least recently used go first, counted in characters plus what a layout costs of its own, so a chat of long
// messages keeps fewer. GUI thread.
class BubbleTextCache {
public:
    // What a laid-out text costs besides its characters, counted as characters (a QTextLayout's engine, a
    // line, the formats: a few KB).
    static constexpr qsizetype kCostPerText = 100;
    // About 1,000 short messages (three of the chat view's windows of 300 rows) or 100,000 characters: a few
    // MB of laid-out glyphs.
    static constexpr qsizetype kMaxCost = 100'000;

    explicit BubbleTextCache(const QColor &linkColor, qsizetype maxCost = kMaxCost)
        : m_linkColor(linkColor), m_texts(maxCost)
    {
    }

    // `text` laid out in `font` within `maxWidth`.
    std::shared_ptr<const BubbleText> text(const QString &text, const QFont &font, int maxWidth);

private:
    struct Key {
        int maxWidth = 0;
        QString text;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0) { return qHashMulti(seed, key.maxWidth, key.text); }
    };

    QColor m_linkColor;
    QFont m_font; // what the entries were laid out in; another font empties the cache
    QCache<Key, std::shared_ptr<const BubbleText>> m_texts;
};

} // namespace parley
