#include "server/files/filegrants.h"

#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace parley::server {

namespace {

constexpr int kHeaderBytes = 1 + 8 + 8; // purpose, user id, expiry
constexpr int kMacBytes = 32;

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

QByteArray FileGrants::mac(const QByteArray &payload) const
{
    return QMessageAuthenticationCode::hash(payload, m_key, QCryptographicHash::Sha256);
}

QString FileGrants::issue(const Grant &grant) const
{
    QByteArray payload(kHeaderBytes, '\0');
    payload[0] = char(grant.purpose);
    qToBigEndian<qint64>(grant.userId, payload.data() + 1);
    qToBigEndian<qint64>(grant.expiresAtMs, payload.data() + 9);
    payload += grant.scope;
    const QByteArray token = payload + mac(payload);
    return QString::fromLatin1(token.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<FileGrants::Grant> FileGrants::verify(const QString &token, Purpose purpose, qint64 nowMs) const
{
    const QByteArray bytes =
        QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (bytes.size() < kHeaderBytes + kMacBytes)
        return std::nullopt;
    const QByteArray payload = bytes.first(bytes.size() - kMacBytes);
    if (!equalInConstantTime(mac(payload), bytes.last(kMacBytes)))
        return std::nullopt;
    Grant grant;
    grant.purpose = Purpose(quint8(payload[0]));
    grant.userId = qFromBigEndian<qint64>(payload.constData() + 1);
    grant.expiresAtMs = qFromBigEndian<qint64>(payload.constData() + 9);
    grant.scope = payload.mid(kHeaderBytes);
    if (grant.purpose != purpose || nowMs >= grant.expiresAtMs)
        return std::nullopt;
    return grant;
}

} // namespace parley::server
