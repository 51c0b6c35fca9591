#pragma once

#include "core/types/chatmessage.h"

#include <QCoreApplication>
#include <QFont>
#include <QRect>
#include <QSize>

class QPainter;

namespace parley {

// A forwarded chat history as its bubble shows it: the title, the first few messages as "Name: text", and
// "Chat history" under a line; a click opens it (ChatHistoryViewer). GUI thread.
class HistoryCard {
    Q_DECLARE_TR_FUNCTIONS(HistoryCard)

public:
    static constexpr int kWidth = 260;     // at most; less where the bubble may not be so wide
    static constexpr int kPreviewLines = 4; // messages shown on the card

    static QSize size(const ChatMessage &message, int maxWidth);
    static void paint(QPainter *painter, const QRect &rect, const ChatMessage &message, const QFont &font);
    // The card's title: the history's own, or "Chat history" when it has none.
    static QString title(const ChatHistory &history);
};

} // namespace parley
