#pragma once

namespace parley {

// The self-check of a conversation's cached history: messages missing from its sequence before the check
// and after it repaired what it could from the server.
struct HistoryCheck {
    int missingBefore = 0;
    int missingAfter = 0;
};

} // namespace parley
