#include "ui/conversationdelegate.h"

#include "core/models/conversationlistmodel.h"
#include "core/models/namebook.h"
#include "ui/avatar.h"
#include "ui/messagetext.h"
#include "ui/theme.h"
#include "ui/timetext.h"

#include <QIcon>
#include <QPainter>
#include <QPainterPath>

namespace parley {

namespace {

constexpr int kMargin = 12;
constexpr int kGap = 10;
constexpr int kBadgeHeight = 18;
constexpr int kMutedIcon = 14;
constexpr int kMutedDot = 4; // radius of the grey dot for unread messages in a muted conversation

} // namespace

ConversationDelegate::ConversationDelegate(NameBook &names, QObject *parent)
    : QStyledItemDelegate(parent), m_names(names)
{
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {option.rect.width(), Theme::kListRowHeight};
}

void ConversationDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect;
    if (!Theme::paintRowState(p, r, option.state) && index.data(ConversationListModel::PinnedRole).toBool())
        p->fillRect(r, Theme::kListPinned);

    const auto key = index.data(ConversationListModel::KeyRole).value<ConversationKey>();
    const bool group = index.data(ConversationListModel::IsGroupRole).toBool();
    const QString title = index.data(ConversationListModel::TitleRole).toString();
    const auto last = index.data(ConversationListModel::LastMessageRole).value<ChatMessage>();
    const int unread = index.data(ConversationListModel::UnreadRole).toInt();
    const bool markedUnread = unread == 0 && index.data(ConversationListModel::MarkedUnreadRole).toBool();
    const bool mentioned = index.data(ConversationListModel::MentionedMeRole).toBool();
    const qint64 activity = index.data(ConversationListModel::LastActivityRole).toLongLong();
    const bool muted = index.data(ConversationListModel::MutedRole).toBool();
    const QString draft = index.data(ConversationListModel::DraftRole).toString();

    const int avatarTop = r.top() + (r.height() - Theme::kListAvatar) / 2;
    p->drawPixmap(r.left() + kMargin, avatarTop,
                  Avatar::pixmap(key.target, title, Theme::kListAvatar, p->device()->devicePixelRatioF(), group));

    const int textLeft = r.left() + kMargin + Theme::kListAvatar + kGap;
    const int textRight = r.right() - kMargin;
    QFont titleFont = option.font;
    titleFont.setPixelSize(14);
    QFont smallFont = option.font;
    smallFont.setPixelSize(12);
    QFont previewFont = option.font;
    previewFont.setPixelSize(13);

    // Top line: name … time.
    const QString stamp = TimeText::listStamp(activity);
    p->setFont(smallFont);
    const int stampWidth = QFontMetrics(smallFont).horizontalAdvance(stamp);
    p->setPen(Theme::kSecondaryText);
    const QRect topLine(textLeft, r.top() + 13, textRight - textLeft, 20);
    p->drawText(topLine, Qt::AlignRight | Qt::AlignVCenter, stamp);
    p->setFont(titleFont);
    p->setPen(Theme::kText);
    const QRect titleRect = topLine.adjusted(0, 0, -(stampWidth + kGap), 0);
    p->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(titleFont).elidedText(title, Qt::ElideRight, titleRect.width()));

    // Bottom line: [@you] or [Draft], the preview, then the badge (a grey dot when muted; no number when only
    // marked unread) and the muted icon.
    QRect bottomLine(textLeft, r.top() + 36, textRight - textLeft, 20);
    if (muted) {
        const QRect icon(bottomLine.right() - kMutedIcon, bottomLine.center().y() - kMutedIcon / 2, kMutedIcon,
                         kMutedIcon);
        QIcon(QStringLiteral(":/icons/muted.svg")).paint(p, icon);
        bottomLine.setRight(icon.left() - kGap / 2);
        if (unread > 0 || markedUnread) {
            p->setPen(Qt::NoPen);
            p->setBrush(Theme::kMutedBadge);
            p->drawEllipse(QPointF(bottomLine.right() - kMutedDot, bottomLine.center().y() + 1), kMutedDot, kMutedDot);
            bottomLine.setRight(bottomLine.right() - 2 * kMutedDot - kGap / 2);
        }
    }
    if (unread > 0 && !muted) {
        const QString count = Theme::badgeText(unread);
        p->setFont(smallFont);
        const int w = std::max(kBadgeHeight, QFontMetrics(smallFont).horizontalAdvance(count) + 10);
        const QRectF badge(bottomLine.right() - w, bottomLine.center().y() - kBadgeHeight / 2.0 + 1, w, kBadgeHeight);
        p->setPen(Qt::NoPen);
        p->setBrush(Theme::kBadge);
        p->drawRoundedRect(badge, kBadgeHeight / 2.0, kBadgeHeight / 2.0);
        p->setPen(Qt::white);
        p->drawText(badge, Qt::AlignCenter, count);
        bottomLine.setRight(int(badge.left()) - kGap);
    } else if (markedUnread && !muted) { // marked unread: a badge without a number
        const QRectF badge(bottomLine.right() - kBadgeHeight, bottomLine.center().y() - kBadgeHeight / 2.0 + 1,
                           kBadgeHeight, kBadgeHeight);
        p->setPen(Qt::NoPen);
        p->setBrush(Theme::kBadge);
        p->drawEllipse(badge);
        bottomLine.setRight(int(badge.left()) - kGap);
    }
    p->setFont(previewFont);
    int x = bottomLine.left();
    if (mentioned || !draft.isEmpty()) {
        const QString tag = mentioned ? MessageText::tr("[@you]") : MessageText::tr("[Draft]");
        p->setPen(Theme::kMention);
        p->drawText(QRect(x, bottomLine.top(), bottomLine.width(), bottomLine.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, tag);
        x += QFontMetrics(previewFont).horizontalAdvance(tag) + 4;
    }
    p->setPen(Theme::kSecondaryText);
    const QRect previewRect(x, bottomLine.top(), bottomLine.right() - x, bottomLine.height());
    p->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(previewFont)
                    .elidedText(draft.isEmpty() || mentioned ? MessageText::preview(last, m_names) : draft.simplified(),
                                Qt::ElideRight, previewRect.width()));
    p->restore();
}

} // namespace parley
