#pragma once

class QThread;

namespace parley {

// Releases the OpenSSL state a thread accumulates (its random generators) in the thread itself, as it
// finishes. OpenSSL would free it from a pthread key destructor, but QThread::wait() may return before
// that runs, so a process could exit with it still allocated. Call for every QThread that uses TLS.
void releaseTlsStateWhenFinished(QThread *thread);

} // namespace parley
