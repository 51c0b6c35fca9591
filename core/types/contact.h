#pragma once

#include "core/types/userprofile.h"

#include <QList>
#include <QMetaType>

namespace parley {

// My relation to one user: a friend (with my remark for him), and/or someone I blocked.
struct Contact {
    UserProfile profile;
    bool isFriend = false;
    QString remark; // only I see it
    qint64 friendsSinceMs = 0;
    bool blocked = false;

    QString userId() const { return profile.userId; }
    // The remark if I gave one, else the nickname, else the id.
    QString displayName() const { return remark.isEmpty() ? profile.displayName() : remark; }
    friend bool operator==(const Contact &, const Contact &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::Contact)
