#include "server/storage/lockkey.h"

#include <QCryptographicHash>
#include <QString>
#include <QtEndian>

namespace parley::server {

qint64 LockKey::of(const QByteArray &name)
{
    const QByteArray digest = QCryptographicHash::hash(name, QCryptographicHash::Sha256);
    return qFromBigEndian<qint64>(digest.constData());
}

qint64 LockKey::ofUser(qint64 userId)
{
    return of("user:" + QByteArray::number(userId));
}

qint64 LockKey::ofContent(const QByteArray &sha256)
{
    return of("content:" + sha256);
}

qint64 LockKey::ofCall(const QString &callId)
{
    return of("call:" + callId.toUtf8());
}

qint64 LockKey::ofCallsOf(const QString &uid)
{
    return of("calls-of:" + uid.toUtf8());
}

qint64 LockKey::ofMessage(qint64 messageUid)
{
    return of("message:" + QByteArray::number(messageUid));
}

} // namespace parley::server
