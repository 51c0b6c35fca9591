#include "server/tls/tlsrecordlayer.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <string_view>

namespace parley::server {

namespace {

// RFC 8446 5.1, 6 and B.3
constexpr unsigned char kApplicationData = 23;
constexpr unsigned char kAlert = 21;
constexpr unsigned char kHandshake = 22;
constexpr unsigned char kKeyUpdate = 24;
constexpr unsigned char kLegacyVersion[] = {3, 3}; // TLS 1.2's, on every TLS 1.3 record (5.1)
constexpr unsigned char kAlertLevelWarning = 1;
constexpr unsigned char kAlertLevelFatal = 2;
constexpr unsigned char kCloseNotify = 0;
constexpr unsigned char kUnexpectedMessage = 10;
constexpr unsigned char kBadRecordMac = 20;
constexpr unsigned char kRecordOverflow = 22;
constexpr unsigned char kIllegalParameter = 47;
constexpr unsigned char kDecodeError = 50;
constexpr qsizetype kKeyUpdateSize = 5; // type, 24-bit length 1, request_update
constexpr unsigned char kUpdateNotRequested = 0;
constexpr unsigned char kUpdateRequested = 1;
constexpr qsizetype kAlertSize = 2;
constexpr std::size_t kMaxKeySize = 32;
constexpr int kSequenceBytes = 8; // the 64-bit record sequence number, XORed into the IV's last bytes (5.3)

// TLS 1.3's cipher suites (B.4)
constexpr quint16 kTlsAes128GcmSha256 = 0x1301;
constexpr quint16 kTlsAes256GcmSha384 = 0x1302;
constexpr quint16 kTlsChaCha20Poly1305Sha256 = 0x1303;

struct SuiteParameters {
    const EVP_CIPHER *cipher;
    const EVP_MD *hash;
    std::size_t keySize;
};

// Fetched once: an implicit fetch per use costs more than the work it is for.
const EVP_CIPHER *fetchedCipher(const char *name)
{
    return EVP_CIPHER_fetch(nullptr, name, nullptr);
}

SuiteParameters parametersOf(TlsRecordLayer::Suite suite)
{
    static const EVP_CIPHER *const aes128 = fetchedCipher("AES-128-GCM");
    static const EVP_CIPHER *const aes256 = fetchedCipher("AES-256-GCM");
    static const EVP_CIPHER *const chacha = fetchedCipher("ChaCha20-Poly1305");
    switch (suite) {
    case TlsRecordLayer::Suite::Aes128GcmSha256: return {aes128, EVP_sha256(), 16};
    case TlsRecordLayer::Suite::Aes256GcmSha384: return {aes256, EVP_sha384(), 32};
    case TlsRecordLayer::Suite::ChaCha20Poly1305Sha256: return {chacha, EVP_sha256(), 32};
    }
    Q_UNREACHABLE();
}

// HKDF-Expand-Label(secret, label, "", out's size) (RFC 8446 7.1).
bool expandLabel(const EVP_MD *hash, QByteArrayView secret, std::string_view label, unsigned char *out,
                 std::size_t size)
{
    static EVP_KDF *const hkdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    constexpr std::string_view kPrefix = "tls13 ";
    unsigned char info[2 + 1 + 255 + 1];
    std::size_t at = 0;
    info[at++] = static_cast<unsigned char>(size >> 8);
    info[at++] = static_cast<unsigned char>(size);
    info[at++] = static_cast<unsigned char>(kPrefix.size() + label.size());
    for (const char c : kPrefix)
        info[at++] = static_cast<unsigned char>(c);
    for (const char c : label)
        info[at++] = static_cast<unsigned char>(c);
    info[at++] = 0; // an empty context
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> kdf(hkdf ? EVP_KDF_CTX_new(hkdf) : nullptr,
                                                                  &EVP_KDF_CTX_free);
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    const OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char *>(EVP_MD_get0_name(hash)), 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char *>(secret.data()),
                                          std::size_t(secret.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, at),
        OSSL_PARAM_construct_end(),
    };
    return kdf && EVP_KDF_derive(kdf.get(), out, size, parameters) == 1;
}

} // namespace

