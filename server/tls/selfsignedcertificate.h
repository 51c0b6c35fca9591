#pragma once

#include "protocol/result.h"

#include <QString>

namespace parley::server {

// Creates a self-signed certificate for a local server: an ECDSA P-256 key, valid ten years, with
// subject alternative names localhost, 127.0.0.1 and ::1. Writes PEM files, the key readable by the
// owner only. Clients trust it by pinning its SHA-256 fingerprint.
class SelfSignedCertificate {
public:
    static constexpr int kValidDays = 3650;

    static Result<Done> create(const QString &certificatePath, const QString &privateKeyPath);
};

} // namespace parley::server
