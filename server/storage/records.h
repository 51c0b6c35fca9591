#pragma once

// Plain rows exchanged between the services and IStore. Ids are the database's; "uid" strings are the
// public user ids that travel on the wire.

#include <QByteArray>
#include <QString>

namespace parley::server {

struct UserRecord {
    qint64 id = 0;
    QString uid;
    QString phone;
    qint64 createdAtMs = 0;
    // The account was deleted (IAccountStore::eraseAccount): its row stays for the messages and conversations that
    // name it, but nobody starts anything new with it (messages, requests, groups) and it is not found by search.
    bool deleted = false;
};

// What a verification code was sent for (verification_codes.purpose): it confirms that and nothing else, and the
// message that carries it says which.
enum class CodePurpose {
    LogIn = 0,         // LGN: asked before CONNECT
    DeleteAccount = 1, // DLA: asked on a logged-in link, for the account's own number
};

struct CodeRecord {
    QByteArray codeHash; // keyed hash of phone + code
    qint64 expiresAtMs = 0;
    int tries = 0; // entries so far
    CodePurpose purpose = CodePurpose::LogIn;
};

// Why a device session ended (sessions.revoked_reason).
enum class RevokeReason {
    None = 0,
    LoggedOut = 1,      // the device logged out (LGO)
    RevokedByUser = 2,  // logged out from another device (DVR)
    Kicked = 3,         // the device policy let a newer login of the same platform replace it
    Replaced = 4,       // the same device logged in again
    Suspended = 5,      // an operator suspended the account (parleyd admin ban)
    ByOperator = 6,     // an operator logged the device out (parleyd admin revoke)
    AccountDeleted = 7, // the account was deleted (DLA, parleyd admin delete)
};

// What the store holds, for the operator (parleyd admin counts).
struct StoreCounts {
    qint64 users = 0;
    qint64 suspendedUsers = 0;
    qint64 deletedUsers = 0; // kept as "Deleted account" for their messages; not in `users`
    qint64 devices = 0; // sessions not revoked
    qint64 messages = 0;
    qint64 groups = 0; // not dismissed
    qint64 files = 0;
    qint64 fileBytes = 0;
};

struct SessionRecord {
    qint64 id = 0;
    qint64 userId = 0;
    QString userUid;
    QString deviceId;
    QString platform;
    QString deviceName;
    bool revoked = false;
    RevokeReason revokeReason = RevokeReason::None;
    qint64 createdAtMs = 0;
    qint64 lastSeenAtMs = 0;
    quint64 syncedSeq = 0;
};

struct ConversationRecord {
    qint64 id = 0;
    quint64 lastSeq = 0;
};

// A stored chat message as the services need it to build a parley.v1.Message.
struct MessageRecord {
    qint64 uid = 0;
    qint64 conversationId = 0;
    quint64 conversationSeq = 0;
    int conversationType = 0;
    qint64 senderId = 0;
    QString senderUid;
    QString target;        // as addressed by the sender: peer uid or group id
    QByteArray clientUuid; // 16 bytes
    quint64 senderMessageId = 0;
    QByteArray content; // serialized parley.v1.MessageContent
    qint64 timestampMs = 0;
    qint64 recalledAtMs = 0; // 0 unless recalled (then content is the notice)
    qint64 quotedUid = 0;    // a reply: the message it quotes
    qint64 editedAtMs = 0;   // 0 unless its text was edited
    QByteArray reactions;    // serialized parley.v1.ReactionList (empty: none)
};

// A member's horizons in a conversation.
struct MemberProgress {
    qint64 conversationId = 0;
    qint64 userId = 0;
    quint64 deliveredSeq = 0;
    quint64 readSeq = 0;
};

// What an inbox row holds: a message (by uid) or a ready-made item for its user (progress, recall).
struct InboxEntry {
    enum Kind { Message = 0, Progress = 1, Recall = 2, FriendRequest = 3, Contact = 4, Edit = 5, Reaction = 6 };
    Kind kind = Message;
    qint64 messageUid = 0;
    QByteArray payload; // serialized ConversationProgress / RecallNotice / FriendRequest / Contact / EditNotice /
                        // ReactionNotice
};

struct InboxRecord {
    quint64 seq = 0;
    InboxEntry::Kind kind = InboxEntry::Message;
    MessageRecord message; // with kind Message
    QByteArray payload;    // otherwise
};

// A user's public profile, and whether others may find the user by phone number.
struct ProfileRecord {
    qint64 id = 0;
    QString uid;
    QString nickname;
    QString avatar;
    QString signature;
    bool findableByPhone = true;
    int presenceAudience = 0; // v1::PresenceAudience
    qint64 lastSeenAtMs = 0;  // read only: setLastSeen() writes it
    bool deleted = false;     // read only: the account was deleted (IAccountStore::eraseAccount)
};

// One user's relation to another (one row per direction).
struct ContactRecord {
    qint64 userId = 0;
    qint64 otherId = 0;
    bool isFriend = false;
    QString remark;
    qint64 friendsSinceMs = 0;
    bool blocked = false;
};

struct FriendRequestRecord {
    enum Status { Pending = 0, Accepted = 1, Rejected = 2 }; // "expired" is derived from expiresAtMs
    qint64 id = 0;
    qint64 fromId = 0;
    qint64 toId = 0;
    QString greeting;
    Status status = Pending;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 expiresAtMs = 0;
    qint64 notifiedAtMs = 0; // when the recipient was last told (repeats within a while are not re-sent)
};

struct GroupRecord {
    qint64 id = 0;
    QString gid; // the public group id
    qint64 conversationId = 0;
    QString name;
    QString announcement;
    qint64 ownerId = 0;
    qint64 createdAtMs = 0;
    qint64 dismissedAtMs = 0; // 0 unless dismissed
    QString avatar;           // a file id; empty: none
    bool muteAll = false;     // only the owner and admins may write
    bool joinApproval = false; // members' invitations of people no admin knows wait for approval
};

// A member of a group conversation, now or in the past.
struct GroupMemberRecord {
    enum Role { Member = 0, Admin = 1, Owner = 2 };
    qint64 userId = 0;
    QString uid;
    Role role = Member;
    quint64 visibleFrom = 0; // the first message of the group's history the member may read
    quint64 leftSeq = 0;     // 0 while a member; else the last message the member may read
    qint64 joinedAtMs = 0;
    quint64 readSeq = 0;
    qint64 mutedUntilMs = 0; // may not write until then
    bool isCurrent() const { return leftSeq == 0; }
};

// Someone a member invited to a group with approval on, waiting for the owner or an admin.
struct JoinRequestRecord {
    qint64 userId = 0;
    qint64 inviterId = 0;
    qint64 createdAtMs = 0;
};

// How a user keeps one conversation (CSS): the same on each of the user's devices. A row exists only while
// something differs from the defaults.
struct ConversationSettingsRecord {
    int conversationType = 0; // v1::ConversationType
    QString target;           // as the user sees it: the peer's uid or the group id
    bool pinned = false;
    qint64 mutedUntilMs = 0; // 0: not muted
    bool markedUnread = false;
    QString draft;
    qint64 updatedAtMs = 0;
    bool isDefault() const { return !pinned && mutedUntilMs == 0 && !markedUnread && draft.isEmpty(); }
};

// An upload in progress (tus): the bytes so far are in the data directory's uploads/<id>.
struct UploadRecord {
    QString id; // unguessable; the last part of the upload's URL
    qint64 userId = 0;
    quint64 size = 0;  // the whole file, declared at creation
    QByteArray sha256; // declared at creation; checked when the last byte is in
    QString mimeType;
    QString fileName;
    quint64 offset = 0; // bytes written and fsync'ed
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};

// A stored file: a user's name for content kept once per SHA-256 under files/blobs/.
struct FileRecord {
    QString id; // unguessable; what messages carry
    QByteArray sha256;
    quint64 size = 0;
    QString mimeType;
    QString fileName;
    qint64 uploaderId = 0;
    qint64 createdAtMs = 0;
};

} // namespace parley::server
