#pragma once

#include "core/types/presence.h"

#include <QString>

#include <optional>

namespace parley {

// An edit of my own profile: fields left empty stay as they are.
struct ProfileChange {
    std::optional<QString> nickname;
    std::optional<QString> avatar;
    std::optional<QString> signature;
    std::optional<bool> findableByPhone;
    std::optional<PresenceAudience> presenceAudience;
};

} // namespace parley
