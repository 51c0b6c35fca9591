#pragma once

#include <QString>

namespace parley::server {

// Who is behind a link once its CONNECT was accepted.
struct AuthenticatedUser {
    qint64 userId = 0; // database id
    QString uid;       // public user id
    QString deviceId;
    QString platform;
    qint64 sessionRecordId = 0; // the device session (token) row
};

} // namespace parley::server
