#pragma once

#include <QStyledItemDelegate>

namespace parley {

class NameBook;

// One message of the chat view: a bubble (mine on the right, others' on the left with their avatar and, in
// groups, their name), a time separator when some minutes passed since the previous message, my message's
// state under it (sending, sent, delivered, read; "N read" in groups; failed in red), and recalls and group
// notices as centred grey lines. Paints from MessageListModel's roles. GUI thread.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    static constexpr qint64 kSeparatorGapMs = 5 * 60 * 1000; // a time line after this much silence

    MessageDelegate(NameBook &names, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // Opening a bubble (double-click) lays its text out as selectable, read-only text over the bubble.
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *, QAbstractItemModel *, const QModelIndex &) const override {}
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    NameBook &m_names;
};

} // namespace parley
