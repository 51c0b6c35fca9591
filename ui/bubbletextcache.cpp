#include "ui/bubbletextcache.h"

namespace parley {

std::shared_ptr<const BubbleText> BubbleTextCache::text(const QString &text, const QFont &font, int maxWidth)
{
    if (font != m_font) {
        m_texts.clear();
        m_font = font;
    }
    Key key{maxWidth, text};
    if (const std::shared_ptr<const BubbleText> *found = m_texts.object(key))
        return *found;
    auto laidOut = std::make_shared<const BubbleText>(text, font, maxWidth, m_linkColor);
    // A text longer than the whole budget is not kept (QCache refuses it) and is laid out at each use.
    m_texts.insert(std::move(key), new std::shared_ptr<const BubbleText>(laidOut), kCostPerText + text.size());
    return laidOut;
}

} // namespace parley
