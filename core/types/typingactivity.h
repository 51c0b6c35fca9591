#pragma once

#include <QMetaType>

namespace parley {

// What a peer is doing in a one-to-one chat (parley.v1.TypingActivity).
enum class TypingActivity {
    None = 0, // stopped
    Text = 1,
    Voice = 2, // recording a voice message
};

} // namespace parley

Q_DECLARE_METATYPE(parley::TypingActivity)
