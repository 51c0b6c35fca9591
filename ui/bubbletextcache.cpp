#include "ui/bubbletextcache.h"

namespace parley {

std::shared_ptr<const BubbleText> BubbleTextCache::text(qint64 localId, const QString &text, const QFont &font,
                                                        int maxWidth)
{
    if (font != m_font) {
        m_texts.clear();
        m_font = font;
    }
    Key key{localId, maxWidth, text};
    if (const std::shared_ptr<const BubbleText> *found = m_texts.object(key))
        return *found;
    auto laidOut = std::make_shared<const BubbleText>(text, font, maxWidth, m_linkColor);
    m_texts.insert(std::move(key), new std::shared_ptr<const BubbleText>(laidOut));
    return laidOut;
}

} // namespace parley
