#pragma once

#include "core/types/callsummary.h"
#include "core/types/chathistory.h"
#include "core/types/conversationkey.h"
#include "core/types/media.h"
#include "core/types/messagestate.h"
#include "core/types/quote.h"
#include "core/types/reaction.h"
#include "protocol/contenttypes.h"
#include "protocol/errorcode.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace parley {

// A message as the client stores and shows it.
struct ChatMessage {
    qint64 localId = 0; // row id in the local cache
    ConversationKey conversation;
    QByteArray clientUuid;       // 16 bytes: the sender's idempotency key
    qint64 serverUid = 0;        // 0 until the server has it
    quint64 conversationSeq = 0; // order in the conversation; 0 until the server has it
    QString sender;              // user id
    bool outgoing = false;
    MessageState state = MessageState::Sending;
    int contentType = 1; // parley.v1.ContentType
    QString text;
    qint64 timestampMs = 0;              // the server's time once known; the local time while sending
    ErrorCode failure = ErrorCode::None; // why it failed, with MessageState::Failed
    bool mentionsMe = false;             // a group message that mentions me (or everyone)
    // Group notices: whom it is about; text holds a new name or announcement.
    QStringList noticeUsers;
    int noticeRole = 0; // with 108 (admins changed): the new role
    CallSummary call;   // a call record: how the call went
    // Pictures, files, voice and video: what the message carries, where its bytes are on this device (empty
    // until downloaded; while sending, the file being uploaded) and how far its transfer has come.
    Media media;
    QString localPath;
    TransferInfo transfer;
    Quote quote; // a reply: the message it answers
    qint64 editedAtMs = 0; // when its sender last changed the text; 0: never
    QList<Reaction> reactions; // in the order the emoji were first chosen
    ChatHistory history;       // a forwarded chat history (contentType content::kChatHistory)

    // Recalled by its sender: it keeps its place, its text is gone.
    bool isRecalled() const { return contentType == content::kRecalled; }
    bool isGroupNotice() const
    {
        return contentType >= content::kFirstGroupNotice && contentType <= content::kLastGroupNotice;
    }
    // Written by the server, drawn as a line of its own, never acted on: recalls, group notices, call records.
    bool isNotice() const { return contentType >= content::kFirstNotice; }
    bool isCallRecord() const { return content::isCallRecord(contentType); }
    bool isMedia() const { return content::isMedia(contentType); }
    bool isChatHistory() const { return contentType == content::kChatHistory; }
    bool isEdited() const { return editedAtMs != 0; }
    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

} // namespace parley

Q_DECLARE_METATYPE(parley::ChatMessage)
