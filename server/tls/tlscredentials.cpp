#include "server/tls/tlscredentials.h"

#include "server/logging.h"
#include "server/tls/selfsignedcertificate.h"
#include "server/tls/tlspolicy.h"

#include <QDir>
#include <QFile>
#include <QSslCipher>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::StorageFailure, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

Result<TlsCredentials> TlsCredentials::load(const QString &certificatePath, const QString &privateKeyPath,
                                            const QString &dataDir)
{
    QString certPath = certificatePath;
    QString keyPath = privateKeyPath;
    if (certPath.isEmpty()) {
        const QDir tlsDir(QDir(dataDir).filePath(u"tls"_s));
        if (!QDir().mkpath(tlsDir.path()))
            return Error(ErrorCode::StorageFailure, u"cannot create %1"_s.arg(tlsDir.path()));
        certPath = tlsDir.filePath(u"cert.pem"_s);
        keyPath = tlsDir.filePath(u"key.pem"_s);
        if (!QFile::exists(certPath) || !QFile::exists(keyPath)) {
            if (auto created = SelfSignedCertificate::create(certPath, keyPath); !created)
                return created.error();
            qCInfo(lcServer) << "created a self-signed certificate in" << tlsDir.path();
        }
    }
    const Result<QByteArray> certPem = readFile(certPath);
    if (!certPem)
        return certPem.error();
    const Result<QByteArray> keyPem = readFile(keyPath);
    if (!keyPem)
        return keyPem.error();

    TlsCredentials credentials;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem.value(), QSsl::Pem);
    if (chain.isEmpty())
        return Error(ErrorCode::MalformedRequest, u"%1 holds no PEM certificate"_s.arg(certPath));
    credentials.m_certificate = chain.first();
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        credentials.m_key = QSslKey(keyPem.value(), algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!credentials.m_key.isNull())
            break;
    }
    if (credentials.m_key.isNull())
        return Error(ErrorCode::MalformedRequest, u"%1 holds no EC or RSA private key"_s.arg(keyPath));
    return credentials;
}

QString TlsCredentials::fingerprint() const
{
    return QString::fromLatin1(m_certificate.digest(QCryptographicHash::Sha256).toHex());
}

QSslConfiguration TlsCredentials::serverConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(m_certificate);
    config.setPrivateKey(m_key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    const QStringList tls12 = QString::fromLatin1(tlspolicy::kTls12Ciphers).split(u':');
    QList<QSslCipher> ciphers; // the TLS 1.2 suites of tlspolicy.h, and TLS 1.3's
    for (const QSslCipher &cipher : QSslConfiguration::supportedCiphers()) {
        if (cipher.protocol() == QSsl::TlsV1_3 || tls12.contains(cipher.name()))
            ciphers.append(cipher);
    }
    config.setCiphers(ciphers);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with tokens, not certificates
    config.setCaCertificates({});                     // nothing to verify: keep the per-link context small
    return config;
}

} // namespace parley::server
