#include "core/models/friendrequestmodel.h"

#include "core/client.h"

#include <QDateTime>

namespace parley {

std::function<qint64()> FriendRequestModel::defaultNow()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

FriendRequestModel::FriendRequestModel(Client *client, QObject *parent, std::function<qint64()> now)
    : KeyedListModel<FriendRequest>(parent), m_now(std::move(now))
{
    if (!client)
        return;
    setRequests(client->people().friendRequests());
    connect(&client->people(), &PeopleApi::friendRequestsReset, this, &FriendRequestModel::setRequests);
}

void FriendRequestModel::setRequests(const QList<FriendRequest> &requests)
{
    QList<FriendRequest> sorted = requests;
    std::stable_sort(sorted.begin(), sorted.end(), [](const FriendRequest &a, const FriendRequest &b) {
        return a.updatedAtMs != b.updatedAtMs ? a.updatedAtMs > b.updatedAtMs : a.id > b.id;
    });
    update(sorted);
    const qint64 now = m_now();
    const int pending =
        int(std::count_if(sorted.cbegin(), sorted.cend(), [now](const FriendRequest &r) { return r.awaitsMe(now); }));
    if (pending != m_pendingCount) {
        m_pendingCount = pending;
        Q_EMIT pendingCountChanged(pending);
    }
}

QVariant FriendRequestModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const FriendRequest &r = rows().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole: return r.other().displayName();
    case RequestIdRole: return r.id;
    case UserIdRole: return r.other().userId;
    case AvatarRole: return r.other().avatar;
    case GreetingRole: return r.greeting;
    case StatusRole:
        return int(r.status == FriendRequest::Status::Pending && m_now() >= r.expiresAtMs
                       ? FriendRequest::Status::Expired
                       : r.status);
    case IncomingRole: return r.incoming;
    case AwaitsMeRole: return r.awaitsMe(m_now());
    case UpdatedAtRole: return r.updatedAtMs;
    default: return {};
    }
}

QHash<int, QByteArray> FriendRequestModel::roleNames() const
{
    return {{RequestIdRole, "requestId"}, {UserIdRole, "userId"},     {DisplayNameRole, "displayName"},
            {AvatarRole, "avatar"},       {GreetingRole, "greeting"}, {StatusRole, "status"},
            {IncomingRole, "incoming"},   {AwaitsMeRole, "awaitsMe"}, {UpdatedAtRole, "updatedAt"}};
}

} // namespace parley