std::unique_ptr<TlsRecordLayer> TlsRecordLayer::takeOver(const ssl_st *ssl, const TlsTrafficSecrets &secrets)
{
    // A session ticket would be an application record OpenSSL wrote after the Finished: none may be issued.
    if (SSL_version(ssl) != TLS1_3_VERSION || !SSL_is_init_finished(ssl) || SSL_pending(ssl) > 0 ||
        SSL_has_pending(ssl) || SSL_get_num_tickets(ssl) != 0 || !secrets.complete())
        return nullptr;
    const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl);
    if (!cipher)
        return nullptr;
    Suite suite;
    switch (SSL_CIPHER_get_protocol_id(cipher)) {
    case kTlsAes128GcmSha256: suite = Suite::Aes128GcmSha256; break;
    case kTlsAes256GcmSha384: suite = Suite::Aes256GcmSha384; break;
    case kTlsChaCha20Poly1305Sha256: suite = Suite::ChaCha20Poly1305Sha256; break;
    default: return nullptr;
    }
    return create(suite, secrets.client(), secrets.server());
}

std::unique_ptr<TlsRecordLayer> TlsRecordLayer::create(Suite suite, QByteArrayView readSecret,
                                                       QByteArrayView writeSecret, quint64 recordsPerKey)
{
    const SuiteParameters parameters = parametersOf(suite);
    const qsizetype hashSize = EVP_MD_get_size(parameters.hash);
    if (!parameters.cipher || readSecret.size() != hashSize || writeSecret.size() != hashSize || recordsPerKey < 2)
        return nullptr;
    std::unique_ptr<TlsRecordLayer> layer(new TlsRecordLayer(suite, recordsPerKey));
    if (!layer->install(layer->m_read, readSecret, false) || !layer->install(layer->m_write, writeSecret, true))
        return nullptr;
    return layer;
}

TlsRecordLayer::~TlsRecordLayer()
{
    for (Direction *direction : {&m_read, &m_write}) {
        EVP_CIPHER_CTX_free(direction->cipher);
        OPENSSL_cleanse(direction->secret.data(), direction->secret.size());
        OPENSSL_cleanse(direction->iv.data(), direction->iv.size());
    }
}

bool TlsRecordLayer::install(Direction &direction, QByteArrayView secret, bool encrypt)
{
    const SuiteParameters parameters = parametersOf(m_suite);
    std::copy(secret.begin(), secret.end(), direction.secret.begin());
    std::array<unsigned char, kMaxKeySize> key{};
    if (!direction.cipher)
        direction.cipher = EVP_CIPHER_CTX_new();
    const bool ok =
        direction.cipher && expandLabel(parameters.hash, secret, "key", key.data(), parameters.keySize) &&
        expandLabel(parameters.hash, secret, "iv", direction.iv.data(), direction.iv.size()) &&
        EVP_CipherInit_ex(direction.cipher, parameters.cipher, nullptr, key.data(), nullptr, encrypt ? 1 : 0) == 1;
    OPENSSL_cleanse(key.data(), key.size());
    direction.sequence = 0;
    return ok || fail("cannot set up the record cipher", 0);
}

bool TlsRecordLayer::update(Direction &direction, bool encrypt)
{
    const EVP_MD *hash = parametersOf(m_suite).hash;
    const qsizetype size = EVP_MD_get_size(hash);
    std::array<unsigned char, kMaxSecret> next{};
    const QByteArrayView current(direction.secret.data(), size);
    const bool ok = expandLabel(hash, current, "traffic upd", next.data(), std::size_t(size)) &&
                    install(direction, QByteArrayView(next.data(), size), encrypt);
    OPENSSL_cleanse(next.data(), next.size());
    return ok || fail("cannot update the record key", 0);
}

void TlsRecordLayer::nonceFor(const Direction &direction, unsigned char *nonce) const
{
    std::copy(direction.iv.begin(), direction.iv.end(), nonce);
    for (int i = 0; i < kSequenceBytes; ++i)
        nonce[kIvSize - 1 - i] ^= static_cast<unsigned char>(direction.sequence >> (8 * i));
}

bool TlsRecordLayer::fail(const char *reason, unsigned char alert)
{
    if (!m_broken) {
        m_broken = reason;
        m_alert = alert;
    }
    return false;
}

