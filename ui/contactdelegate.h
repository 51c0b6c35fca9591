#pragma once

#include <QStyledItemDelegate>

namespace parley {

// A friend in the contacts list: avatar and name, with the index letter above the first name of each
// letter. Paints from ContactListModel's roles. GUI thread.
class ContactDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    static constexpr int kRowHeight = 56;
    static constexpr int kSectionHeight = 26;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static bool startsSection(const QModelIndex &index);
};

} // namespace parley
