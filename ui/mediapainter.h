#pragma once

#include "core/types/chatmessage.h"

#include <QCoreApplication>
#include <QRect>

class QPainter;

namespace parley {

class MediaThumbnails;

// The inside of a picture, video, file or voice bubble: how large it is (known before anything is downloaded,
// from what the message carries, so the chat never jumps), how it is painted in each transfer state, and what
// a click at a point means. Used by MessageDelegate. GUI thread.
class MediaPainter {
    Q_DECLARE_TR_FUNCTIONS(MediaPainter)

public:
    static constexpr int kMaxPicture = 240; // a picture or video poster fits in this square
    static constexpr int kFileWidth = 260;
    static constexpr int kFileHeight = 64;
    static constexpr int kVoiceHeight = 36;

    enum class Action { None, Open, Download, Cancel, Pause, Resume, ShowInFolder, Play, Retry, OpenLink };

    // What the voice player is doing with the message painted (voice bubbles show it).
    struct Playback {
        bool playing = false;
        qint64 positionMs = 0;
    };

    static QSize contentSize(const ChatMessage &message, int maxWidth);
    static void paint(QPainter *painter, const QRect &content, const ChatMessage &message, MediaThumbnails &thumbnails,
                      const Playback &playback);
    static Action actionAt(const QRect &content, const ChatMessage &message, const QPoint &point);

    // "0:12", "1:05:09"
    static QString duration(int ms);
    // The second line of a file bubble, and what a tooltip says: size and what is happening to it.
    static QString fileStatus(const ChatMessage &message);
    // A web peer's picture: a link (remoteMediaUrl), not a stored file. Shown as a card that opens it in the
    // browser; it is not fetched by itself (that would tell any site who reads the chat, and when).
    static bool isLink(const ChatMessage &message);

private:
    static void paintPicture(QPainter *painter, const QRect &content, const ChatMessage &message,
                             MediaThumbnails &thumbnails);
    static void paintFile(QPainter *painter, const QRect &content, const ChatMessage &message);
    static void paintVoice(QPainter *painter, const QRect &content, const ChatMessage &message,
                           const Playback &playback);
    static void paintProgress(QPainter *painter, const QRect &area, const ChatMessage &message);
    static QRect cancelRect(const QRect &content);
    static QRect iconRect(const QRect &content); // a file's page, or its pause/resume button while it moves
    static QRect folderRect(const QRect &content);
};

} // namespace parley
