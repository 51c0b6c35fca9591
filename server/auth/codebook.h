#pragma once

#include "protocol/result.h"
#include "server/auth/codepolicy.h"
#include "server/storage/records.h"

#include <QByteArray>
#include <QString>

namespace parley::server {

class IClock;
class IStore;

// Issues and checks verification codes: 6 digits from the system's cryptographic random source, stored
// only as a keyed hash (HMAC-SHA256 with a server secret), compared in constant time, valid for the
// policy's lifetime, single use, dead after too many wrong tries, rate-limited per phone, per
// block of numbers and per address, and good only for what it was sent for (CodePurpose). Runs on the storage thread
// inside a job; holds no state of its own besides the policy.
class CodeBook {
public:
    struct Issued {
        QString code; // to hand to the code sender, never to a log
        qint64 expiresAtMs = 0;
        quint32 resendAfterS = 0;
    };

    CodeBook(CodePolicy policy, QByteArray hashKey, const IClock &clock);

    // `phone` must be normalized. A new code replaces any earlier one for the phone, whatever it was for.
    Result<Issued> issue(IStore &store, const QString &phone, const QString &address, CodePurpose purpose) const;
    // Consumes the code on success. A wrong code counts a try; the last allowed wrong try kills the code. A code
    // sent for another purpose is answered as no code at all (CodeExpired), and stays good for its own: an answer
    // before CONNECT must not tell that the number has an account that asked to be deleted.
    Result<Done> verify(IStore &store, const QString &phone, const QString &code, CodePurpose purpose) const;

    const CodePolicy &policy() const { return m_policy; }
    // The block of numbers a normalized phone number is in: the number without its last CodePolicy::kBlockDigits.
    static QString numberBlock(const QString &phone);

private:
    QByteArray hash(const QString &phone, const QString &code, CodePurpose purpose) const;

    CodePolicy m_policy;
    QByteArray m_hashKey;
    const IClock &m_clock;
};

} // namespace parley::server
