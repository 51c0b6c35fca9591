#include "core/calls/videoframeslot.h"

#include <QMutexLocker>

namespace parley {

void VideoFrameSlot::put(QImage frame)
{
    bool wasEmpty = false;
    {
        QMutexLocker lock(&m_mutex);
        wasEmpty = m_frame.isNull();
        m_frame = std::move(frame);
        ++m_count;
    }
    if (wasEmpty)
        Q_EMIT frameReady();
}

QImage VideoFrameSlot::take()
{
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_frame, QImage());
}

quint64 VideoFrameSlot::framesPut() const
{
    QMutexLocker lock(&m_mutex);
    return m_count;
}

void VideoFrameSlot::clear()
{
    QMutexLocker lock(&m_mutex);
    m_frame = QImage();
}

} // namespace parley
