#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace parley {

// What a picture, file, voice or video message carries (parley.v1.MediaInfo): enough to lay its bubble out
// before anything is downloaded. A web peer's picture is a link (remoteUrl) instead of a stored file.
struct Media {
    QString fileId;   // empty until the upload is done
    quint64 size = 0; // bytes
    QString mimeType;
    QByteArray sha256; // 32 bytes
    QString fileName;
    int width = 0; // pixels: pictures and video
    int height = 0;
    int durationMs = 0;  // voice and video
    QByteArray waveform; // voice: levels 0-255
    QByteArray preview;  // a tiny JPEG, shown blurred until the picture is here
    QString remoteUrl;

    bool isEmpty() const { return fileId.isEmpty() && remoteUrl.isEmpty() && size == 0; }
    friend bool operator==(const Media &, const Media &) = default;
};

// How far a message's file has travelled on this device.
enum class TransferState {
    None = 0,    // nothing to transfer (or nothing asked yet: a file waits for a click)
    Queued = 1,  // waiting for its turn, or for the network
    Running = 2,
    Paused = 3,  // by the user
    Failed = 4,  // see TransferInfo::error; the user may retry
};

struct TransferInfo {
    enum class Direction { Upload = 0, Download = 1 };
    Direction direction = Direction::Download;
    TransferState state = TransferState::None;
    quint64 done = 0; // bytes
    quint64 total = 0;
    int error = 0; // ErrorCode with TransferState::Failed

    bool isActive() const { return state == TransferState::Queued || state == TransferState::Running; }
    // Started and not over: active, or paused by the user.
    bool isUnderway() const { return isActive() || state == TransferState::Paused; }
    friend bool operator==(const TransferInfo &, const TransferInfo &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::Media)
Q_DECLARE_METATYPE(parley::TransferInfo)
