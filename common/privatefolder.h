#pragma once

#include "protocol/result.h"

#include <QString>

namespace parley {

// A folder only its owner may enter: the client's data folder (cache, media, settings) and parleyd's (store,
// blobs, TLS key). Made if missing; group and others lose their access if they had any (an older install,
// a restore, a umask of 022 on the parent). On Windows, where Qt's permissions are the read-only flag,
// the folder's place in the user's profile is what keeps it private.
class PrivateFolder {
public:
    enum class Outcome { AlreadyPrivate, MadePrivate };

    // StorageFailure if it cannot be made, or others keep access to it.
    static Result<Outcome> make(const QString &path);
};

} // namespace parley
