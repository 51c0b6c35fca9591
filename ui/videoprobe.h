#pragma once

#include <QImage>
#include <QObject>
#include <QSize>

class QMediaPlayer;
class QTimer;
class QVideoSink;

namespace parley {

// What a video is, found by playing it silently until its first frame and its length are known (Qt
// Multimedia): its duration, its size and that frame as a poster. Answers once with finished(); a file that is not a
// video this computer can play (or takes longer than kTimeoutMs to show a frame) answers with ok false, and is then
// sent as a file. GUI thread.
class VideoProbe : public QObject {
    Q_OBJECT

public:
    static constexpr int kTimeoutMs = 8000;

    struct Info {
        bool ok = false;
        int durationMs = 0;
        QSize size;
        QImage poster;
    };

    explicit VideoProbe(const QString &path, QObject *parent = nullptr);
    ~VideoProbe() override;

    bool isFinished() const { return m_finished; }
    const Info &info() const { return m_info; }
    static bool isVideo(const QString &path); // by its content's type

Q_SIGNALS:
    void finished(const parley::VideoProbe::Info &info);

private:
    void finish(bool ok);

    QMediaPlayer *m_player;
    QVideoSink *m_sink;
    QTimer *m_timeout;
    Info m_info;
    bool m_finished = false;
};

} // namespace parley
