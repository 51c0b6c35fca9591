#pragma once

namespace parley::server::tlspolicy {

// What every TLS port of parleyd (binary links, wss, files) accepts: TLS 1.2 and 1.3 only; under TLS 1.2, only
// forward-secret AEAD suites (Mozilla's "intermediate" list without DHE, which would need parameters of its
// own). TLS 1.3's suites are OpenSSL's defaults, all AEAD.
constexpr char kTls12Ciphers[] = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                 "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                 "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

} // namespace parley::server::tlspolicy
