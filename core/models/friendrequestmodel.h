#pragma once

#include "core/models/keyedlistmodel.h"
#include "core/types/friendrequest.h"

#include <functional>

namespace parley {

class Client;

// Friend requests to and from me, newest first, for the "New friends" page; pendingCount is the badge:
// requests that wait for my answer. Fed by PeopleApi: its current requests, then friendRequestsReset.
class FriendRequestModel : public KeyedListModel<FriendRequest> {
    Q_OBJECT
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)

public:
    enum Role {
        RequestIdRole = Qt::UserRole + 1,
        UserIdRole, // the other person
        DisplayNameRole,
        AvatarRole,
        GreetingRole,
        StatusRole, // FriendRequest::Status as int
        IncomingRole,
        AwaitsMeRole,
        UpdatedAtRole,
    };

    // `now` is the clock that decides expiry (a fake one in tests).
    explicit FriendRequestModel(Client *client, QObject *parent = nullptr, std::function<qint64()> now = defaultNow());

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int pendingCount() const { return m_pendingCount; }
    void setRequests(const QList<FriendRequest> &requests);

Q_SIGNALS:
    void pendingCountChanged(int count);

protected:
    QString keyOf(const FriendRequest &r) const override { return QString::number(r.id); }

private:
    static std::function<qint64()> defaultNow();

    std::function<qint64()> m_now;
    int m_pendingCount = 0;
};

} // namespace parley
