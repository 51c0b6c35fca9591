#pragma once

#include <QMetaType>

namespace parley {

// Where a message stands, as the UI shows it.
enum class MessageState {
    Sending = 0,   // in the outbox: stored locally, not yet acknowledged by the server
    Sent = 1,      // the server committed it (PUB_ACK) and gave it its place in the conversation
    Failed = 2,    // retries ran out or the server refused it; see the message's failure
    Received = 3,  // someone else's message, stored locally
    Delivered = 4, // sent, and a device of the recipient has stored it (one-to-one)
    Read = 5,      // sent, and the recipient has read it (one-to-one)
};

// My message as the server has it: sent, and perhaps delivered or read already.
constexpr bool isAcknowledged(MessageState state)
{
    return state == MessageState::Sent || state == MessageState::Delivered || state == MessageState::Read;
}

} // namespace parley

Q_DECLARE_METATYPE(parley::MessageState)
