#include "ui/contactdelegate.h"

#include "core/models/contactlistmodel.h"
#include "ui/avatar.h"
#include "ui/theme.h"

#include <QPainter>

namespace parley {

namespace {

constexpr int kMargin = 12;
constexpr int kAvatar = 36;

} // namespace

bool ContactDelegate::startsSection(const QModelIndex &index) const
{
    if (m_letters == Letters::Hidden)
        return false;
    const QModelIndex previous = index.sibling(index.row() - 1, 0);
    return !previous.isValid() ||
           previous.data(ContactListModel::SectionRole) != index.data(ContactListModel::SectionRole);
}

QSize ContactDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return {option.rect.width(), kRowHeight + (startsSection(index) ? kSectionHeight : 0)};
}

void ContactDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    QRect r = option.rect;
    if (startsSection(index)) {
        QFont font = option.font;
        font.setPixelSize(12);
        p->setFont(font);
        p->setPen(Theme::kSecondaryText);
        p->drawText(QRect(r.left() + kMargin + 4, r.top(), r.width(), kSectionHeight), Qt::AlignLeft | Qt::AlignVCenter,
                    index.data(ContactListModel::SectionRole).toString());
        r.setTop(r.top() + kSectionHeight);
    }
    Theme::paintRowState(p, r, option.state);
    const QString name = index.data(ContactListModel::DisplayNameRole).toString();
    p->drawPixmap(r.left() + kMargin, r.top() + (r.height() - kAvatar) / 2,
                  Avatar::pixmap(index.data(ContactListModel::UserIdRole).toString(), name, kAvatar,
                                 p->device()->devicePixelRatioF()));
    QFont font = option.font;
    font.setPixelSize(14);
    p->setFont(font);
    p->setPen(Theme::kText);
    const QRect text = r.adjusted(kMargin + kAvatar + 10, 0, -kMargin, 0);
    p->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(font).elidedText(name, Qt::ElideRight, text.width()));
    p->restore();
}

} // namespace parley
