#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;

namespace parley {

class ContactListModel;

// Friends to pick with checkboxes, found by typing part of a name: "New group" and "Add members" use
// it. Friends in `excluded` (already members) are not offered. GUI thread.
class FriendPicker : public QWidget {
    Q_OBJECT

public:
    FriendPicker(const ContactListModel &contacts, const QStringList &excluded = {}, QWidget *parent = nullptr);

    QStringList picked() const; // user ids, in the list's order
    int offered() const;

Q_SIGNALS:
    void pickedChanged(int count);

private:
    void filter(const QString &text);

    const ContactListModel &m_contacts; // asked what finds each friend (pinyin too) as the filter changes
    QLineEdit *m_filter;
    QListWidget *m_friends;
};

} // namespace parley
