#pragma once

#include <QStyledItemDelegate>

namespace parley {

// A friend in the contacts list: avatar and name, with the index letter above the first name of each
// letter (unless the list is search results). Paints from ContactListModel's roles. GUI thread.
class ContactDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    static constexpr int kRowHeight = 56;
    static constexpr int kSectionHeight = 26;

    enum class Letters { Shown, Hidden };
    explicit ContactDelegate(QObject *parent = nullptr, Letters letters = Letters::Shown)
        : QStyledItemDelegate(parent), m_letters(letters)
    {
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    bool startsSection(const QModelIndex &index) const;

    Letters m_letters;
};

} // namespace parley
