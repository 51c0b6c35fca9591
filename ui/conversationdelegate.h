#pragma once

#include <QStyledItemDelegate>

namespace parley {

class NameBook;

// One row of the conversation list: avatar, name, time, last message ("[@you]" first when a message
// mentions me) and the unread badge. Paints from ConversationListModel's roles. GUI thread.
class ConversationDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    ConversationDelegate(NameBook &names, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    NameBook &m_names;
};

} // namespace parley
