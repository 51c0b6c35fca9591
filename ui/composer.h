#pragma once

#include <QHash>
#include <QWidget>

class QCompleter;
class QImage;
class QMimeData;
class QTimer;
class QToolButton;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;

namespace parley {

class VoiceRecorder;

// Where a message is written: several lines, Enter sends and Shift+Enter starts a new line (or Ctrl+Enter,
// a setting), a clear word when the text is over the server's limit, an emoji picker, and in groups
// @-completion of members' names, an attach button (also drop and paste of files and pictures) and a voice
// message button. Emits the text to send with whom it mentions; holds no message state.
// GUI thread.
class Composer : public QWidget {
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    QString text() const;
    void clear();
    void setText(const QString &text);
    void setEnabledForConversation(bool enabled);
    // Writing is not allowed here now, and why (shown in the editor's place); empty: it is.
    void setBlocked(const QString &reason);
    QString blockedReason() const { return m_blocked; }
    void focusEditor();
    // Who can be @-mentioned (user id, name); empty outside groups. With everyone, "@all" is offered too.
    void setMentionCandidates(const QList<std::pair<QString, QString>> &members, bool everyone);
    static QStringList emojis();

Q_SIGNALS:
    void sendRequested(const QString &text, const QStringList &mentioned, bool mentionEveryone);
    // Files chosen with the attach button, dropped on the editor or pasted as files.
    void attachRequested(const QStringList &paths);
    // A picture pasted from the clipboard.
    void imagePasted(const QImage &image);
    void voiceRecorded(const QString &path, int durationMs, const QByteArray &waveform);
    // A key that writes or erases (not one that sends): someone is typing.
    void typed();
    // A voice message started or stopped being recorded.
    void recordingChanged(bool recording);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextChanged();
    void trySend();
    void updateCompletion();
    void insertMention(const QString &name);
    QString allName() const;
    void chooseFiles(bool pictures);
    // Paste and drop: files or a picture instead of text. True if it was one.
    bool takeMime(const QMimeData *mime);
    void toggleRecording();
    void updateRecording();

    QPlainTextEdit *m_editor;
    QCompleter *m_completer;
    QStringListModel *m_names;
    QHash<QString, QString> m_idsByName;
    bool m_everyone = false;
    bool m_conversationEnabled = true;
    QString m_blocked;
    QPushButton *m_send;
    QLabel *m_warning;
    QToolButton *m_attach;
    QToolButton *m_record;
    QToolButton *m_cancelRecording;
    VoiceRecorder *m_recorder;
    QTimer *m_recordingClock;
    bool m_recording = false; // as last announced by recordingChanged
};

} // namespace parley
