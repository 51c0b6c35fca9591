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

struct SessionRecord {
    qint64 id = 0;
    qint64 userId = 0;
    QString userUid;
    QString deviceId;
    QString platform;
    bool revoked = false;
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
};

struct InboxRecord {
    quint64 seq = 0;
    MessageRecord message;
};

} // namespace parley::server
