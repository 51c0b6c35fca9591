#include "core/people/contactbook.h"

#include "common/threadaffinity.h"
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
    PARLEY_ASSERT_OWN_THREAD();
    if (changes.contactsChanged) {
        publishContacts();
        if (!changes.profiles.isEmpty())
            Q_EMIT profilesChanged(changes.profiles);
        if (std::optional<UserProfile> me = m_people.profile(m_self))
            Q_EMIT myProfileChanged(*me);
    }
    if (changes.requestsChanged)
        publishRequests();
}

void ContactBook::publishCached()
{
    PARLEY_ASSERT_OWN_THREAD();
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

std::optional<UserProfile> ContactBook::storeMyInfo(const v1::MyInfo &info)
{
    const UserProfile me = PeopleRepository::fromWire(info.profile());
    Q_EMIT findableByPhoneChanged(info.findable_by_phone()); // not cached: they are only shown
    Q_EMIT presenceAudienceChanged(PresenceAudience(info.presence_audience()));
    if (!m_people.putProfile(me))
        return std::nullopt;
    Q_EMIT myProfileChanged(me);
    return me;
}

void ContactBook::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_connection.request(SubSignal::MMI, v1::ModifyMyInfoRequest(), [this](const Result<v1::Result> &reply) {
        if (reply)
            storeMyInfo(reply->my_info());
    });
    m_connection.request(SubSignal::FP, v1::FriendListRequest(), [this](const Result<v1::Result> &reply) {
        if (!reply) {
            qCInfo(lcSync) << "contact list not fetched:" << reply.error().message;
            return;
        }
        QList<Contact> contacts;
        for (const v1::Contact &c : reply->contacts().contacts())
            contacts.append(PeopleRepository::fromWire(c));
        storeContacts(contacts);
    });
    m_connection.request(SubSignal::FRP, v1::FriendRequestsRequest(), [this](const Result<v1::Result> &reply) {
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

void ContactBook::search(const QString &query, Promise<QList<UserProfile>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::UserSearchRequest request;
    request.set_query(query.trimmed().toStdString());
    m_connection.request(SubSignal::US, request, [answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        QList<UserProfile> users;
        for (const v1::UserProfile &p : reply->users().users())
            users.append(PeopleRepository::fromWire(p));
        answer.resolve(users);
    });
}

void ContactBook::fetchProfiles(const QStringList &userIds, Promise<QList<UserProfile>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::UserInfoRequest request;
    for (const QString &id : userIds)
        request.add_user_ids(id.toStdString());
    m_connection.request(SubSignal::UPUI, request, [this, answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        QList<UserProfile> profiles;
        for (const v1::UserProfile &p : reply->users().users()) {
            profiles.append(PeopleRepository::fromWire(p));
            m_people.putProfile(profiles.last());
        }
        answer.resolve(profiles);
    });
}

void ContactBook::updateMyProfile(const ProfileChange &change, Promise<UserProfile> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::ModifyMyInfoRequest request;
    if (change.nickname)
        request.set_nickname(change.nickname->toStdString());
    if (change.avatar)
        request.set_avatar(change.avatar->toStdString());
    if (change.signature)
        request.set_signature(change.signature->toStdString());
    if (change.findableByPhone)
        request.set_findable_by_phone(*change.findableByPhone);
    if (change.presenceAudience)
        request.set_presence_audience(v1::PresenceAudience(*change.presenceAudience));
    m_connection.request(SubSignal::MMI, request, [this, answer](const Result<v1::Result> &reply) {
        if (!reply) {
            answer.resolve(reply.error());
            return;
        }
        if (const std::optional<UserProfile> me = storeMyInfo(reply->my_info()))
            answer.resolve(*me);
        else
            answer.resolve(Error(ErrorCode::StorageFailure, u"could not store the profile"_s));
    });
}

void ContactBook::sendFriendRequest(const QString &userId, const QString &greeting, Promise<FriendRequest> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::AddFriendRequest request;
    request.set_user_id(userId.toStdString());
    request.set_greeting(greeting.toStdString());
    m_connection.request(SubSignal::FAR, request,
                         [this, answer](const Result<v1::Result> &reply) { onRequestReply(reply, answer); });
}

void ContactBook::answerFriendRequest(qint64 requestId, bool accept, const QString &remark,
                                      Promise<FriendRequest> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::HandleFriendRequest request;
    request.set_request_id(requestId);
    request.set_accept(accept);
    request.set_remark(remark.toStdString());
    // The new contact arrives as an inbox item; the request's new state is in the reply.
    m_connection.request(SubSignal::FHR, request,
                         [this, answer](const Result<v1::Result> &reply) { onRequestReply(reply, answer); });
}

void ContactBook::onContactReply(const Result<v1::Result> &reply, const Promise<Contact> &answer)
{
    if (!reply) {
        answer.resolve(reply.error());
        return;
    }
    const Contact contact = PeopleRepository::fromWire(reply->contact());
    if (!m_people.putContact(contact)) {
        const Error failed(ErrorCode::StorageFailure, u"could not store the contact"_s);
        Q_EMIT storageFailed(failed);
        answer.resolve(failed);
        return;
    }
    publishContacts();
    answer.resolve(contact);
}

void ContactBook::onRequestReply(const Result<v1::Result> &reply, const Promise<FriendRequest> &answer)
{
    if (!reply) {
        answer.resolve(reply.error());
        return;
    }
    const FriendRequest request = m_people.fromWire(reply->friend_request().request());
    m_people.putRequest(request);
    publishRequests();
    answer.resolve(request);
}

void ContactBook::setRemark(const QString &userId, const QString &remark, Promise<Contact> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::SetRemarkRequest request;
    request.set_user_id(userId.toStdString());
    request.set_remark(remark.toStdString());
    m_connection.request(SubSignal::FRM, request,
                         [this, answer](const Result<v1::Result> &reply) { onContactReply(reply, answer); });
}

void ContactBook::deleteFriend(const QString &userId, Promise<Contact> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::UserRef request;
    request.set_user_id(userId.toStdString());
    m_connection.request(SubSignal::FDL, request,
                         [this, answer](const Result<v1::Result> &reply) { onContactReply(reply, answer); });
}

void ContactBook::setBlocked(const QString &userId, bool blocked, Promise<Contact> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    v1::BlockRequest request;
    request.set_user_id(userId.toStdString());
    request.set_blocked(blocked);
    m_connection.request(SubSignal::BLK, request,
                         [this, answer](const Result<v1::Result> &reply) { onContactReply(reply, answer); });
}

} // namespace parley
