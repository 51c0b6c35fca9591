#pragma once

#include "core/types/chatmessage.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace parley {

class MessageDelegate;
class NameBook;

// Picking messages in the chat view: a click on a bubble picks it or lets it go; the bar says how many and
// offers Forward, Copy (each message with its sender and time, in the order they were written) and Delete from
// this computer; Cancel or Escape ends it. It stands in for the composer meanwhile. Only sent messages that are
// not notices or recalled can be picked. The picks are messages, not rows: they stay picked while the chat's
// window of history moves, and one recalled or deleted meanwhile is let go. GUI thread.
class SelectionBar : public QWidget {
    Q_OBJECT

public:
    SelectionBar(QListView *view, MessageDelegate *delegate, NameBook &names, QWidget *parent = nullptr);

    // Begins picking, with the message of this local id picked (or picks one more).
    void start(qint64 localId);
    void stop();
    bool isActive() const { return m_active; }
    // The picked messages, in the order they were written.
    QList<qint64> selectedIds() const;
    // What Copy puts on the clipboard.
    QString copiedText() const;
    // A message changed or went: a picked one that can no longer be forwarded is let go.
    void onMessageChanged(const ChatMessage &message);
    void onMessageRemoved(const ChatMessage &message);

Q_SIGNALS:
    void forwardRequested(const QList<qint64> &localIds);
    void deleteRequested(const QList<qint64> &localIds);
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override; // clicks on the messages pick them
    void keyPressEvent(QKeyEvent *event) override;

private:
    void toggle(const ChatMessage &message);
    void update();
    QList<ChatMessage> picked() const; // in the order they were written

    QListView *m_view;
    MessageDelegate *m_delegate;
    NameBook &m_names;
    QLabel *m_count;
    QPushButton *m_forward;
    QPushButton *m_copy;
    QPushButton *m_delete;
    bool m_active = false;
    QHash<qint64, ChatMessage> m_picked; // by local id
};

} // namespace parley