std::optional<QByteArray> TlsRecordLayer::seal(QByteArrayView plaintext)
{
    QByteArray out;
    do {
        const QByteArrayView fragment = plaintext.first(std::min(plaintext.size(), kMaxPlaintext));
        if (!sealNext(fragment, QByteArrayView(&kApplicationData, 1), out))
            return std::nullopt;
        plaintext = plaintext.sliced(fragment.size());
    } while (!plaintext.isEmpty());
    return out;
}

std::optional<QByteArray> TlsRecordLayer::sealCloseNotify()
{
    QByteArray out;
    const unsigned char alert[kAlertSize] = {kAlertLevelWarning, kCloseNotify};
    if (!sealNext(QByteArrayView(alert, kAlertSize), QByteArrayView(&kAlert, 1), out))
        return std::nullopt;
    return out;
}

std::optional<QByteArray> TlsRecordLayer::sealFatalAlert()
{
    if (!m_broken || m_alert == 0)
        return std::nullopt;
    const unsigned char alert[kAlertSize] = {kAlertLevelFatal, m_alert};
    QByteArray out; // the write side still works: nothing failed on it
    if (!sealRecord(QByteArrayView(alert, kAlertSize), QByteArrayView(&kAlert, 1), out))
        return std::nullopt;
    return out;
}

std::optional<QByteArray> TlsRecordLayer::sealInnerPlaintext(QByteArrayView inner)
{
    QByteArray out;
    if (!sealNext(inner, {}, out))
        return std::nullopt;
    return out;
}

bool TlsRecordLayer::sealKeyUpdateIfDue(QByteArray &out)
{
    if (!m_updateOwed && m_write.sequence + 1 < m_recordsPerKey)
        return true;
    m_updateOwed = false;
    // One update answers every request so far (4.6.3). It is the last record under the old key: the peer reads
    // what follows with the next one.
    const unsigned char message[kKeyUpdateSize] = {kKeyUpdate, 0, 0, 1, kUpdateNotRequested};
    return sealRecord(QByteArrayView(message, kKeyUpdateSize), QByteArrayView(&kHandshake, 1), out) &&
           update(m_write, true);
}

bool TlsRecordLayer::sealNext(QByteArrayView content, QByteArrayView trailer, QByteArray &out)
{
    return !m_broken && sealKeyUpdateIfDue(out) && sealRecord(content, trailer, out);
}

bool TlsRecordLayer::sealRecord(QByteArrayView content, QByteArrayView trailer, QByteArray &out)
{
    const qsizetype length = content.size() + trailer.size() + kTagSize;
    const qsizetype at = out.size();
    out.resize(at + kHeaderSize + length);
    auto *record = reinterpret_cast<unsigned char *>(out.data() + at);
    record[0] = kApplicationData; // the outer type of every protected record (5.2)
    record[1] = kLegacyVersion[0];
    record[2] = kLegacyVersion[1];
    record[3] = static_cast<unsigned char>(length >> 8);
    record[4] = static_cast<unsigned char>(length);
    unsigned char nonce[kIvSize];
    nonceFor(m_write, nonce);
    unsigned char *body = record + kHeaderSize;
    unsigned char *tag = body + content.size() + trailer.size();
    int n = 0;
    const bool ok =
        EVP_EncryptInit_ex(m_write.cipher, nullptr, nullptr, nullptr, nonce) == 1 &&
        EVP_EncryptUpdate(m_write.cipher, nullptr, &n, record, int(kHeaderSize)) == 1 &&
        EVP_EncryptUpdate(m_write.cipher, body, &n, reinterpret_cast<const unsigned char *>(content.data()),
                          int(content.size())) == 1 &&
        EVP_EncryptUpdate(m_write.cipher, body + content.size(), &n,
                          reinterpret_cast<const unsigned char *>(trailer.data()), int(trailer.size())) == 1 &&
        EVP_EncryptFinal_ex(m_write.cipher, tag, &n) == 1 &&
        EVP_CIPHER_CTX_ctrl(m_write.cipher, EVP_CTRL_AEAD_GET_TAG, int(kTagSize), tag) == 1;
    if (!ok) {
        out.truncate(at);
        return fail("cannot encrypt a record", 0);
    }
    ++m_write.sequence;
    return true;
}

