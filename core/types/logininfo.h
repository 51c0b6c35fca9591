#pragma once

#include <QString>

namespace parley {

// Logged in with a phone number and a code.
struct LoginInfo {
    QString userId;
    bool newUser = false; // the number was not registered: a new account
};

} // namespace parley
