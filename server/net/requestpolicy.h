#pragma once

namespace parley::server {

// What a link must satisfy before one of its requests is handled, declared with the request's route and
// checked by Session for every PUBLISH.
struct RequestPolicy {
    enum class Access {
        BeforeConnect, // only on a link that has not logged in yet (a code, logging in): refused after CONNECT
        AfterConnect,  // only after an accepted CONNECT: everything else
        Either,        // before or after (a code: to log in, or after CONNECT to confirm deleting the account)
    };
    // The per-link budget a request draws on; over it, the request is answered ERR_RATE_LIMITED.
    enum class Budget {
        None,
        Send,   // messages (--send-rate, --send-burst)
        Lookup, // user searches and friend requests: no harvesting of the user base (--lookup-rate, --lookup-burst)
    };

    Access access = Access::AfterConnect;
    Budget budget = Budget::None;
};

} // namespace parley::server
