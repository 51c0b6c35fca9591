#include "server/tls/tlscontext.h"

#include "server/tls/tlspolicy.h"
#include "server/tls/tlstrafficsecrets.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

Error openSslError(const QString &what)
{
    char reason[256] = {};
    ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
    ERR_clear_error();
    return Error(ErrorCode::Internal, u"%1: %2"_s.arg(what, QString::fromLatin1(reason)));
}

} // namespace

Result<std::shared_ptr<TlsContext>> TlsContext::fromPem(const QByteArray &certificatePem,
                                                        const QByteArray &privateKeyPem)
{
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_server_method()), &SSL_CTX_free);
    if (!ctx)
        return openSslError(u"cannot create a TLS context"_s);
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> certificate(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr),
                                                            &X509_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(
        BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())), &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    if (!certificate || !key)
        return openSslError(u"cannot read the TLS certificate or key"_s);
    if (SSL_CTX_use_certificate(ctx.get(), certificate.get()) != 1 ||
        SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1 || SSL_CTX_check_private_key(ctx.get()) != 1)
        return openSslError(u"the TLS certificate and key do not fit"_s);
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    if (SSL_CTX_set_cipher_list(ctx.get(), tlspolicy::kTls12Ciphers) != 1)
        return openSslError(u"cannot set the TLS 1.2 cipher list"_s);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr); // clients authenticate with tokens
    SSL_CTX_set_mode(ctx.get(),
                     SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ctx.get(), 0);
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_keylog_callback(ctx.get(), &TlsTrafficSecrets::onKeyLog); // for the links that watch their secrets
    return std::shared_ptr<TlsContext>(new TlsContext(ctx.release()));
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}

} // namespace parley::server
