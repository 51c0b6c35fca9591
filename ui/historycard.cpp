#include "ui/historycard.h"

#include "ui/messagetext.h"
#include "ui/theme.h"

#include <QPainter>

namespace parley {

namespace {

constexpr int kTitleLine = 22;
constexpr int kPreviewLine = 18;
constexpr int kFooter = 24; // the line and "Chat history" under it
constexpr int kTitlePixels = 14;
constexpr int kPreviewPixels = 12;

int previewLines(const ChatMessage &message)
{
    return int(std::min<qsizetype>(message.history.items.size(), HistoryCard::kPreviewLines));
}

} // namespace

QString HistoryCard::title(const ChatHistory &history)
{
    return history.title.isEmpty() ? tr("Chat history") : history.title;
}

QSize HistoryCard::size(const ChatMessage &message, int maxWidth)
{
    return {std::min(kWidth, maxWidth), kTitleLine + previewLines(message) * kPreviewLine + kFooter};
}

void HistoryCard::paint(QPainter *p, const QRect &rect, const ChatMessage &message, const QFont &font)
{
    p->save();
    QFont bold = Theme::sized(font, kTitlePixels);
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(Theme::kText);
    const QRect titleLine(rect.left(), rect.top(), rect.width(), kTitleLine);
    p->drawText(titleLine, Qt::AlignLeft | Qt::AlignTop,
                QFontMetrics(bold).elidedText(title(message.history), Qt::ElideRight, rect.width()));
    const QFont small = Theme::sized(font, kPreviewPixels);
    const QFontMetrics metrics(small);
    p->setFont(small);
    p->setPen(Theme::kSecondaryText);
    int y = titleLine.bottom() + 1;
    for (int i = 0; i < previewLines(message); ++i) {
        const ForwardedItem &item = message.history.items.at(i);
        const QString line = tr("%1: %2").arg(item.senderName, MessageText::forwarded(item));
        p->drawText(QRect(rect.left(), y, rect.width(), kPreviewLine), Qt::AlignLeft | Qt::AlignVCenter,
                    metrics.elidedText(line, Qt::ElideRight, rect.width()));
        y += kPreviewLine;
    }
    p->setPen(QPen(Theme::kChipBorder, 1));
    p->drawLine(rect.left(), y + 4, rect.right(), y + 4);
    p->setPen(Theme::kSecondaryText);
    p->drawText(QRect(rect.left(), y + 6, rect.width(), kFooter - 6), Qt::AlignLeft | Qt::AlignVCenter,
                tr("Chat history"));
    p->restore();
}

} // namespace parley
