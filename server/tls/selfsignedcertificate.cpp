#include "server/tls/selfsignedcertificate.h"

#include "common/securerandom.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T *p) const
    {
        Free(p);
    }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

QByteArray pem(const std::function<int(BIO *)> &write)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

Result<Done> writeFile(const QString &path, const QByteArray &bytes, QFile::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || !file.setPermissions(permissions) ||
        file.write(bytes) != bytes.size())
        return Error(ErrorCode::StorageFailure, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return Done{};
}

Error failure(const char *step)
{
    return Error(ErrorCode::Internal,
                 u"creating the self-signed certificate failed at %1"_s.arg(QLatin1StringView(step)));
}

} // namespace

Result<Done> SelfSignedCertificate::create(const QString &certificatePath, const QString &privateKeyPath)
{
    PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return failure("key generation");
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1)
        return failure("certificate");

    const QByteArray serialBytes = secureRandomBytes(16);
    BnPtr serial(BN_bin2bn(reinterpret_cast<const unsigned char *>(serialBytes.constData()), 15, nullptr));
    if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return failure("serial number");
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(kValidDays) * 24 * 3600);
    if (X509_set_pubkey(cert.get(), key.get()) != 1)
        return failure("public key");

    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("Parley"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("parleyd local"), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (!addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1") ||
        !addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), NID_key_usage, "critical,digitalSignature") ||
        !addExtension(cert.get(), NID_ext_key_usage, "serverAuth"))
        return failure("extensions");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        return failure("signature");

    const QByteArray keyPem =
        pem([&](BIO *bio) { return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
    const QByteArray certPem = pem([&](BIO *bio) { return PEM_write_bio_X509(bio, cert.get()); });
    if (keyPem.isEmpty() || certPem.isEmpty())
        return failure("PEM encoding");
    if (auto written = writeFile(privateKeyPath, keyPem, QFile::ReadOwner | QFile::WriteOwner); !written)
        return written;
    return writeFile(certificatePath, certPem,
                     QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

} // namespace parley::server