qsizetype TlsRecordLayer::openRecord(unsigned char *record, qsizetype length)
{
    if (m_read.sequence == ~quint64(0)) {
        fail("too many records under one key", kUnexpectedMessage);
        return -1;
    }
    unsigned char nonce[kIvSize];
    nonceFor(m_read, nonce);
    unsigned char *body = record + kHeaderSize;
    const qsizetype sealed = length - kTagSize;
    int n = 0;
    const bool ok = EVP_DecryptInit_ex(m_read.cipher, nullptr, nullptr, nullptr, nonce) == 1 &&
                    EVP_DecryptUpdate(m_read.cipher, nullptr, &n, record, int(kHeaderSize)) == 1 &&
                    EVP_DecryptUpdate(m_read.cipher, body, &n, body, int(sealed)) == 1 &&
                    EVP_CIPHER_CTX_ctrl(m_read.cipher, EVP_CTRL_AEAD_SET_TAG, int(kTagSize), body + sealed) == 1 &&
                    EVP_DecryptFinal_ex(m_read.cipher, body + sealed, &n) == 1;
    if (!ok) {
        fail("a record does not authenticate", kBadRecordMac);
        return -1;
    }
    ++m_read.sequence;
    return sealed;
}

bool TlsRecordLayer::handshakeMessage(const unsigned char *message, qsizetype size)
{
    // After the handshake a client may send only KeyUpdate (no post-handshake authentication is asked for), and
    // it must end its record: the next record is under the next key (4.6.3, 5.1). One split across records is
    // not taken either.
    if (size < 1 || message[0] != kKeyUpdate)
        return fail("an unexpected handshake message", kUnexpectedMessage);
    if (size != kKeyUpdateSize || message[1] != 0 || message[2] != 0 || message[3] != 1)
        return fail("a key update of the wrong size", kDecodeError);
    if (message[4] != kUpdateNotRequested && message[4] != kUpdateRequested)
        return fail("a key update with an illegal parameter", kIllegalParameter);
    if (message[4] == kUpdateRequested)
        m_updateOwed = true;
    return update(m_read, false);
}

TlsRecordLayer::Opened TlsRecordLayer::open(QByteArray &in)
{
    Opened opened{Status::More, {}};
    qsizetype at = 0;
    while (!m_broken && opened.status == Status::More && in.size() - at >= kHeaderSize) {
        auto *record = reinterpret_cast<unsigned char *>(in.data() + at);
        const qsizetype length = qsizetype(record[3]) << 8 | record[4];
        if (record[0] != kApplicationData) {
            fail("a record of an unexpected type", kUnexpectedMessage);
            break;
        }
        // The inner plaintext (content, type, padding) is at least its type.
        if (length > kMaxRecordBody || length <= kTagSize) {
            fail("a record of an illegal length", kRecordOverflow);
            break;
        }
        if (in.size() - at < kHeaderSize + length)
            break;
        qsizetype inner = openRecord(record, length);
        if (inner < 0)
            break;
        at += kHeaderSize + length;
        const unsigned char *body = record + kHeaderSize;
        while (inner > 0 && body[inner - 1] == 0) // padding (5.4)
            --inner;
        if (inner == 0) {
            fail("a record without a content type", kUnexpectedMessage);
            break;
        }
        const unsigned char contentType = body[inner - 1];
        const qsizetype size = inner - 1;
        switch (contentType) {
        case kApplicationData: opened.plaintext.append(reinterpret_cast<const char *>(body), size); break;
        case kAlert:
            if (size != kAlertSize || body[1] != kCloseNotify)
                fail("an alert from the peer", 0); // the peer is gone: nothing to tell it
            else
                opened.status = Status::PeerClosed; // what follows close_notify is not read (6.1)
            break;
        case kHandshake: handshakeMessage(body, size); break;
        default: fail("a record of an unexpected content type", kUnexpectedMessage); break;
        }
    }
    if (m_broken)
        opened.status = Status::Broken;
    if (at == in.size())
        in = QByteArray(); // an idle link keeps no buffer
    else if (at > 0)
        in.remove(0, at);
    return opened;
}

} // namespace parley::server
