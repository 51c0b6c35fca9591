#include "ui/messagedelegate.h"

#include "core/models/messagelistmodel.h"
#include "core/models/namebook.h"
#include "core/types/chatmessage.h"
#include "protocol/contenttypes.h"
#include "ui/avatar.h"
#include "ui/bubbletext.h"
#include "ui/historycard.h"
#include "ui/mediathumbnails.h"
#include "ui/messagetext.h"
#include "ui/theme.h"
#include "ui/timetext.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QPainter>
#include <QPlainTextEdit>

#include <memory>

namespace parley {

namespace {

constexpr int kSide = 14;         // space between the view's edge and an avatar
constexpr int kAvatarGap = 8;     // between avatar and bubble
constexpr int kRowGap = 6;        // between messages
constexpr int kSeparator = 30;    // height of a time line
constexpr int kNameHeight = 18;   // a sender's name above a group bubble
constexpr int kStatusHeight = 16; // my message's state under it
constexpr int kNoticeHeight = 28;
constexpr int kUnreadLineHeight = 30;
constexpr int kTextPixels = 14;
constexpr int kSmallPixels = 11;
constexpr int kPicturePadding = 3; // a picture's bubble is a thin frame
// A reply's quote, at the top of its bubble: a bar, the original's sender and one line of it.
constexpr int kQuoteLine = 17;
constexpr int kQuotePadding = 4;
constexpr int kQuoteBar = 3;
constexpr int kQuoteIndent = 8; // text from the quote's left edge, past the bar
constexpr int kQuoteHeight = 2 * kQuoteLine + 2 * kQuotePadding;
constexpr int kQuoteGap = 6; // between the quote and the reply's text
constexpr int kQuoteDarkerPercent = 106; // the quote's box on the bubble's colour
// Reactions, under the bubble: a chip per emoji with its count.
constexpr int kChipHeight = 22;
constexpr int kChipGap = 4;
constexpr int kChipPadding = 7;
constexpr int kReactionRow = kChipHeight + 2 * kChipGap;

using Theme::sized;

} // namespace

struct MessageDelegate::Layout {
    ChatMessage message;
    bool separator = false;
    bool unreadLine = false; // "Unread messages" above it
    int contentTop = 0;      // under the separator and the unread line
    bool notice = false;
    bool showName = false;
    bool showStatus = false;
    bool media = false;
    bool history = false; // a forwarded chat history's card
    QString noticeText;
    std::shared_ptr<const BubbleText> text; // a text message's words, laid out
    QRect textRect; // the text inside the bubble, relative to the row's top-left
    QRect quote;    // a reply's quote inside the bubble, relative to the row's top-left
    QString quoteName;
    QString quoteLine;
    QRect bubble;
    QList<std::pair<QRect, Reaction>> chips; // under the bubble, relative to the row's top-left
    int statusTop = 0;
    int height = 0;
};

MessageDelegate::MessageDelegate(NameBook &names, MediaThumbnails &thumbnails, PlaybackOf playback, QObject *parent)
    : QStyledItemDelegate(parent),
      m_names(names),
      m_thumbnails(thumbnails),
      m_playback(std::move(playback)),
      m_texts(Theme::kAccent)
{
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Layout l;
    l.message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
    const QModelIndex previous = index.sibling(index.row() - 1, 0);
    const qint64 previousMs =
        previous.isValid() ? previous.data(MessageListModel::MessageRole).value<ChatMessage>().timestampMs : 0;
    l.separator = !previous.isValid() || l.message.timestampMs - previousMs > kSeparatorGapMs;
    int y = l.separator ? kSeparator : 0;
    l.unreadLine = index.data(MessageListModel::FirstUnreadRole).toBool();
    if (l.unreadLine)
        y += kUnreadLineHeight;
    l.contentTop = y;
    l.noticeText = MessageText::notice(l.message, m_names);
    if (!l.noticeText.isEmpty()) {
        l.notice = true;
        l.height = y + kNoticeHeight;
        return l;
    }
    const bool group = l.message.conversation.type == ConversationKey::Type::Group;
    l.showName = group && !l.message.outgoing;
    l.showStatus = l.message.outgoing || l.message.isEdited(); // others' messages: "Edited"
    if (l.showName)
        y += kNameHeight;

    const int width = option.rect.width();
    const int maxText = std::max(80, width * Theme::kBubbleMaxWidthPercent / 100 - 2 * Theme::kBubblePadding);
    l.media = l.message.isMedia();
    // Pictures nearly fill their bubble; everything else sits in the usual padding.
    const bool picture = l.media &&
                         (l.message.contentType == content::kImage || l.message.contentType == content::kVideo) &&
                         !MediaPainter::isLink(l.message);
    const int padding = picture ? kPicturePadding : Theme::kBubblePadding;
    QRect text;
    l.history = l.message.isChatHistory();
    if (l.media) {
        text = QRect(QPoint(0, 0), MediaPainter::contentSize(l.message, maxText));
    } else if (l.history) {
        text = QRect(QPoint(0, 0), HistoryCard::size(l.message, maxText));
    } else {
        l.text = m_texts.text(l.message.text, sized(option.font, kTextPixels), maxText);
        text = QRect(QPoint(0, 0), l.text->size());
    }
    int quoteHeight = 0;
    if (l.text && !l.message.quote.isEmpty()) {
        l.quoteName = m_names.userName(l.message.quote.sender);
        l.quoteLine = MessageText::quoted(l.message.quote);
        QFont bold = sized(option.font, 12);
        bold.setBold(true);
        const int natural = kQuoteIndent + kQuotePadding +
                            std::max(QFontMetrics(bold).horizontalAdvance(l.quoteName),
                                     QFontMetrics(sized(option.font, 12)).horizontalAdvance(l.quoteLine));
        text.setWidth(std::max(text.width(), std::min(natural, maxText)));
        quoteHeight = kQuoteHeight + kQuoteGap;
    }
    const int bubbleWidth = text.width() + 2 * padding;
    const int bubbleHeight = std::max(Theme::kChatAvatar, quoteHeight + text.height() + 2 * padding);
    const int left = l.message.outgoing ? width - kSide - Theme::kChatAvatar - kAvatarGap - bubbleWidth
                                        : kSide + Theme::kChatAvatar + kAvatarGap;
    l.bubble = QRect(left, y, bubbleWidth, bubbleHeight);
    l.textRect = l.bubble.adjusted(padding, padding + quoteHeight, -padding, -padding);
    if (quoteHeight > 0)
        l.quote = QRect(l.bubble.left() + padding, l.bubble.top() + padding, text.width(), kQuoteHeight);
    int below = l.bubble.bottom() + 1;
    if (!l.message.reactions.isEmpty()) {
        const QFont small = sized(option.font, 12);
        QList<int> widths;
        int total = -kChipGap;
        for (const Reaction &r : std::as_const(l.message.reactions)) {
            widths.append(m_chipLabels.width(chipText(r), small) + 2 * kChipPadding);
            total += widths.last() + kChipGap;
        }
        int x = l.message.outgoing ? l.bubble.right() + 1 - total : l.bubble.left();
        for (qsizetype i = 0; i < l.message.reactions.size(); ++i) {
            l.chips.append({QRect(x, below + kChipGap, widths[i], kChipHeight), l.message.reactions[i]});
            x += widths[i] + kChipGap;
        }
        below += kReactionRow;
    }
    l.statusTop = below + 1;
    l.height = below + (l.showStatus ? kStatusHeight : 0) + kRowGap;
    return l;
}

QString MessageDelegate::chipText(const Reaction &reaction)
{
    return QStringLiteral("%1 %2").arg(reaction.emoji).arg(reaction.users.size());
}

QWidget *MessageDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    const auto message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
    if (message.isMedia() || message.isChatHistory())
        return nullptr; // nothing to select in a picture, a file or a chat history's card
    auto *text = new QPlainTextEdit(parent);
    text->setObjectName(QStringLiteral("selectableText"));
    text->setReadOnly(true);
    text->setFrameShape(QFrame::NoFrame);
    text->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    text->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    text->document()->setDocumentMargin(0);
    text->setFont(sized(option.font, kTextPixels));
    text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return text;
}

void MessageDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *text = qobject_cast<QPlainTextEdit *>(editor)) {
        text->setPlainText(index.data(MessageListModel::MessageRole).value<ChatMessage>().text);
        text->setFocus();
    }
}

void MessageDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    editor->setGeometry(l.textRect.translated(option.rect.topLeft()).adjusted(0, 0, 4, 2));
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                  const QModelIndex &index)
{
    if (m_selecting) // a click picks the message (the view's selection), nothing in it
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    // A link opens when the button goes up on the link it went down on (not at the end of a drag).
    if (event->type() == QEvent::MouseButtonPress) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const Layout l = layout(option, index);
        m_pressedLink =
            mouse->button() == Qt::LeftButton ? linkIn(l, option.rect, mouse->position().toPoint()) : QUrl();
    }
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const Layout l = layout(option, index);
        if (mouse->button() == Qt::LeftButton && l.media) {
            const MediaPainter::Action action =
                MediaPainter::actionAt(l.textRect, l.message, mouse->position().toPoint() - option.rect.topLeft());
            if (action != MediaPainter::Action::None) {
                Q_EMIT mediaAction(l.message.localId, action);
                return true;
            }
        }
        if (mouse->button() == Qt::LeftButton && l.history &&
            l.textRect.translated(option.rect.topLeft()).contains(mouse->position().toPoint())) {
            Q_EMIT historyActivated(l.message.localId);
            return true;
        }
        for (const auto &[chip, reaction] : l.chips) {
            if (mouse->button() == Qt::LeftButton &&
                chip.translated(option.rect.topLeft()).contains(mouse->position().toPoint())) {
                Q_EMIT reactionActivated(l.message.localId, reaction.emoji, reaction.users.contains(m_names.myId()));
                return true;
            }
        }
        if (mouse->button() == Qt::LeftButton &&
            l.quote.translated(option.rect.topLeft()).contains(mouse->position().toPoint())) {
            Q_EMIT quoteActivated(l.message.quote.conversationSeq);
            return true;
        }
        if (mouse->button() == Qt::LeftButton) {
            const QUrl url = linkIn(l, option.rect, mouse->position().toPoint());
            if (!url.isEmpty() && url == std::exchange(m_pressedLink, QUrl())) {
                Q_EMIT linkActivated(url);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

QRect MessageDelegate::mediaRect(const QRect &itemRect, const QFont &font, const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    option.rect = itemRect;
    option.font = font;
    const Layout l = layout(option, index);
    return l.media || l.history ? l.textRect : QRect();
}

QUrl MessageDelegate::linkAt(const QRect &itemRect, const QFont &font, const QModelIndex &index,
                             const QPoint &point) const
{
    QStyleOptionViewItem option;
    option.rect = itemRect;
    option.font = font;
    return linkIn(layout(option, index), itemRect, point);
}

QRect MessageDelegate::reactionRect(const QRect &itemRect, const QFont &font, const QModelIndex &index,
                                    const QString &emoji) const
{
    QStyleOptionViewItem option;
    option.rect = itemRect;
    option.font = font;
    for (const auto &[chip, reaction] : layout(option, index).chips) {
        if (reaction.emoji == emoji)
            return chip.translated(itemRect.topLeft());
    }
    return {};
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                const QModelIndex &index)
{
    // Who reacted, over a reaction's chip.
    if (event->type() == QEvent::ToolTip) {
        for (const auto &[chip, reaction] : layout(option, index).chips) {
            if (!chip.translated(option.rect.topLeft()).contains(event->pos()))
                continue;
            QStringList names;
            for (const QString &user : reaction.users)
                names.append(user == m_names.myId() ? tr("You") : m_names.userName(user));
            QToolTip::showText(event->globalPos(), names.join(tr(", ")), view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QRect MessageDelegate::quoteRect(const QRect &itemRect, const QFont &font, const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    option.rect = itemRect;
    option.font = font;
    const Layout l = layout(option, index);
    return l.quote.isEmpty() ? QRect() : l.quote.translated(itemRect.topLeft());
}

QUrl MessageDelegate::linkIn(const Layout &l, const QRect &itemRect, const QPoint &point)
{
    return l.text ? l.text->linkAt(point - itemRect.topLeft() - l.textRect.topLeft()) : QUrl();
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return {option.rect.width(), layout(option, index).height};
}

QString MessageDelegate::statusOf(const ChatMessage &mine, const QModelIndex &index, QColor &color)
{
    switch (mine.state) {
    case MessageState::Sending:
        return mine.transfer.state == TransferState::Paused ? tr("Paused") : tr("Sending…");
    case MessageState::Failed: color = Theme::kFailed; return tr("Not sent — right-click to retry");
    case MessageState::Delivered: return tr("Delivered");
    case MessageState::Read: return tr("Read");
    default:
        if (mine.conversation.type == ConversationKey::Type::Group) {
            const int readers = index.data(MessageListModel::ReadCountRole).toInt();
            return readers > 0 ? tr("%n read", nullptr, readers) : tr("Sent");
        }
        return tr("Sent");
    }
}

void MessageDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->translate(option.rect.topLeft());
    const int width = option.rect.width();
    if (l.separator) {
        p->setFont(sized(option.font, 12));
        p->setPen(Theme::kNoticeText);
        p->drawText(QRect(0, 0, width, kSeparator), Qt::AlignCenter, TimeText::daySeparator(l.message.timestampMs));
    }
    if (l.unreadLine) {
        const QRect band(0, l.contentTop - kUnreadLineHeight + 4, width, kUnreadLineHeight - 8);
        p->fillRect(band, Theme::kUnreadLine);
        p->setFont(sized(option.font, 12));
        p->setPen(Theme::kAccent);
        p->drawText(band, Qt::AlignCenter, tr("Unread messages"));
    }
    if (l.notice) {
        p->setFont(sized(option.font, 12));
        p->setPen(Theme::kNoticeText);
        const QRect line(kSide, l.contentTop, width - 2 * kSide, kNoticeHeight);
        p->drawText(line, Qt::AlignCenter,
                    QFontMetrics(p->font()).elidedText(l.noticeText, Qt::ElideRight, line.width()));
        p->restore();
        return;
    }

    if (l.message.localId == m_highlighted && m_highlighted != 0)
        p->fillRect(QRect(0, l.contentTop, width, l.height - l.contentTop), Theme::kHighlight);
    if (m_selecting && m_picked.contains(l.message.localId))
        p->fillRect(QRect(0, l.contentTop, width, l.height - l.contentTop), Theme::kListSelected);
    const bool mine = l.message.outgoing;
    const QString senderName = mine ? m_names.myName() : m_names.userName(l.message.sender);
    const int avatarX = mine ? width - kSide - Theme::kChatAvatar : kSide;
    const int avatarY = l.bubble.top() - (l.showName ? kNameHeight : 0);
    p->drawPixmap(avatarX, avatarY,
                  Avatar::pixmap(l.message.sender, senderName, Theme::kChatAvatar, p->device()->devicePixelRatioF()));
    if (l.showName) {
        p->setFont(sized(option.font, 12));
        p->setPen(Theme::kSecondaryText);
        p->drawText(QRect(l.bubble.left(), avatarY, width / 2, kNameHeight), Qt::AlignLeft | Qt::AlignVCenter,
                    senderName);
    }

    p->setPen(option.state & QStyle::State_Selected ? QPen(Theme::kAccent, 1.5) : QPen(Qt::NoPen));
    p->setBrush(mine ? Theme::kOwnBubble : Theme::kOtherBubble);
    p->drawRoundedRect(l.bubble, Theme::kBubbleRadius, Theme::kBubbleRadius);
    if (!l.quote.isEmpty()) {
        const QColor bubble = mine ? Theme::kOwnBubble : Theme::kOtherBubble;
        p->setPen(Qt::NoPen);
        p->setBrush(bubble.darker(kQuoteDarkerPercent));
        p->drawRoundedRect(l.quote, Theme::kBubbleRadius / 2, Theme::kBubbleRadius / 2);
        p->fillRect(QRect(l.quote.left(), l.quote.top(), kQuoteBar, l.quote.height()), Theme::kAccent);
        const QFont small = sized(option.font, 12);
        const QFontMetrics metrics(small);
        const int textWidth = l.quote.width() - kQuoteIndent - kQuotePadding;
        QFont bold = small;
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(Theme::kAccent);
        const QRect nameLine(l.quote.left() + kQuoteIndent, l.quote.top() + kQuotePadding, textWidth, kQuoteLine);
        p->drawText(nameLine, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(bold).elidedText(l.quoteName, Qt::ElideRight, textWidth));
        p->setFont(small);
        p->setPen(l.message.quote.isRecalled() ? Theme::kNoticeText : Theme::kSecondaryText);
        p->drawText(nameLine.translated(0, kQuoteLine), Qt::AlignLeft | Qt::AlignVCenter,
                    metrics.elidedText(l.quoteLine, Qt::ElideRight, textWidth));
    }
    p->setFont(sized(option.font, kTextPixels));
    p->setPen(Theme::kText);
    if (l.media)
        MediaPainter::paint(p, l.textRect, l.message, m_thumbnails, m_playback(l.message.localId));
    else if (l.history)
        HistoryCard::paint(p, l.textRect, l.message, option.font);
    else
        l.text->paint(p, l.textRect.topLeft());

    for (const auto &[chip, reaction] : l.chips) {
        const bool chosen = reaction.users.contains(m_names.myId());
        p->setPen(QPen(chosen ? Theme::kAccent : Theme::kChipBorder, 1));
        p->setBrush(chosen ? Theme::kListSelected : Theme::kOtherBubble);
        p->drawRoundedRect(QRectF(chip).adjusted(0.5, 0.5, -0.5, -0.5), kChipHeight / 2.0, kChipHeight / 2.0);
        m_chipLabels.paint(p, chip, chipText(reaction), sized(option.font, 12), chosen ? Theme::kAccent : Theme::kText);
    }
    if (l.showStatus) {
        p->setFont(sized(option.font, kSmallPixels));
        if (l.message.outgoing) {
            QColor color = Theme::kSecondaryText;
            QString status = statusOf(l.message, index, color);
            if (l.message.isEdited())
                status = tr("Edited · %1").arg(status);
            p->setPen(color);
            p->drawText(QRect(0, l.statusTop, l.bubble.right(), kStatusHeight),
                        Qt::AlignRight | Qt::AlignVCenter, status);
        } else {
            p->setPen(Theme::kSecondaryText);
            p->drawText(QRect(l.bubble.left(), l.statusTop, width - l.bubble.left(), kStatusHeight),
                        Qt::AlignLeft | Qt::AlignVCenter, tr("Edited"));
        }
    }
    p->restore();
}

} // namespace parley
