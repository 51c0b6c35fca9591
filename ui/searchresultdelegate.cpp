#include "ui/searchresultdelegate.h"

#include "core/models/mentionlistmodel.h"
#include "core/models/messagesearchmodel.h"
#include "core/models/namebook.h"
#include "ui/avatar.h"
#include "ui/theme.h"
#include "ui/timetext.h"

#include <QPainter>

namespace parley {

namespace {

constexpr int kMargin = 12;
constexpr int kAvatar = 36;
constexpr int kRowHeight = 60;

} // namespace

SearchResultDelegate::SearchResultDelegate(NameBook &names, QObject *parent)
    : QStyledItemDelegate(parent), m_names(names)
{
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {option.rect.width(), kRowHeight};
}

void SearchResultDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect;
    Theme::paintRowState(p, r, option.state);
    const auto m = index.data(MessageSearchModel::MessageRole).value<ChatMessage>();
    const bool group = m.conversation.type == ConversationKey::Type::Group;
    const QString title = m_names.title(m.conversation);
    p->drawPixmap(r.left() + kMargin, r.top() + (r.height() - kAvatar) / 2,
                  Avatar::pixmap(m.conversation.target, title, kAvatar, p->device()->devicePixelRatioF(), group));
    if (index.data(MentionListModel::UnreadRole).toBool()) { // an unread mention: a dot on the avatar
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(Theme::kFailed);
        p->drawEllipse(QPointF(r.left() + kMargin + kAvatar - 3, r.top() + (r.height() - kAvatar) / 2 + 3), 5, 5);
    }
    const int left = r.left() + kMargin + kAvatar + 10;
    const int right = r.right() - kMargin;
    QFont font = option.font;
    font.setPixelSize(12);
    p->setFont(font);
    p->setPen(Theme::kSecondaryText);
    const QString stamp = TimeText::listStamp(m.timestampMs);
    p->drawText(QRect(left, r.top() + 9, right - left, 18), Qt::AlignRight | Qt::AlignVCenter, stamp);
    font.setPixelSize(14);
    p->setFont(font);
    p->setPen(Theme::kText);
    const int titleWidth = right - left - QFontMetrics(font).horizontalAdvance(stamp) - 10;
    p->drawText(QRect(left, r.top() + 9, titleWidth, 18), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(font).elidedText(title, Qt::ElideRight, titleWidth));

    // The message, from a little before what was searched for, with it highlighted.
    font.setPixelSize(13);
    p->setFont(font);
    const QFontMetrics fm(font);
    const QString text = m.text.simplified();
    const qsizetype at = m_highlight.isEmpty() ? -1 : text.indexOf(m_highlight, 0, Qt::CaseInsensitive);
    const qsizetype from = at > 8 ? at - 8 : 0;
    const QString shown = (from > 0 ? QStringLiteral("…") : QString()) + text.mid(from);
    const qsizetype hit = at < 0 ? -1 : at - from + (from > 0 ? 1 : 0);
    QRect line(left, r.top() + 32, right - left, 18);
    const auto draw = [&](const QString &part, const QColor &color) {
        if (part.isEmpty() || line.width() <= 0)
            return;
        const QString fitted = fm.elidedText(part, Qt::ElideRight, line.width());
        p->setPen(color);
        p->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, fitted);
        line.setLeft(line.left() + fm.horizontalAdvance(fitted));
    };
    if (hit < 0) {
        draw(shown, Theme::kSecondaryText);
    } else {
        draw(shown.left(hit), Theme::kSecondaryText);
        draw(shown.mid(hit, m_highlight.size()), Theme::kAccent);
        draw(shown.mid(hit + m_highlight.size()), Theme::kSecondaryText);
    }
    p->restore();
}

} // namespace parley
