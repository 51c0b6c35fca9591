#pragma once

#include "core/types/chatmessage.h"

#include <QWidget>

class QLabel;

namespace parley {

// Above the composer while a reply is being written: "Reply to Alice" and the line the reply will quote,
// with a cross (or Escape in the chat) to write an ordinary message instead. Holds which message is answered.
// GUI thread.
class ReplyBar : public QWidget {
    Q_OBJECT

public:
    explicit ReplyBar(QWidget *parent = nullptr);

    // Starts a reply to `original`, written by `senderName`.
    void start(const ChatMessage &original, const QString &senderName);
    // The local id of the message answered, 0 when not replying.
    qint64 original() const { return m_original; }
    void clear();

private:
    QLabel *m_title;
    QLabel *m_excerpt;
    qint64 m_original = 0;
};

} // namespace parley
