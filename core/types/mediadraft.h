#pragma once

#include <QByteArray>
#include <QImage>
#include <QMetaType>
#include <QString>

namespace parley {

// What the user chose to send, before it is a message: a file and what kind of message it makes. Photos are
// sent compressed to a sensible size unless sent as files; voice and video bring what their recorder or
// player found out (duration, waveform, size, a poster frame), since the core does not decode media.
struct MediaDraft {
    enum class Kind { Photo, File, Voice, Video };

    QString path;
    Kind kind = Kind::File;
    int durationMs = 0;  // voice, video
    QByteArray waveform; // voice: levels 0-255, at most limits::kMaxWaveformLevels
    int width = 0;       // video
    int height = 0;
    QImage poster; // video: a frame, for the inline preview
    // The file was made for this message (a pasted picture, a recording): from the send on, the media cache
    // owns it — counted, evicted and cleared with the rest — or, when a smaller copy is sent, it is removed.
    bool temporary = false;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::MediaDraft)
