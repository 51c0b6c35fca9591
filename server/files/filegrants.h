#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace parley::server {

// Short-lived, signed grants for the files port, checked there without the database: an upload grant
// (GQNUT), a download grant (FDG) and a possession challenge (instant send). A grant is
// base64url(purpose | user id | expiry | scope | HMAC-SHA-256 of all that) under a secret of the server's
// database, so a grant cannot be forged, changed or used past its expiry, and the server keeps no list of
// them. Any thread.
class FileGrants {
public:
    enum class Purpose : quint8 { Upload = 1, Download = 2, Challenge = 3 };
    static constexpr int kKeyBytes = 32;

    struct Grant {
        Purpose purpose = Purpose::Upload;
        qint64 userId = 0;
        qint64 expiresAtMs = 0;
        QByteArray scope; // what a challenge is about; empty for the others
    };

    explicit FileGrants(QByteArray key) : m_key(std::move(key)) {}

    QString issue(const Grant &grant) const;
    // The grant, if `token` is one of ours, of this purpose and not expired at `nowMs`.
    std::optional<Grant> verify(const QString &token, Purpose purpose, qint64 nowMs) const;

private:
    QByteArray mac(const QByteArray &payload) const;

    QByteArray m_key;
};

} // namespace parley::server
