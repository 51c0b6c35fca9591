#pragma once

#include <QByteArrayView>

#include <array>
#include <cstddef>

#include <openssl/crypto.h>

struct ssl_st;

namespace parley::server {

// The TLS 1.3 application traffic secrets of one handshake (RFC 8446 7.1), as OpenSSL's key log hands them over
// while it runs: the link that owns the handshake watches them (watch()), and TlsRecordLayer takes over the
// records with them once the handshake is done. Wiped when destroyed. Never logged.
class TlsTrafficSecrets {
public:
    static constexpr std::size_t kMaxSize = 48; // SHA-384's length, the longest of TLS 1.3's hashes

    TlsTrafficSecrets() = default;
    ~TlsTrafficSecrets() { wipe(); }
    TlsTrafficSecrets(const TlsTrafficSecrets &) = delete;
    TlsTrafficSecrets &operator=(const TlsTrafficSecrets &) = delete;

    // From now on, what the key log says of ssl's handshake lands here (TlsContext's key log callback). This
    // object must outlive ssl, or stop being watched with unwatch() first.
    void watch(ssl_st *ssl);
    static void unwatch(ssl_st *ssl);
    // OpenSSL's key log callback (SSL_CTX_set_keylog_callback): hands the line to the object watching ssl.
    static void onKeyLog(const ssl_st *ssl, const char *line);
    // One line of OpenSSL's key log for the handshake this watches ("CLIENT_TRAFFIC_SECRET_0 <random> <hex>").
    void takeKeyLogLine(const char *line);

    bool complete() const { return m_clientSize > 0 && m_clientSize == m_serverSize; }
    QByteArrayView client() const { return {reinterpret_cast<const char *>(m_client.data()), qsizetype(m_clientSize)}; }
    QByteArrayView server() const { return {reinterpret_cast<const char *>(m_server.data()), qsizetype(m_serverSize)}; }

    void wipe()
    {
        OPENSSL_cleanse(m_client.data(), m_client.size());
        OPENSSL_cleanse(m_server.data(), m_server.size());
        m_clientSize = m_serverSize = 0;
    }

private:
    std::array<unsigned char, kMaxSize> m_client{};
    std::array<unsigned char, kMaxSize> m_server{};
    std::size_t m_clientSize = 0;
    std::size_t m_serverSize = 0;
};

} // namespace parley::server
