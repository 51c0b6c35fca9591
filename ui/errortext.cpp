#include "ui/errortext.h"

namespace parley {

QString ErrorText::of(const Error &error)
{
    switch (error.code) {
    case ErrorCode::None: return {};
    case ErrorCode::InvalidPhone: return tr("Enter the number with its country code, for example +86 138 0013 8000.");
    case ErrorCode::CodeWrong: return tr("That code is not right. Check the message and try again.");
    case ErrorCode::CodeExpired: return tr("The code has expired. Ask for a new one.");
    case ErrorCode::CodeTriesExhausted: return tr("Too many wrong codes. Ask for a new one.");
    case ErrorCode::MalformedRequest: return tr("Something you entered is not allowed here.");
    case ErrorCode::RateLimited:
        return error.retryAfterSeconds > 0
                   ? tr("Too many tries. Try again in %n second(s).", nullptr, int(error.retryAfterSeconds))
                   : tr("Too many tries. Try again later.");
    case ErrorCode::NetworkUnreachable: return tr("The server cannot be reached. Check your connection.");
    case ErrorCode::TlsFailure: return tr("The server's identity could not be verified, so Parley did not connect.");
    case ErrorCode::ConnectionLost:
    case ErrorCode::Timeout: return tr("The connection to the server was lost.");
    case ErrorCode::ConnectRefused: return tr("The server ended this login. Please log in again.");
    case ErrorCode::SignedInElsewhere:
        return tr("You logged in on another computer, so this one was logged out. Please log in again to use it here.");
    case ErrorCode::DeviceRevoked: return tr("This computer was logged out from another of your devices.");
    case ErrorCode::AccountSuspended:
        return tr("This account is suspended by the server's administrator. Ask them why, or to lift it.");
    case ErrorCode::AccountDeleted: return tr("This person deleted their account."); // the session's own: AppController
    case ErrorCode::Unavailable:
    case ErrorCode::Internal: return tr("The server is having trouble. Try again in a moment.");
    case ErrorCode::TooLarge: return tr("The message is too long.");
    case ErrorCode::NotFound: return tr("There is no user with this ID.");
    case ErrorCode::TooLate: return tr("Messages can only be recalled for a short time after they were sent.");
    case ErrorCode::PermissionDenied: return tr("You are not allowed to do that.");
    case ErrorCode::NotMember: return tr("You are not a member of this group.");
    case ErrorCode::NotFriends: return tr("Add this person as a friend first.");
    case ErrorCode::Refused: return tr("This person is not accepting that from you.");
    case ErrorCode::GroupFull: return tr("The group is full.");
    case ErrorCode::AlreadyFriends: return tr("You are friends already.");
    case ErrorCode::Self: return tr("You cannot do that to yourself.");
    case ErrorCode::RequestExpired: return tr("This friend request has expired. Send one yourself instead.");
    case ErrorCode::AlreadyHandled: return tr("This friend request was already answered.");
    case ErrorCode::GroupDismissed: return tr("This group was dismissed.");
    case ErrorCode::KeychainUnavailable:
        return tr("There is no keychain on this computer, so Parley cannot remember your login after you quit.");
    case ErrorCode::StorageFailure: return tr("Parley could not save data on this computer.");
    case ErrorCode::SchemaTooNew: return tr("The data on this computer was written by a newer version of Parley.");
    case ErrorCode::QuotaExceeded:
        return tr("Your storage on the server is full. Delete or recall files you sent, or ask the server's "
                  "administrator for more room.");
    case ErrorCode::StorageFull: return tr("The server has no room for this file right now. Try again later.");
    case ErrorCode::ProofFailed: return tr("The server could not confirm this file. Try sending it again.");
    case ErrorCode::Muted: return tr("You cannot write in this group right now: an admin muted it or you.");
    case ErrorCode::FileCorrupt:
        return tr("The file arrived damaged, so Parley did not keep it. Try downloading it again.");
    case ErrorCode::FileUnreadable: return tr("The file cannot be read any more: it was moved, deleted or changed.");
    case ErrorCode::LocalDiskFull: return tr("There is no room left on this computer for the file.");
    case ErrorCode::Cancelled: return tr("Cancelled.");
    case ErrorCode::InCall: return tr("You are in a call already. Hang up first.");
    default: return tr("Something went wrong (%1).").arg(error.message);
    }
}

} // namespace parley
