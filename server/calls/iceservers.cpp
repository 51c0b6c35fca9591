#include "server/calls/iceservers.h"

#include <QMessageAuthenticationCode>

namespace parley::server {

using namespace Qt::StringLiterals;

void IceServers::fill(v1::CallInfo &info, const QString &uid, qint64 nowMs) const
{
    if (!m_config.stunUrls.isEmpty()) {
        v1::IceServer *stun = info.add_ice_servers();
        for (const QString &url : m_config.stunUrls)
            stun->add_urls(url.toStdString());
    }
    if (!m_config.turnUrls.isEmpty() && !m_config.turnSecret.isEmpty()) {
        v1::IceServer *turn = info.add_ice_servers();
        for (const QString &url : m_config.turnUrls)
            turn->add_urls(url.toStdString());
        const QString username = turnUsername(nowMs / 1000 + m_config.turnTtlS, uid);
        turn->set_username(username.toStdString());
        turn->set_credential(turnCredential(m_config.turnSecret, username).toStdString());
    }
}

QString IceServers::turnUsername(qint64 expiresAtS, const QString &uid)
{
    return QString::number(expiresAtS) + u':' + uid;
}

QString IceServers::turnCredential(const QByteArray &secret, const QString &username)
{
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(username.toUtf8(), secret, QCryptographicHash::Sha1).toBase64());
}

} // namespace parley::server
