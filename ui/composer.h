#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace parley {

// Where a message is written: several lines, Enter sends and Shift+Enter starts a new line, with a clear
// word when the text is over the server's limit. Emits the text to send; holds no message state. GUI thread.
class Composer : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMaxTextBytes = 16 * 1024; // the server's limit for a text (UTF-8)

    explicit Composer(QWidget *parent = nullptr);

    QString text() const;
    void clear();
    void setText(const QString &text);
    void setEnabledForConversation(bool enabled);
    void focusEditor();

Q_SIGNALS:
    void sendRequested(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextChanged();
    void trySend();

    QPlainTextEdit *m_editor;
    QPushButton *m_send;
    QLabel *m_warning;
};

} // namespace parley
