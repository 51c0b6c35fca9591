#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

namespace parley {

// The public face of a user: what anyone who can find the user may see.
struct UserProfile {
    QString userId;
    QString nickname;
    QString avatar; // the file id of the user's picture; empty: draw initials
    QString signature;
    bool deleted = false; // the account was deleted: only its id is left, for what it wrote

    // The name to show: the nickname, else the user id; a deleted account's says so (translations/ reads it).
    QString displayName() const
    {
        if (deleted)
            return QCoreApplication::translate("parley::UserProfile", "Deleted account");
        return nickname.isEmpty() ? userId : nickname;
    }
    friend bool operator==(const UserProfile &, const UserProfile &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::UserProfile)
