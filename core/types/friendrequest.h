#pragma once

#include "core/types/userprofile.h"

#include <QMetaType>

namespace parley {

// A friend request to or from me.
struct FriendRequest {
    enum class Status { Pending = 0, Accepted = 1, Rejected = 2, Expired = 3 };

    qint64 id = 0;
    UserProfile from;
    UserProfile to;
    QString greeting;
    Status status = Status::Pending;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 expiresAtMs = 0;
    bool incoming = false; // to me

    // Waiting for my answer (and not expired by the clock of `nowMs`).
    bool awaitsMe(qint64 nowMs) const { return incoming && status == Status::Pending && nowMs < expiresAtMs; }
    const UserProfile &other() const { return incoming ? from : to; }
    friend bool operator==(const FriendRequest &, const FriendRequest &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::FriendRequest)
