#pragma once

#include "core/types/conversationkey.h"
#include "core/types/typingactivity.h"

#include <QHash>

#include <optional>

namespace parley {

// When to tell a peer what I am doing in our chat: a new activity at once, the same one again at most every
// limits::kTypingRepeatMs while it goes on (the reader forgets it after kTypingShownMs), and "stopped" once,
// only after something was said. Plain logic over given times. GUI thread.
class TypingThrottle {
public:
    // What to send for `activity` in `conversation` at `nowMs`, or nothing.
    std::optional<TypingActivity> next(const ConversationKey &conversation, TypingActivity activity, qint64 nowMs);

private:
    struct Said {
        TypingActivity activity = TypingActivity::None;
        qint64 atMs = 0;
    };
    QHash<ConversationKey, Said> m_said;
};

} // namespace parley
