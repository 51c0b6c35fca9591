#include "server/tls/tlsrecordlayer.h"

#include "server/tls/tlstrafficsecrets.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ssl.h>

#include <string_view>

namespace parley::server {

namespace {

// RFC 8446 5.1 and B.3
constexpr unsigned char kApplicationData = 23;
constexpr unsigned char kAlert = 21;
constexpr unsigned char kHandshake = 22;
constexpr unsigned char kKeyUpdate = 24;
constexpr unsigned char kCloseNotify = 0;
constexpr unsigned char kAlertLevelWarning = 1;
constexpr qsizetype kKeyUpdateSize = 5; // type, 24-bit length 1, request_update
constexpr qsizetype kAlertSize = 2;

struct SuiteParameters {
    const EVP_CIPHER *cipher;
    const EVP_MD *hash;
    std::size_t keySize;
};

SuiteParameters parametersOf(TlsRecordLayer::Suite suite)
{
    switch (suite) {
    case TlsRecordLayer::Suite::Aes128GcmSha256: return {EVP_aes_128_gcm(), EVP_sha256(), 16};
    case TlsRecordLayer::Suite::Aes256GcmSha384: return {EVP_aes_256_gcm(), EVP_sha384(), 32};
    case TlsRecordLayer::Suite::ChaCha20Poly1305Sha256: return {EVP_chacha20_poly1305(), EVP_sha256(), 32};
    }
    Q_UNREACHABLE();
}

// HKDF-Expand-Label(secret, label, "", out's size) (RFC 8446 7.1).
bool expandLabel(const EVP_MD *hash, QByteArrayView secret, std::string_view label, unsigned char *out,
                 std::size_t size)
{
    // Fetched once: an implicit fetch per derivation cost ~4 µs of the ~5 µs each link's four take.
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
    // Session tickets would be application records OpenSSL wrote after the Finished: none are issued.
    if (SSL_version(ssl) != TLS1_3_VERSION || !SSL_is_init_finished(ssl) || SSL_pending(ssl) > 0 ||
        SSL_has_pending(ssl) || SSL_CTX_get_num_tickets(SSL_get_SSL_CTX(ssl)) != 0 || !secrets.complete())
        return nullptr;
    const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl);
    if (!cipher)
        return nullptr;
    Suite suite;
    switch (SSL_CIPHER_get_protocol_id(cipher)) {
    case 0x1301: suite = Suite::Aes128GcmSha256; break;
    case 0x1302: suite = Suite::Aes256GcmSha384; break;
    case 0x1303: suite = Suite::ChaCha20Poly1305Sha256; break;
    default: return nullptr;
    }
    if (secrets.client().size() != EVP_MD_get_size(parametersOf(suite).hash))
        return nullptr;
    return create(suite, secrets.client(), secrets.server());
}

std::unique_ptr<TlsRecordLayer> TlsRecordLayer::create(Suite suite, QByteArrayView readSecret,
                                                       QByteArrayView writeSecret, quint64 recordsPerKey)
{
    const qsizetype hashSize = EVP_MD_get_size(parametersOf(suite).hash);
    if (readSecret.size() != hashSize || writeSecret.size() != hashSize || recordsPerKey < 2)
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
    std::array<unsigned char, 32> key{};
    if (!direction.cipher)
        direction.cipher = EVP_CIPHER_CTX_new();
    const bool ok =
        direction.cipher && expandLabel(parameters.hash, secret, "key", key.data(), parameters.keySize) &&
        expandLabel(parameters.hash, secret, "iv", direction.iv.data(), direction.iv.size()) &&
        EVP_CipherInit_ex(direction.cipher, parameters.cipher, nullptr, key.data(), nullptr, encrypt ? 1 : 0) == 1;
    OPENSSL_cleanse(key.data(), key.size());
    direction.sequence = 0;
    return ok || fail("cannot set up the record cipher");
}

bool TlsRecordLayer::update(Direction &direction, bool encrypt)
{
    const SuiteParameters parameters = parametersOf(m_suite);
    const qsizetype size = EVP_MD_get_size(parameters.hash);
    std::array<unsigned char, kMaxSecret> next{};
    const QByteArrayView current(direction.secret.data(), size);
    const bool ok = expandLabel(parameters.hash, current, "traffic upd", next.data(), std::size_t(size)) &&
                    install(direction, QByteArrayView(next.data(), size), encrypt);
    OPENSSL_cleanse(next.data(), next.size());
    return ok || fail("cannot update the record key");
}

void TlsRecordLayer::nonceFor(const Direction &direction, unsigned char *nonce) const
{
    std::copy(direction.iv.begin(), direction.iv.end(), nonce);
    for (int i = 0; i < 8; ++i)
        nonce[kIvSize - 1 - i] ^= static_cast<unsigned char>(direction.sequence >> (8 * i));
}

bool TlsRecordLayer::fail(const char *reason)
{
    if (!m_broken)
        m_broken = reason;
    return false;
}

bool TlsRecordLayer::seal(QByteArrayView plaintext, QByteArray &out)
{
    do {
        const QByteArrayView fragment = plaintext.first(std::min(plaintext.size(), kMaxPlaintext));
        if (!sealRecord(kApplicationData, fragment, out))
            return false;
        plaintext = plaintext.sliced(fragment.size());
    } while (!plaintext.isEmpty());
    return true;
}

bool TlsRecordLayer::sealCloseNotify(QByteArray &out)
{
    const unsigned char alert[kAlertSize] = {kAlertLevelWarning, kCloseNotify};
    return sealRecord(kAlert, QByteArrayView(alert, kAlertSize), out);
}

bool TlsRecordLayer::sealKeyUpdate(bool requestUpdate, QByteArray &out)
{
    const unsigned char message[kKeyUpdateSize] = {kKeyUpdate, 0, 0, 1, static_cast<unsigned char>(requestUpdate)};
    // The last record under the old key: the peer reads what follows with the next one.
    return sealRecord(kHandshake, QByteArrayView(message, kKeyUpdateSize), out) && update(m_write, true);
}

bool TlsRecordLayer::sealRecord(unsigned char contentType, QByteArrayView fragment, QByteArray &out)
{
    if (m_broken)
        return false;
    if (contentType != kHandshake && m_write.sequence + 1 >= m_recordsPerKey && !sealKeyUpdate(false, out))
        return false;
    const qsizetype length = fragment.size() + 1 + kTagSize;
    const qsizetype at = out.size();
    out.resize(at + kHeaderSize + length);
    auto *record = reinterpret_cast<unsigned char *>(out.data() + at);
    record[0] = kApplicationData; // the outer type of every protected record (5.2)
    record[1] = 3;
    record[2] = 3;
    record[3] = static_cast<unsigned char>(length >> 8);
    record[4] = static_cast<unsigned char>(length);
    unsigned char nonce[kIvSize];
    nonceFor(m_write, nonce);
    unsigned char *body = record + kHeaderSize;
    int n = 0;
    const bool ok =
        EVP_EncryptInit_ex(m_write.cipher, nullptr, nullptr, nullptr, nonce) == 1 &&
        EVP_EncryptUpdate(m_write.cipher, nullptr, &n, record, int(kHeaderSize)) == 1 &&
        EVP_EncryptUpdate(m_write.cipher, body, &n, reinterpret_cast<const unsigned char *>(fragment.data()),
                          int(fragment.size())) == 1 &&
        EVP_EncryptUpdate(m_write.cipher, body + fragment.size(), &n, &contentType, 1) == 1 &&
        EVP_EncryptFinal_ex(m_write.cipher, body + fragment.size() + 1, &n) == 1 &&
        EVP_CIPHER_CTX_ctrl(m_write.cipher, EVP_CTRL_AEAD_GET_TAG, int(kTagSize), body + fragment.size() + 1) == 1;
    if (!ok) {
        out.truncate(at);
        return fail("cannot encrypt a record");
    }
    ++m_write.sequence;
    return true;
}

qsizetype TlsRecordLayer::openRecord(unsigned char *record, qsizetype length)
{
    if (m_read.sequence == ~quint64(0)) {
        fail("too many records under one key");
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
        fail("a record does not authenticate");
        return -1;
    }
    ++m_read.sequence;
    return sealed;
}

bool TlsRecordLayer::handshakeMessage(const unsigned char *message, qsizetype size, QByteArray &out)
{
    // After the handshake a client may send only KeyUpdate (no post-handshake authentication is asked for), and
    // it must end its record: the next record is under the next key (4.6.3, 5.1).
    if (size != kKeyUpdateSize || message[0] != kKeyUpdate || message[1] != 0 || message[2] != 0 || message[3] != 1)
        return fail("an unexpected handshake message");
    if (message[4] > 1)
        return fail("a key update with an illegal parameter");
    if (!update(m_read, false))
        return false;
    return message[4] == 0 || sealKeyUpdate(false, out);
}

TlsRecordLayer::Status TlsRecordLayer::open(QByteArray &in, QByteArray &plaintext, QByteArray &out)
{
    if (m_broken)
        return Status::Broken;
    Status status = Status::More;
    qsizetype at = 0;
    while (status == Status::More && in.size() - at >= kHeaderSize) {
        auto *record = reinterpret_cast<unsigned char *>(in.data() + at);
        const qsizetype length = qsizetype(record[3]) << 8 | record[4];
        if (record[0] != kApplicationData) {
            fail("a record of an unexpected type");
            return Status::Broken;
        }
        if (length > kMaxCiphertext || length <= kTagSize) {
            fail("a record of an illegal length");
            return Status::Broken;
        }
        if (in.size() - at < kHeaderSize + length)
            break;
        qsizetype inner = openRecord(record, length);
        if (inner < 0)
            return Status::Broken;
        at += kHeaderSize + length;
        const unsigned char *body = record + kHeaderSize;
        while (inner > 0 && body[inner - 1] == 0) // padding (5.4)
            --inner;
        if (inner == 0) {
            fail("a record without a content type");
            return Status::Broken;
        }
        const unsigned char contentType = body[inner - 1];
        const qsizetype size = inner - 1;
        if (size > kMaxPlaintext) {
            fail("a record's plaintext is too long");
            return Status::Broken;
        }
        switch (contentType) {
        case kApplicationData: plaintext.append(reinterpret_cast<const char *>(body), size); break;
        case kAlert:
            if (size != kAlertSize || body[1] != kCloseNotify) {
                fail("an alert from the peer");
                return Status::Broken;
            }
            status = Status::PeerClosed; // what follows close_notify is not read (6.1)
            break;
        case kHandshake:
            if (!handshakeMessage(body, size, out))
                return Status::Broken;
            break;
        default: fail("a record of an unexpected content type"); return Status::Broken;
        }
    }
    if (at == in.size())
        in = QByteArray(); // an idle link keeps no buffer
    else if (at > 0)
        in.remove(0, at);
    return status;
}

} // namespace parley::server
