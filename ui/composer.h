#pragma once

#include <QHash>
#include <QWidget>

class QCompleter;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;

namespace parley {

// Where a message is written: several lines, Enter sends and Shift+Enter starts a new line (or Ctrl+Enter,
// a setting), a clear word when the text is over the server's limit, an emoji picker, and in groups
// @-completion of members' names. Emits the text to send with whom it mentions; holds no message state.
// GUI thread.
class Composer : public QWidget {
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    QString text() const;
    void clear();
    void setText(const QString &text);
    void setEnabledForConversation(bool enabled);
    void focusEditor();
    // Who can be @-mentioned (user id, name); empty outside groups. With everyone, "@all" is offered too.
    void setMentionCandidates(const QList<std::pair<QString, QString>> &members, bool everyone);
    static QStringList emojis();

Q_SIGNALS:
    void sendRequested(const QString &text, const QStringList &mentioned, bool mentionEveryone);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextChanged();
    void trySend();
    void updateCompletion();
    void insertMention(const QString &name);
    QString allName() const;

    QPlainTextEdit *m_editor;
    QCompleter *m_completer;
    QStringListModel *m_names;
    QHash<QString, QString> m_idsByName;
    bool m_everyone = false;
    QPushButton *m_send;
    QLabel *m_warning;
};

} // namespace parley
