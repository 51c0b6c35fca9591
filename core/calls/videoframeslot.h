#pragma once

#include <QImage>
#include <QMutex>
#include <QObject>

namespace parley {

// The newest frame of one video (the peer's, or my camera's preview), handed from the media threads to the
// window that draws it. A frame replaces the one not yet taken, so a slow window never queues a backlog:
// frameReady is emitted (from the media thread; connect queued) only when the slot goes from empty to full.
// put() from any thread; take() from the drawing thread.
class VideoFrameSlot : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    void put(QImage frame);
    // The newest frame, once; a null image if none came since the last take.
    QImage take();
    // The number of frames put so far (counted, also when replaced before being taken).
    quint64 framesPut() const;
    // Forgets the frame not taken (the video stopped).
    void clear();

Q_SIGNALS:
    void frameReady();

private:
    mutable QMutex m_mutex;
    QImage m_frame;
    quint64 m_count = 0;
};

} // namespace parley
