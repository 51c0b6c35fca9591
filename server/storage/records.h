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
};

struct CodeRecord {
    QByteArray codeHash; // keyed hash of phone + code
    qint64 expiresAtMs = 0;
    int tries = 0; // wrong entries so far
};

// Why a device session ended (sessions.revoked_reason).
enum class RevokeReason {
    None = 0,
    LoggedOut = 1,     // the device logged out (LGO)
    RevokedByUser = 2, // logged out from another device (DVR)
    Kicked = 3,        // the device policy let a newer login of the same platform replace it
    Replaced = 4,      // the same device logged in again
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
    enum Kind { Message = 0, Progress = 1, Recall = 2 };
    Kind kind = Message;
    qint64 messageUid = 0;
    QByteArray payload; // serialized ConversationProgress / RecallNotice
};

struct InboxRecord {
    quint64 seq = 0;
    InboxEntry::Kind kind = InboxEntry::Message;
    MessageRecord message; // with kind Message
    QByteArray payload;    // otherwise
};

} // namespace parley::server
