#pragma once

#include "core/types/chatmessage.h"

#include <QCoreApplication>
#include <QString>

namespace parley {

class NameBook;

// The words for a message where it is not shown as itself: the conversation list's preview ("[Image]",
// "You recalled a message") and the centred notices of a chat ("Alice added Bob and Carol", "Missed voice
// call"). GUI thread.
class MessageText {
    Q_DECLARE_TR_FUNCTIONS(MessageText)

public:
    // One line for the conversation list; in groups others' messages start with the sender's name.
    static QString preview(const ChatMessage &message, NameBook &names);
    // A recall, group notice or call record as a sentence; empty for ordinary messages.
    static QString notice(const ChatMessage &message, NameBook &names);
    // The line a reply shows of its original: its text, "[Photo]", a file's name, or that it was recalled.
    static QString quoted(const Quote &quote);
    // What a reply to `message` will quote (as the server will say it).
    static Quote quoteOf(const ChatMessage &message);
    // What a message inside a forwarded chat history says in one line: its text, "[Photo]", "[File] name", ….
    static QString forwarded(const ForwardedItem &item);

private:
    // A call record from my side: "Voice call 3:12", "Missed video call", "Voice call declined", ….
    static QString call(const ChatMessage &message, NameBook &names);
    // A message's content in one line: its text, "[Photo]", "[File] name", "[Voice] 0:12", ….
    static QString body(int contentType, const QString &text, const Media &media);
    static QString who(const QString &userId, NameBook &names);
    static QString people(const QStringList &userIds, NameBook &names);
};

} // namespace parley
