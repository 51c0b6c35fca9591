#pragma once

#include "core/types/userprofile.h"

#include <QMetaType>

namespace parley {

// Someone a member invited to a group that requires approval, waiting for the owner or an admin.
struct JoinRequest {
    UserProfile user;    // who would join
    UserProfile inviter; // the member who invited them
    qint64 createdAtMs = 0;

    friend bool operator==(const JoinRequest &, const JoinRequest &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::JoinRequest)
