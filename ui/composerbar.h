#pragma once

#include "core/types/chatmessage.h"

#include <QWidget>

class QLabel;

namespace parley {

// Above the composer while what is written answers an earlier message ("Reply to Alice" and the line the reply
// will quote) or replaces the text of one of mine ("Edit message" and its old text), with a cross (or Escape
// in the chat) to write an ordinary message instead. Holds which message and what to do with it. GUI thread.
class ComposerBar : public QWidget {
    Q_OBJECT

public:
    enum class Mode { None, Reply, Edit };

    explicit ComposerBar(QWidget *parent = nullptr);

    // Starts a reply to `original`, written by `senderName`.
    void startReply(const ChatMessage &original, const QString &senderName);
    // Starts editing the text of `mine`.
    void startEdit(const ChatMessage &mine);
    Mode mode() const { return m_mode; }
    // The local id of the message answered or edited, 0 when neither.
    qint64 original() const { return m_original; }
    void clear();
    // What the cross and Escape do: clear, and say what was given up.
    void cancel();

Q_SIGNALS:
    // The cross or Escape: an edit given up leaves the composer empty again.
    void cancelled(parley::ComposerBar::Mode mode);

private:
    void start(Mode mode, qint64 original, const QString &title, const QString &line);

    QLabel *m_title;
    QLabel *m_excerpt;
    Mode m_mode = Mode::None;
    qint64 m_original = 0;
};

} // namespace parley
