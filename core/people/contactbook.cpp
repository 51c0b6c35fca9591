#include "core/people/contactbook.h"

#include "core/logging.h"
#include "core/net/connection.h"
#include "core/storage/peoplerepository.h"

namespace parley {

using namespace Qt::StringLiterals;

ContactBook::ContactBook(QString selfUserId, PeopleRepository &people, Connection &connection, QObject *parent)
    : QObject(parent), m_self(std::move(selfUserId)), m_people(people), m_connection(connection)
{
}

void ContactBook::onSynced(const ChangeSet &changes)
{
    if (changes.contactsChanged) {
        publishContacts();
        if (std::optional<UserProfile> me = m_people.profile(m_self))
            Q_EMIT myProfileChanged(*me);
    }
    if (changes.requestsChanged)
        publishRequests();
}

void ContactBook::publishCached()
{
    publishContacts();
    publishRequests();
    if (std::optional<UserProfile> me = m_people.profile(m_self))
        Q_EMIT myProfileChanged(*me);
}

void ContactBook::publishContacts()
{
    Q_EMIT contactsReset(m_people.contacts());
}

void ContactBook::publishRequests()
{
    Q_EMIT friendRequestsReset(m_people.requests());
}

void ContactBook::storeContacts(const QList<Contact> &contacts)
{
    if (!m_people.replaceContacts(contacts)) {
        Q_EMIT storageFailed(Error(ErrorCode::StorageFailure, u"could not store the contacts"_s));
        return;
    }
    publishContacts();
}

void ContactBook::onOnline()
{
    m_connection.request(SubSignal::MMI, v1::ModifyMyInfoRequest(), [this](Result<v1::Result> reply) {
        if (!reply)
            return;
        const UserProfile me = PeopleRepository::fromWire(reply->my_info().profile());
        if (m_people.putProfile(me))
            Q_EMIT myProfileChanged(me);
        Q_EMIT findableByPhoneChanged(reply->my_info().findable_by_phone());
    });
    m_connection.request(SubSignal::FP, v1::FriendListRequest(), [this](Result<v1::Result> reply) {
        if (!reply) {
            qCInfo(lcSync) << "contact list not fetched:" << reply.error().message;
            return;
        }
        QList<Contact> contacts;
        for (const v1::Contact &c : reply->contacts().contacts())
            contacts.append(PeopleRepository::fromWire(c));
        storeContacts(contacts);
    });
    m_connection.request(SubSignal::FRP, v1::FriendRequestsRequest(), [this](Result<v1::Result> reply) {
        if (!reply)
            return;
        QList<FriendRequest> requests;
        for (const v1::FriendRequest &r : reply->friend_requests().requests())
            requests.append(m_people.fromWire(r));
        if (!m_people.replaceRequests(requests)) {
            Q_EMIT storageFailed(Error(ErrorCode::StorageFailure, u"could not store the friend requests"_s));
            return;
        }
        publishRequests();
    });
}

void ContactBook::search(const QString &query)
{
    v1::UserSearchRequest request;
    request.set_query(query.trimmed().toStdString());
    m_connection.request(SubSignal::US, request, [this, query](Result<v1::Result> reply) {
        QList<UserProfile> users;
        if (reply) {
            for (const v1::UserProfile &p : reply->users().users())
                users.append(PeopleRepository::fromWire(p));
        }
        Q_EMIT searchFinished(query, users, reply ? Error() : reply.error());
    });
}

void ContactBook::fetchProfiles(const QStringList &userIds)
{
    v1::UserInfoRequest request;
    for (const QString &id : userIds)
        request.add_user_ids(id.toStdString());
    m_connection.request(SubSignal::UPUI, request, [this](Result<v1::Result> reply) {
        if (!reply)
            return;
        QList<UserProfile> profiles;
        for (const v1::UserProfile &p : reply->users().users()) {
            profiles.append(PeopleRepository::fromWire(p));
            m_people.putProfile(profiles.last());
        }
        Q_EMIT profilesFetched(profiles);
    });
}

void ContactBook::updateMyProfile(const ProfileChange &change)
{
    v1::ModifyMyInfoRequest request;
    if (change.nickname)
        request.set_nickname(change.nickname->toStdString());
    if (change.avatar)
        request.set_avatar(change.avatar->toStdString());
    if (change.signature)
        request.set_signature(change.signature->toStdString());
    if (change.findableByPhone)
        request.set_findable_by_phone(*change.findableByPhone);
    m_connection.request(SubSignal::MMI, request, [this](Result<v1::Result> reply) {
        if (!reply) {
            Q_EMIT actionFailed(PeopleAction::UpdateProfile, reply.error());
            return;
        }
        const UserProfile me = PeopleRepository::fromWire(reply->my_info().profile());
        if (m_people.putProfile(me))
            Q_EMIT myProfileChanged(me);
        Q_EMIT findableByPhoneChanged(reply->my_info().findable_by_phone());
    });
}

void ContactBook::sendFriendRequest(const QString &userId, const QString &greeting)
{
    v1::AddFriendRequest request;
    request.set_user_id(userId.toStdString());
    request.set_greeting(greeting.toStdString());
    m_connection.request(SubSignal::FAR, request,
                         [this](Result<v1::Result> reply) { onRequestReply(PeopleAction::SendFriendRequest, reply); });
}

void ContactBook::answerFriendRequest(qint64 requestId, bool accept, const QString &remark)
{
    v1::HandleFriendRequest request;
    request.set_request_id(requestId);
    request.set_accept(accept);
    request.set_remark(remark.toStdString());
    // The new contact arrives as an inbox item; the request's new state is in the reply.
    m_connection.request(SubSignal::FHR, request, [this](Result<v1::Result> reply) {
        onRequestReply(PeopleAction::AnswerFriendRequest, reply);
    });
}

void ContactBook::onContactReply(PeopleAction action, const Result<v1::Result> &reply)
{
    if (!reply) {
        Q_EMIT actionFailed(action, reply.error());
        return;
    }
    if (!m_people.putContact(PeopleRepository::fromWire(reply->contact()))) {
        Q_EMIT storageFailed(Error(ErrorCode::StorageFailure, u"could not store the contact"_s));
        return;
    }
    publishContacts();
}

void ContactBook::onRequestReply(PeopleAction action, const Result<v1::Result> &reply)
{
    if (!reply) {
        Q_EMIT actionFailed(action, reply.error());
        return;
    }
    m_people.putRequest(m_people.fromWire(reply->friend_request().request()));
    publishRequests();
}

void ContactBook::setRemark(const QString &userId, const QString &remark)
{
    v1::SetRemarkRequest request;
    request.set_user_id(userId.toStdString());
    request.set_remark(remark.toStdString());
    m_connection.request(SubSignal::FRM, request,
                         [this](Result<v1::Result> reply) { onContactReply(PeopleAction::SetRemark, reply); });
}

void ContactBook::deleteFriend(const QString &userId)
{
    v1::UserRef request;
    request.set_user_id(userId.toStdString());
    m_connection.request(SubSignal::FDL, request,
                         [this](Result<v1::Result> reply) { onContactReply(PeopleAction::DeleteFriend, reply); });
}

void ContactBook::setBlocked(const QString &userId, bool blocked)
{
    v1::BlockRequest request;
    request.set_user_id(userId.toStdString());
    request.set_blocked(blocked);
    m_connection.request(SubSignal::BLK, request,
                         [this](Result<v1::Result> reply) { onContactReply(PeopleAction::Block, reply); });
}

} // namespace parley
