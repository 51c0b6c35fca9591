#pragma once

#include <QString>

namespace parley {

// What went wrong, as a value. Codes below 1000 travel on the wire (parley.v1.ErrorCode, same numbers);
// codes from 1000 arise on the client only (its link, its keychain, its cache).
enum class ErrorCode : int {
    None = 0,

    // 1xx protocol
    MalformedRequest = 100,
    NotImplemented = 101,
    UnknownSubSignal = 102,
    NotAuthenticated = 103,
    AlreadyAuthenticated = 104,

    // 2xx authentication
    InvalidPhone = 200,
    CodeWrong = 201,
    CodeExpired = 202,
    CodeTriesExhausted = 203,
    InvalidDevice = 204,

    // 3xx permission
    PermissionDenied = 300,
    NotMember = 301,
    NotFriends = 302,
    Refused = 303,
    ProofFailed = 304,
    Muted = 305,            // the group is muted for members, or this member is
    AccountSuspended = 306, // by the server's operator
    AccountDeleted = 307,   // the account (mine, or the other user's) was deleted

    // 4xx limits
    RateLimited = 400,
    TooLarge = 401,
    GroupFull = 402,
    QuotaExceeded = 403,

    // 5xx not found / state
    NotFound = 500,
    TooLate = 501,
    AlreadyFriends = 502,
    Self = 503,
    RequestExpired = 504,
    AlreadyHandled = 505,
    GroupDismissed = 506,
    FileCorrupt = 507,
    InCall = 508, // a call while in another

    // 9xx server
    Internal = 900,
    Unavailable = 901,
    StorageFull = 902,

    // 10xx client: network and link
    NetworkUnreachable = 1000, // could not open a TCP connection
    TlsFailure = 1001,         // handshake failed or the certificate/pin did not verify
    ConnectionLost = 1002,     // the link closed or went silent
    Timeout = 1003,            // no reply within the request timeout
    ProtocolViolation = 1004,  // the peer sent something the codec rejects
    ConnectRefused = 1005,     // CONNECT_ACK refused the session (see the message)
    LoggedOut = 1006,          // the operation needs a logged-in account
    SignedInElsewhere = 1007,  // a newer login on the same kind of device replaced this one
    DeviceRevoked = 1008,      // logged out from another of the user's devices
    Cancelled = 1009,          // the request ended unanswered: logged out or closed before the reply came

    // 11xx client: local
    KeychainUnavailable = 1100,
    StorageFailure = 1101,
    SchemaTooNew = 1102,   // a database written by a newer version; left untouched
    FileUnreadable = 1103, // a file to send is gone, unreadable, or changed since it was chosen
    LocalDiskFull = 1104,  // no room on this computer for a download
};

// The wire value of a code received from a peer, or Internal for a value this build does not know.
ErrorCode errorCodeFromWire(int value);

// A short English description for logs and as a fallback; user-facing text is translated in ui/.
QString errorCodeName(ErrorCode code);

} // namespace parley
