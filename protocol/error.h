#pragma once

#include "protocol/errorcode.h"

#include <QMetaType>
#include <QString>

namespace parley {

// An error as a value: a code to act on and a message for people (English; never contains secrets).
struct Error {
    ErrorCode code = ErrorCode::None;
    QString message;
    quint32 retryAfterSeconds = 0; // with ErrorCode::RateLimited

    Error() = default;
    Error(ErrorCode c, QString m = {}, quint32 retryAfter = 0)
        : code(c), message(m.isEmpty() ? errorCodeName(c) : std::move(m)), retryAfterSeconds(retryAfter)
    {
    }

    bool isError() const { return code != ErrorCode::None; }
    friend bool operator==(const Error &a, const Error &b) { return a.code == b.code; }
};

} // namespace parley

Q_DECLARE_METATYPE(parley::Error)
