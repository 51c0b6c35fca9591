#pragma once

#include "parley.pb.h"
#include "protocol/result.h"

#include <QList>
#include <QString>

namespace parley {

class MessageRepository;
class PeopleRepository;

// What forwarding sends, from the cache: a copy of each message (MessageContent.forwarded_uid: the server
// writes it from its own copy of the original) or one chat history naming them all, with its messages written
// here the way the server writes them, for the local echo. Only sent messages that are not notices or recalled
// can be forwarded, at most limits::kMaxForwardedMessages; a chat history holds messages of one chat. Engine
// thread.
class Forwarder {
public:
    Forwarder(MessageRepository &messages, PeopleRepository &people) : m_messages(messages), m_people(people) {}

    // The contents to send to each chat: one per message in the order they were written, or one chat history
    // titled `title`.
    Result<QList<v1::MessageContent>> contents(const QList<qint64> &localIds, bool asHistory,
                                               const QString &title) const;

private:
    MessageRepository &m_messages;
    PeopleRepository &m_people;
};

} // namespace parley
