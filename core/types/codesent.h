#pragma once

namespace parley {

// A verification code is on its way (by SMS, or to the development code log of a local server).
struct CodeSent {
    int resendAfterS = 0; // a new code may be asked for after this long
    int expiresInS = 0;   // this code works for this long
};

} // namespace parley
