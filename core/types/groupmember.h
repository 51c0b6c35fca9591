#pragma once

#include "core/types/groupinfo.h"
#include "core/types/userprofile.h"

#include <QMetaType>

namespace parley {

struct GroupMember {
    UserProfile profile;
    GroupRole role = GroupRole::Member;
    qint64 joinedAtMs = 0;
    quint64 readSeq = 0; // the member's read horizon in the group: the base of read counts
    qint64 mutedUntilMs = 0; // may not write until then

    QString userId() const { return profile.userId; }
    friend bool operator==(const GroupMember &, const GroupMember &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::GroupMember)
