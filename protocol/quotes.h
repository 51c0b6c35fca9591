#pragma once

#include "parley.pb.h"

namespace parley::quotes {

// What a reply's quote says of its original (parley.v1.Quote), made the same way on both sides: parleyd fills
// every quote it stores, the client its local echo.

// Type and excerpt from the original's content: the start of a text on one line, a file's name, nothing for
// pictures, voice and video (they are named by type). A recalled original gives a recalled quote.
void describe(const v1::MessageContent &original, v1::Quote &quote);
// The original was recalled: the quote says so and keeps nothing of it.
void markRecalled(v1::Quote &quote);

} // namespace parley::quotes
