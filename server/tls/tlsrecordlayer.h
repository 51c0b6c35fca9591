#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <memory>

struct ssl_st;
struct evp_cipher_ctx_st;

namespace parley::server {

class TlsTrafficSecrets;

// The TLS 1.3 record protocol (RFC 8446 5) of one connection once its handshake is done: what kernel TLS does,
// in the process. OpenSSL runs the handshake, the hard part; then the link hands its records to this and frees
// the SSL, which under OpenSSL 3.0 keeps 13.8 KB per connection where this keeps two cipher contexts (~2.3 KB).
// The cipher work is OpenSSL's EVP AEAD, as inside OpenSSL: what is written here is the framing, the nonces,
// the inner content type and the key updates (RFC 8446 4.6.3, 7.2), both when the peer asks for one and when a
// key has protected kRecordsPerKey records. A handshake this cannot take over (TLS 1.2) stays with OpenSSL.
//
// Not thread-safe; one link's thread uses it.
class TlsRecordLayer {
public:
    enum class Suite { Aes128GcmSha256, Aes256GcmSha384, ChaCha20Poly1305Sha256 };
    enum class Status { More, PeerClosed, Broken };

    static constexpr qsizetype kHeaderSize = 5;
    static constexpr qsizetype kTagSize = 16;
    static constexpr qsizetype kMaxPlaintext = 16 * 1024;            // 2^14 (5.1)
    static constexpr qsizetype kMaxCiphertext = kMaxPlaintext + 256; // 5.2
    static constexpr quint64 kRecordsPerKey = quint64(1) << 24;      // under AES-GCM's 2^24.5 (5.5)

    // Takes over ssl's records after its TLS 1.3 server handshake is done, with the secrets that watched it.
    // Null when it cannot (another version or suite, secrets missing, input left inside ssl): ssl goes on.
    static std::unique_ptr<TlsRecordLayer> takeOver(const ssl_st *ssl, const TlsTrafficSecrets &secrets);
    // Records read with readSecret and written with writeSecret (the peer's and our application traffic
    // secrets); null if OpenSSL cannot set up the ciphers.
    static std::unique_ptr<TlsRecordLayer> create(Suite suite, QByteArrayView readSecret, QByteArrayView writeSecret,
                                                  quint64 recordsPerKey = kRecordsPerKey);
    ~TlsRecordLayer();
    TlsRecordLayer(const TlsRecordLayer &) = delete;
    TlsRecordLayer &operator=(const TlsRecordLayer &) = delete;

    // Appends plaintext to out as application data records. False: broken (brokenReason()).
    bool seal(QByteArrayView plaintext, QByteArray &out);
    // Appends a close_notify alert to out.
    bool sealCloseNotify(QByteArray &out);
    // Opens the whole records at in's front and drops them from in: application data is appended to
    // plaintext, a record to send in answer (a key update) to out. After PeerClosed, nothing more is read;
    // after Broken (brokenReason()), the connection is over.
    Status open(QByteArray &in, QByteArray &plaintext, QByteArray &out);
    const char *brokenReason() const { return m_broken; }

private:
    static constexpr std::size_t kMaxSecret = 48;
    static constexpr std::size_t kIvSize = 12;

    // One direction's key: its cipher context, the traffic secret the next key comes from, and the record count.
    struct Direction {
        evp_cipher_ctx_st *cipher = nullptr;
        std::array<unsigned char, kMaxSecret> secret{};
        std::array<unsigned char, kIvSize> iv{};
        quint64 sequence = 0;
    };

    TlsRecordLayer(Suite suite, quint64 recordsPerKey) : m_suite(suite), m_recordsPerKey(recordsPerKey) {}
    // Keys direction from secret (RFC 8446 7.3), sequence 0.
    bool install(Direction &direction, QByteArrayView secret, bool encrypt);
    // The next key from the direction's secret (7.2).
    bool update(Direction &direction, bool encrypt);
    bool sealRecord(unsigned char contentType, QByteArrayView fragment, QByteArray &out);
    bool sealKeyUpdate(bool requestUpdate, QByteArray &out);
    // Decrypts the record at p in place; its inner plaintext's length, or -1.
    qsizetype openRecord(unsigned char *record, qsizetype length);
    bool handshakeMessage(const unsigned char *message, qsizetype size, QByteArray &out);
    void nonceFor(const Direction &direction, unsigned char *nonce) const;
    bool fail(const char *reason);

    Suite m_suite;
    quint64 m_recordsPerKey;
    Direction m_read;
    Direction m_write;
    const char *m_broken = nullptr;
};

} // namespace parley::server
