#pragma once

#include <QMetaType>

namespace parley {

// The long connection as the UI shows it.
enum class ConnectionState {
    Offline = 0,        // not logged in, or logged out
    Connecting = 1,     // opening TCP/TLS and authenticating
    WaitingToRetry = 2, // the last attempt failed; the next one is scheduled (backoff)
    Syncing = 3,        // online, fetching what arrived while away
    Online = 4,         // online and in sync
};

} // namespace parley

Q_DECLARE_METATYPE(parley::ConnectionState)
