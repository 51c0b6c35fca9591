#pragma once

#include "protocol/result.h"

#include <QLoggingCategory>
#include <QString>

namespace parley {

// A folder only its owner may enter: the client's data folder (cache, media, settings) and parleyd's (store,
// blobs, TLS key). Made if missing; if group or others had access (an older install, a restore, a umask of
// 022), they lose it — only those bits change. A folder of someone else's, or a shared one (sticky, as /tmp),
// is left as it is. On Windows, where Qt's permissions are the read-only flag, the folder's place in the
// user's profile is what keeps it private.
class PrivateFolder {
public:
    enum class Outcome {
        AlreadyPrivate,
        MadePrivate,
        LeftShared, // others may enter, and it is not this user's to close (the caller says so)
    };

    // StorageFailure if it cannot be made, or its mode cannot be changed.
    static Result<Outcome> make(const QString &path);
    // make(), and a warning in `category` when the folder was open to others: "<what> <path> was open to other
    // users; now it is not", or that it is open and not ours to close.
    static Result<Done> makeAndSay(const QString &path, const char *what, const QLoggingCategory &category);
};

} // namespace parley
