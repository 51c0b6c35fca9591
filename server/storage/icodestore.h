#pragma once

#include "server/storage/records.h"

#include <QList>
#include <QString>

#include <optional>

namespace parley::server {

// Verification codes and the record of who asked for them, for the limits (CodeBook). Storage thread only.
class ICodeStore {
public:
    virtual ~ICodeStore() = default;

    // At most one live code per phone and purpose; a new one replaces the one of its purpose only.
    virtual void putCode(const QString &phone, const CodeRecord &code, qint64 nowMs) = 0;
    // Counts one try at the phone's code sent for `purpose` and returns it, `tries` including this one: one atomic
    // step, so that tries made at once (on several nodes) each count. A code sent for something else is neither
    // counted nor returned.
    virtual std::optional<CodeRecord> takeCodeTry(const QString &phone, CodePurpose purpose) = 0;
    virtual void deleteCode(const QString &phone, CodePurpose purpose) = 0;

    // A code was asked for `phone` (in the number block `block`) from `address`.
    virtual void recordCodeRequest(const QString &phone, const QString &block, const QString &address,
                                   qint64 nowMs) = 0;
    // When codes were asked for a phone / for a number block / from an address after sinceMs, oldest first.
    virtual QList<qint64> codeRequestTimesForPhone(const QString &phone, qint64 sinceMs) = 0;
    virtual QList<qint64> codeRequestTimesForBlock(const QString &block, qint64 sinceMs) = 0;
    virtual QList<qint64> codeRequestTimesForAddress(const QString &address, qint64 sinceMs) = 0;
    // Forgets requests made before beforeMs and codes that expired before it.
    virtual void pruneCodeRequests(qint64 beforeMs) = 0;
};

} // namespace parley::server
