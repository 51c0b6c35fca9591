#pragma once

#include <QStyledItemDelegate>

namespace parley {

class NameBook;

// A message found by the search (or one that mentions me): the conversation's avatar and name, the time, and
// the message with what was searched for in the accent colour; an unread mention has a dot on the avatar.
// Paints from MessageSearchModel's roles (and MentionListModel's, which are the same and one more). GUI thread.
class SearchResultDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    SearchResultDelegate(NameBook &names, QObject *parent = nullptr);
    void setHighlight(const QString &text) { m_highlight = text; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    NameBook &m_names;
    QString m_highlight;
};

} // namespace parley
