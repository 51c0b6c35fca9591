#include "protocol/errorcode.h"

#include "parley.pb.h"

namespace parley {

namespace {

static_assert(int(ErrorCode::MalformedRequest) == v1::ERR_MALFORMED_REQUEST);
static_assert(int(ErrorCode::NotImplemented) == v1::ERR_NOT_IMPLEMENTED);
static_assert(int(ErrorCode::UnknownSubSignal) == v1::ERR_UNKNOWN_SUB_SIGNAL);
static_assert(int(ErrorCode::NotAuthenticated) == v1::ERR_NOT_AUTHENTICATED);
static_assert(int(ErrorCode::AlreadyAuthenticated) == v1::ERR_ALREADY_AUTHENTICATED);
static_assert(int(ErrorCode::InvalidPhone) == v1::ERR_INVALID_PHONE);
static_assert(int(ErrorCode::CodeWrong) == v1::ERR_CODE_WRONG);
static_assert(int(ErrorCode::CodeExpired) == v1::ERR_CODE_EXPIRED);
static_assert(int(ErrorCode::CodeTriesExhausted) == v1::ERR_CODE_TRIES_EXHAUSTED);
static_assert(int(ErrorCode::InvalidDevice) == v1::ERR_INVALID_DEVICE);
static_assert(int(ErrorCode::PermissionDenied) == v1::ERR_PERMISSION_DENIED);
static_assert(int(ErrorCode::RateLimited) == v1::ERR_RATE_LIMITED);
static_assert(int(ErrorCode::TooLarge) == v1::ERR_TOO_LARGE);
static_assert(int(ErrorCode::NotFound) == v1::ERR_NOT_FOUND);
static_assert(int(ErrorCode::TooLate) == v1::ERR_TOO_LATE);
static_assert(int(ErrorCode::NotMember) == v1::ERR_NOT_MEMBER);
static_assert(int(ErrorCode::NotFriends) == v1::ERR_NOT_FRIENDS);
static_assert(int(ErrorCode::Refused) == v1::ERR_REFUSED);
static_assert(int(ErrorCode::GroupFull) == v1::ERR_GROUP_FULL);
static_assert(int(ErrorCode::AlreadyFriends) == v1::ERR_ALREADY_FRIENDS);
static_assert(int(ErrorCode::Self) == v1::ERR_SELF);
static_assert(int(ErrorCode::RequestExpired) == v1::ERR_REQUEST_EXPIRED);
static_assert(int(ErrorCode::AlreadyHandled) == v1::ERR_ALREADY_HANDLED);
static_assert(int(ErrorCode::GroupDismissed) == v1::ERR_GROUP_DISMISSED);
static_assert(int(ErrorCode::Internal) == v1::ERR_INTERNAL);
static_assert(int(ErrorCode::Unavailable) == v1::ERR_UNAVAILABLE);
static_assert(int(ErrorCode::ProofFailed) == v1::ERR_PROOF_FAILED);
static_assert(int(ErrorCode::Muted) == v1::ERR_MUTED);
static_assert(int(ErrorCode::AccountSuspended) == v1::ERR_ACCOUNT_SUSPENDED);
static_assert(int(ErrorCode::AccountDeleted) == v1::ERR_ACCOUNT_DELETED);
static_assert(int(ErrorCode::QuotaExceeded) == v1::ERR_QUOTA_EXCEEDED);
static_assert(int(ErrorCode::FileCorrupt) == v1::ERR_FILE_CORRUPT);
static_assert(int(ErrorCode::InCall) == v1::ERR_IN_CALL);
static_assert(int(ErrorCode::StorageFull) == v1::ERR_STORAGE_FULL);

} // namespace

ErrorCode errorCodeFromWire(int value)
{
    if (value < 1000 && v1::ErrorCode_IsValid(value))
        return ErrorCode(value);
    return ErrorCode::Internal;
}

QString errorCodeName(ErrorCode code)
{
    using namespace Qt::StringLiterals;
    switch (code) {
    case ErrorCode::None: return u"ok"_s;
    case ErrorCode::MalformedRequest: return u"malformed request"_s;
    case ErrorCode::NotImplemented: return u"not implemented"_s;
    case ErrorCode::UnknownSubSignal: return u"unknown sub-signal"_s;
    case ErrorCode::NotAuthenticated: return u"not authenticated"_s;
    case ErrorCode::AlreadyAuthenticated: return u"already authenticated"_s;
    case ErrorCode::InvalidPhone: return u"invalid phone number"_s;
    case ErrorCode::CodeWrong: return u"wrong code"_s;
    case ErrorCode::CodeExpired: return u"code expired"_s;
    case ErrorCode::CodeTriesExhausted: return u"too many wrong codes"_s;
    case ErrorCode::InvalidDevice: return u"invalid device"_s;
    case ErrorCode::PermissionDenied: return u"permission denied"_s;
    case ErrorCode::RateLimited: return u"rate limited"_s;
    case ErrorCode::TooLarge: return u"too large"_s;
    case ErrorCode::NotFound: return u"not found"_s;
    case ErrorCode::TooLate: return u"too late"_s;
    case ErrorCode::NotMember: return u"not a member of the group"_s;
    case ErrorCode::NotFriends: return u"not friends"_s;
    case ErrorCode::Refused: return u"refused by the other user"_s;
    case ErrorCode::ProofFailed: return u"the proof of owning the file was wrong"_s;
    case ErrorCode::Muted: return u"muted in this group"_s;
    case ErrorCode::AccountSuspended: return u"this account is suspended"_s;
    case ErrorCode::AccountDeleted: return u"the account was deleted"_s;
    case ErrorCode::GroupFull: return u"the group is full"_s;
    case ErrorCode::QuotaExceeded: return u"storage quota exceeded"_s;
    case ErrorCode::AlreadyFriends: return u"already friends"_s;
    case ErrorCode::Self: return u"cannot do this to yourself"_s;
    case ErrorCode::RequestExpired: return u"the request expired"_s;
    case ErrorCode::AlreadyHandled: return u"the request was already answered"_s;
    case ErrorCode::GroupDismissed: return u"the group was dismissed"_s;
    case ErrorCode::FileCorrupt: return u"the file's bytes do not match its checksum"_s;
    case ErrorCode::InCall: return u"in another call"_s;
    case ErrorCode::Internal: return u"internal error"_s;
    case ErrorCode::Unavailable: return u"service unavailable"_s;
    case ErrorCode::StorageFull: return u"the server's storage is full"_s;
    case ErrorCode::NetworkUnreachable: return u"server unreachable"_s;
    case ErrorCode::TlsFailure: return u"secure connection failed"_s;
    case ErrorCode::ConnectionLost: return u"connection lost"_s;
    case ErrorCode::Timeout: return u"timed out"_s;
    case ErrorCode::ProtocolViolation: return u"protocol violation"_s;
    case ErrorCode::ConnectRefused: return u"connection refused"_s;
    case ErrorCode::LoggedOut: return u"logged out"_s;
    case ErrorCode::SignedInElsewhere: return u"signed in on another device"_s;
    case ErrorCode::DeviceRevoked: return u"logged out from another device"_s;
    case ErrorCode::Cancelled: return u"cancelled"_s;
    case ErrorCode::KeychainUnavailable: return u"keychain unavailable"_s;
    case ErrorCode::StorageFailure: return u"local storage failed"_s;
    case ErrorCode::SchemaTooNew: return u"data from a newer version"_s;
    case ErrorCode::FileUnreadable: return u"the file cannot be read"_s;
    case ErrorCode::LocalDiskFull: return u"no space left on this computer"_s;
    }
    return u"error %1"_s.arg(int(code));
}

} // namespace parley
