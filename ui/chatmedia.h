#pragma once

#include "protocol/error.h"
#include "ui/mediapainter.h"

#include <QObject>
#include <QStringList>

class QMediaPlayer;
class QWidget;

namespace parley {

class Client;
class MediaThumbnails;
class MessageListModel;

// What a chat does with pictures, files, voice and video: sends what the user attached, dropped or pasted
// (after a preview: AttachDialog), and answers clicks on media bubbles — open a picture in the viewer, a file
// or video in its application, show a file in its folder, download, cancel, play a voice message. Errors are
// said in words. GUI thread.
class ChatMedia : public QObject {
    Q_OBJECT

public:
    ChatMedia(Client &client, MessageListModel &messages, QWidget *window, QObject *parent = nullptr);
    ~ChatMedia() override;

    MediaThumbnails &thumbnails() { return *m_thumbnails; }
    MediaPainter::Playback playbackOf(qint64 localId) const;

    // Shows the preview of files to send in the open conversation ("send as file" for pictures).
    void attach(const QStringList &paths);
    // A picture from the clipboard: saved as PNG, then previewed like an attached one.
    void attachImage(const QImage &image);
    // A recorded voice message, sent at once.
    void sendVoice(const QString &path, int durationMs, const QByteArray &waveform);
    void onAction(qint64 localId, MediaPainter::Action action);

Q_SIGNALS:
    void repaintNeeded();

private:
    // Where pasted pictures are saved for sending; a file there was made for a message.
    static QString pastedDir();
    static bool isPasted(const QString &path);
    void open(const ChatMessage &message);
    void play(const ChatMessage &message);
    void showViewer(const ChatMessage &message);
    void warn(const QString &title, const parley::Error &error);
    QMediaPlayer *player();

    Client &m_client;
    MessageListModel &m_messages;
    QWidget *m_window;
    MediaThumbnails *m_thumbnails;
    QMediaPlayer *m_player = nullptr; // made when first needed

    qint64 m_playing = 0;
    int m_pasted = 0;
};

} // namespace parley
