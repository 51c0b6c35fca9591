#pragma once

#include "protocol/contenttypes.h"

#include <QString>

namespace parley {

// What a reply shows of the message it answers (parley.v1.Quote): who wrote it, where it is, and a line of it,
// as the server had it when the reply was sent. A recalled original leaves a recalled quote, without its text.
struct Quote {
    qint64 messageUid = 0; // 0: the message is not a reply
    quint64 conversationSeq = 0;
    QString sender;      // user id
    int contentType = 0; // the original's (content::kRecalled once it is recalled)
    QString excerpt;     // the start of its text on one line; a file's name

    bool isEmpty() const { return messageUid == 0; }
    bool isRecalled() const { return contentType == content::kRecalled; }
    friend bool operator==(const Quote &, const Quote &) = default;
};

} // namespace parley
