#include "tests/support/testtlscontext.h"

#include "server/tls/selfsignedcertificate.h"

#include <QDir>
#include <QFile>
#include <QtDebug>

using namespace Qt::StringLiterals;

std::shared_ptr<parley::server::TlsContext> testTlsContext(const QString &dir)
{
    const QString cert = QDir(dir).filePath(u"cert.pem"_s), key = QDir(dir).filePath(u"key.pem"_s);
    if (!parley::server::SelfSignedCertificate::create(cert, key)) {
        qWarning() << "cannot make a test certificate in" << dir;
        return nullptr;
    }
    QFile certFile(cert), keyFile(key);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return nullptr;
    auto context = parley::server::TlsContext::fromPem(certFile.readAll(), keyFile.readAll());
    if (!context) {
        qWarning() << "cannot make a test TLS context:" << context.error().message;
        return nullptr;
    }
    return *context;
}
