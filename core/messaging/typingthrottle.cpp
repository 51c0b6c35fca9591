#include "core/messaging/typingthrottle.h"

#include "protocol/limits.h"

namespace parley {

std::optional<TypingActivity> TypingThrottle::next(const ConversationKey &conversation, TypingActivity activity,
                                                   qint64 nowMs)
{
    const auto said = m_said.constFind(conversation);
    if (activity == TypingActivity::None) {
        if (said == m_said.cend())
            return std::nullopt; // nothing was said: nothing to take back
        m_said.erase(said);
        return activity;
    }
    if (said != m_said.cend() && said->activity == activity && nowMs - said->atMs < limits::kTypingRepeatMs)
        return std::nullopt;
    m_said.insert(conversation, Said{activity, nowMs});
    return activity;
}

} // namespace parley
