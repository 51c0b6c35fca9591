#include "common/threadcleanup.h"

#include <QThread>

#include <openssl/crypto.h>

namespace parley {

void releaseTlsStateWhenFinished(QThread *thread)
{
    // finished() is emitted from the finishing thread itself; a direct connection runs there.
    QObject::connect(
        thread, &QThread::finished, thread, [] { OPENSSL_thread_stop(); }, Qt::DirectConnection);
}

} // namespace parley
