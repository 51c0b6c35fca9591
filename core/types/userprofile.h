#pragma once

#include <QMetaType>
#include <QString>

namespace parley {

// The public face of a user: what anyone who can find the user may see.
struct UserProfile {
    QString userId;
    QString nickname;
    QString avatar; // the file id of the user's picture; empty: draw initials
    QString signature;

    // The name to show: the nickname, else the user id.
    QString displayName() const { return nickname.isEmpty() ? userId : nickname; }
    friend bool operator==(const UserProfile &, const UserProfile &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::UserProfile)
