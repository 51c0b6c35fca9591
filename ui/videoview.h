#pragma once

#include <QImage>
#include <QPixmap>
#include <QWidget>

namespace parley {

class VideoFrameSlot;

// The call window's picture: the peer's video scaled to fit, my camera's preview in a corner — or, while there
// is no picture (a voice call, the peer's camera off, not connected yet), the peer's avatar and name with the
// call's status under them. Takes frames from the slots as they come. GUI thread.
class VideoView : public QWidget {
    Q_OBJECT

public:
    // Without a new frame for this long, the peer's picture gives way to the avatar (camera off, stream lost).
    static constexpr int kStaleFrameMs = 1500;
    static constexpr int kPreviewWidth = 160; // the local preview's width at most, in pixels
    static constexpr int kAvatarSize = 112;

    VideoView(VideoFrameSlot &remote, VideoFrameSlot &local, QWidget *parent = nullptr);

    void setPeer(const QString &userId, const QString &name);
    void setStatus(const QString &status);
    // Whether my preview and the peer's picture may be shown (a video call) and my camera is on.
    void setVideo(bool video, bool cameraOn);
    // Forgets the pictures (a new call).
    void clear();
    bool showsRemoteVideo() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void takeRemote();
    void takeLocal();

    VideoFrameSlot &m_remoteSlot;
    VideoFrameSlot &m_localSlot;
    QImage m_remote;
    QImage m_local;
    qint64 m_remoteAtMs = 0;
    QString m_userId;
    QString m_name;
    QString m_status;
    bool m_video = false;
    bool m_cameraOn = false;
};

} // namespace parley
