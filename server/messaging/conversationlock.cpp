#include "server/messaging/conversationlock.h"

#include "protocol/limits.h"
#include "server/messaging/receiptledger.h"
#include "server/storage/lockkey.h"

namespace parley::server {

qint64 ConversationLock::keyOf(const QString &me, v1::ConversationType type, const std::string &target)
{
    if (type == v1::CONVERSATION_GROUP)
        return ofGroup(QString::fromStdString(target));
    const QByteArray mine = me.toUtf8();
    const QByteArray theirs = QByteArray::fromStdString(target);
    return LockKey::of("private:" + std::min(mine, theirs) + ':' + std::max(mine, theirs));
}

qint64 ConversationLock::ofGroup(const QString &groupId)
{
    return LockKey::of("group:" + groupId.toUtf8());
}

QList<qint64> ConversationLock::keysOf(const QString &me, const v1::ProgressReport &report)
{
    QList<qint64> keys;
    const int points = std::min(report.points_size(), limits::kMaxProgressPoints);
    keys.reserve(points);
    for (int i = 0; i < points; ++i)
        keys.append(keyOf(me, report.points(i).conversation_type(), report.points(i).target()));
    return keys;
}

} // namespace parley::server
