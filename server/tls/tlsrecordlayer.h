#pragma once

#include "server/tls/tlstrafficsecrets.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <memory>
#include <optional>

struct ssl_st;
struct evp_cipher_ctx_st;

namespace parley::server {

// The TLS 1.3 record protocol (RFC 8446 5) of one connection once its handshake is done: what kernel TLS does,
// in the process. OpenSSL runs the handshake, the hard part; then the link hands its records to this and frees
// the SSL, which under OpenSSL 3.0 keeps 13.8 KB per connection where this keeps two cipher contexts (~2.3 KB).
// The cipher work is OpenSSL's EVP AEAD, as inside OpenSSL: what is written here is the framing, the nonces,
// the inner content type and the key updates (4.6.3, 7.2), both when the peer asks for one (answered once,
// before the next record, however many it asked for) and when a key has protected kRecordsPerKey records.
// After the handshake the peer may send application data, close_notify and KeyUpdate, each KeyUpdate in a record
// of its own; anything else breaks the layer, with the alert to send for it. A handshake this cannot take over
// (TLS 1.2) stays with OpenSSL.
//
// Not thread-safe; one link's thread uses it.
class TlsRecordLayer {
public:
    enum class Suite { Aes128GcmSha256, Aes256GcmSha384, ChaCha20Poly1305Sha256 };
    enum class Status { More, PeerClosed, Broken };
    struct Opened {
        Status status;
        QByteArray plaintext; // the application data of the records opened, also before an end
    };

    static constexpr qsizetype kHeaderSize = 5;
    static constexpr qsizetype kTagSize = 16;
    static constexpr qsizetype kMaxPlaintext = 16 * 1024;            // 2^14 (5.1)
    // The longest record body read: an inner plaintext of 2^14 + 1 (5.4) and the tag, within 5.2's 2^14 + 256.
    static constexpr qsizetype kMaxRecordBody = kMaxPlaintext + 1 + kTagSize;
    static constexpr quint64 kRecordsPerKey = quint64(1) << 24;      // under AES-GCM's 2^24.5 (5.5)

    // Takes over ssl's records after its TLS 1.3 server handshake is done, with the secrets that watched it.
    // Null when it cannot (another version or suite, secrets missing, input left inside ssl, session tickets
    // issued): ssl goes on.
    static std::unique_ptr<TlsRecordLayer> takeOver(const ssl_st *ssl, const TlsTrafficSecrets &secrets);
    // Records read with readSecret and written with writeSecret (the peer's and our application traffic
    // secrets); null if OpenSSL cannot set up the ciphers.
    static std::unique_ptr<TlsRecordLayer> create(Suite suite, QByteArrayView readSecret, QByteArrayView writeSecret,
                                                  quint64 recordsPerKey = kRecordsPerKey);
    ~TlsRecordLayer();
    TlsRecordLayer(const TlsRecordLayer &) = delete;
    TlsRecordLayer &operator=(const TlsRecordLayer &) = delete;

    // plaintext as application data records; nullopt once broken (brokenReason()).
    std::optional<QByteArray> seal(QByteArrayView plaintext);
    // A close_notify alert.
    std::optional<QByteArray> sealCloseNotify();
    // After Broken: the fatal alert that says why, when the layer can still write one (its own failure to
    // encrypt is not said).
    std::optional<QByteArray> sealFatalAlert();
    // One record around inner, a whole TLSInnerPlaintext (content, content type, padding) as given: what a peer
    // may send, for tests.
    std::optional<QByteArray> sealInnerPlaintext(QByteArrayView inner);
    // Opens the whole records at in's front and drops them from in. After PeerClosed nothing more is read; after
    // Broken (brokenReason(), sealFatalAlert()) the connection is over.
    Opened open(QByteArray &in);
    const char *brokenReason() const { return m_broken; }

private:
    static constexpr std::size_t kMaxSecret = TlsTrafficSecrets::kMaxSize;
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
    // Appends one record to out around the inner plaintext content + trailer (the content type, and any padding).
    bool sealRecord(QByteArrayView content, QByteArrayView trailer, QByteArray &out);
    // sealRecord, unless broken, after the key update owed or due.
    bool sealNext(QByteArrayView content, QByteArrayView trailer, QByteArray &out);
    // Appends the key update owed or due before the next record, if any, to out.
    bool sealKeyUpdateIfDue(QByteArray &out);
    // Decrypts the record in place; its inner plaintext's length, or -1.
    qsizetype openRecord(unsigned char *record, qsizetype length);
    bool handshakeMessage(const unsigned char *message, qsizetype size);
    void nonceFor(const Direction &direction, unsigned char *nonce) const;
    // Breaks the layer; alert is what to tell the peer (RFC 8446 6.2), 0 for nothing.
    bool fail(const char *reason, unsigned char alert);

    Suite m_suite;
    quint64 m_recordsPerKey;
    Direction m_read;
    Direction m_write;
    bool m_updateOwed = false; // the peer asked for a key update: ours goes before our next record
    const char *m_broken = nullptr;
    unsigned char m_alert = 0;
};

} // namespace parley::server
