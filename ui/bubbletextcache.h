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
// least recently used go first, counted in characters, so a chat of long messages keeps fewer. GUI thread.
class BubbleTextCache {
public:
    // About 4,000 lines of 100 characters: over three of the chat view's windows of 300 rows of usual
    // messages, and a few tens of MB of laid-out glyphs at the most.
    static constexpr qsizetype kMaxCharacters = 400'000;

    explicit BubbleTextCache(const QColor &linkColor, qsizetype maxCharacters = kMaxCharacters)
        : m_linkColor(linkColor), m_texts(maxCharacters)
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
