#pragma once

#include "core/types/media.h"

#include <QList>
#include <QString>

namespace parley {

// One message inside a forwarded chat history, as the server wrote it from its copy.
struct ForwardedItem {
    QString sender;     // user id
    QString senderName; // the nickname when it was forwarded
    qint64 timestampMs = 0;
    int contentType = 0; // parley.v1.ContentType
    QString text;        // a text message's words; a file's name; a chat history's title
    Media media;         // pictures, files, voice and video

    friend bool operator==(const ForwardedItem &, const ForwardedItem &) = default;
};

// Several messages of one chat forwarded as one message (parley.v1.ChatHistory). Cheap to copy.
struct ChatHistory {
    QString title;
    QList<ForwardedItem> items; // in the order they were written

    bool isEmpty() const { return items.isEmpty(); }
    friend bool operator==(const ChatHistory &, const ChatHistory &) = default;
};

} // namespace parley
