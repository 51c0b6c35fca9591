#pragma once

#include <QThread>

namespace parley {

// Thread rules ("engine thread only", "storage thread only", "its network thread only") checked, not only
// written: in debug builds a call from another thread aborts, as muduo's EventLoop::assertInLoopThread() does.
// The test suite runs a debug build (with the sanitizers), so a call from the wrong thread fails it. Nothing
// is checked in release builds.
class ThreadAffinity {
public:
    // From now on, the calling thread is the only one allowed.
    void bindToCurrentThread() { m_thread = QThread::currentThread(); }
    // Before bindToCurrentThread(), any thread is allowed.
    void check([[maybe_unused]] const char *where) const
    {
        Q_ASSERT_X(!m_thread || QThread::currentThread() == m_thread, where, "called from the wrong thread");
    }

private:
    const QThread *m_thread = nullptr;
};

} // namespace parley

// At the top of a QObject's member function that must run on the object's own thread.
#define PARLEY_ASSERT_OWN_THREAD()                                                                                     \
    Q_ASSERT_X(QThread::currentThread() == thread(), Q_FUNC_INFO, "called from a thread that does not own this object")
