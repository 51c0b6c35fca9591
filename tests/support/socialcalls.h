#pragma once

// Requests of the people-and-groups protocol for raw-protocol tests: build a payload, call, return the
// reply (an ERR_INTERNAL result if none came, so a missing reply fails the comparison that follows).

#include "parley.pb.h"
#include "protocol/protobufbytes.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"

#include <QStringList>
#include <QtEndian>

namespace social {

// parleyd options for tests of people and groups: codes without rate limits, and the default policy that
// only friends and co-members start one-to-one chats.
inline QStringList strictServerArguments(const QStringList &more = {})
{
    return QStringList{QStringLiteral("--code-address-per-hour"),   QStringLiteral("0"),
                       QStringLiteral("--code-phone-interval"),     QStringLiteral("0"),
                       QStringLiteral("--allow-stranger-messages"), QStringLiteral("0")} +
           more;
}

inline parley::v1::Result call(RawClient &client, parley::SubSignal subSignal,
                               const google::protobuf::MessageLite &payload)
{
    if (std::optional<parley::v1::Result> r = client.call(subSignal, payload))
        return *r;
    parley::v1::Result none;
    none.set_code(parley::v1::ERR_INTERNAL);
    none.set_message("no reply");
    return none;
}

inline parley::v1::Result addFriend(RawClient &client, const QString &userId, const QString &greeting = {})
{
    parley::v1::AddFriendRequest r;
    r.set_user_id(userId.toStdString());
    r.set_greeting(greeting.toStdString());
    return call(client, parley::SubSignal::FAR, r);
}

inline parley::v1::Result answer(RawClient &client, qint64 requestId, bool accept, const QString &remark = {})
{
    parley::v1::HandleFriendRequest r;
    r.set_request_id(requestId);
    r.set_accept(accept);
    r.set_remark(remark.toStdString());
    return call(client, parley::SubSignal::FHR, r);
}

// a asks, b accepts: true if they are friends afterwards.
inline bool befriend(RawClient &a, RawClient &b, const QString &bId)
{
    const parley::v1::Result asked = addFriend(a, bId);
    if (asked.code() != parley::v1::ERR_NONE)
        return false;
    if (asked.friend_request().request().status() == parley::v1::REQUEST_ACCEPTED)
        return true;
    return answer(b, asked.friend_request().request().request_id(), true).code() == parley::v1::ERR_NONE;
}

inline parley::v1::Result userRef(RawClient &client, parley::SubSignal subSignal, const QString &userId)
{
    parley::v1::UserRef r;
    r.set_user_id(userId.toStdString());
    return call(client, subSignal, r);
}

inline parley::v1::Result createGroup(RawClient &client, const QString &name, const QStringList &members)
{
    parley::v1::CreateGroupRequest r;
    r.set_name(name.toStdString());
    for (const QString &m : members)
        r.add_members(m.toStdString());
    return call(client, parley::SubSignal::GC, r);
}

inline parley::v1::Result groupRef(RawClient &client, parley::SubSignal subSignal, const QString &groupId)
{
    parley::v1::GroupRef r;
    r.set_group_id(groupId.toStdString());
    return call(client, subSignal, r);
}

inline parley::v1::Result groupMembers(RawClient &client, parley::SubSignal subSignal, const QString &groupId,
                                       const QStringList &users)
{
    parley::v1::GroupMembersRequest r;
    r.set_group_id(groupId.toStdString());
    for (const QString &u : users)
        r.add_user_ids(u.toStdString());
    return call(client, subSignal, r);
}

inline parley::v1::Result setRole(RawClient &client, const QString &groupId, const QString &userId,
                                  parley::v1::GroupRole role)
{
    parley::v1::SetMemberRoleRequest r;
    r.set_group_id(groupId.toStdString());
    r.set_user_id(userId.toStdString());
    r.set_role(role);
    return call(client, parley::SubSignal::GMR, r);
}

inline parley::v1::Result renameGroup(RawClient &client, const QString &groupId, const QString &name)
{
    parley::v1::ModifyGroupInfoRequest r;
    r.set_group_id(groupId.toStdString());
    r.set_name(name.toStdString());
    return call(client, parley::SubSignal::GMI, r);
}

// ME: `uid`'s text replaced by `text`.
inline parley::v1::Result edit(RawClient &client, qint64 uid, const std::string &text)
{
    parley::v1::EditRequest r;
    r.set_message_uid(uid);
    r.set_text(text);
    return call(client, parley::SubSignal::ME, r);
}

// MRE: my reaction to `uid` (empty: taken back).
inline parley::v1::Result react(RawClient &client, qint64 uid, const std::string &emoji)
{
    parley::v1::ReactRequest r;
    r.set_message_uid(uid);
    r.set_emoji(emoji);
    return call(client, parley::SubSignal::MRE, r);
}

// A text message with a client uuid made from `n` (unique per sender within a test).
inline parley::v1::Message text(parley::v1::ConversationType type, const QString &target, const std::string &body,
                                quint32 n, int mentionedType = 0, const QStringList &mentioned = {})
{
    QByteArray uuid(16, '\0');
    qToBigEndian<quint32>(n, uuid.data() + 12);
    parley::v1::Message m;
    m.set_conversation_type(type);
    m.set_target(target.toStdString());
    m.set_client_uuid(uuid.constData(), size_t(uuid.size()));
    m.mutable_content()->set_type(parley::v1::CONTENT_TEXT);
    m.mutable_content()->set_searchable_content(body);
    m.mutable_content()->set_mentioned_type(mentionedType);
    for (const QString &u : mentioned)
        m.mutable_content()->add_mentioned_targets(u.toStdString());
    return m;
}

inline parley::v1::HistoryResult history(RawClient &client, parley::v1::ConversationType type, const QString &target,
                                         quint64 beforeSeq = 0, quint32 limit = 100,
                                         parley::v1::ErrorCode *code = nullptr)
{
    parley::v1::HistoryRequest r;
    r.set_conversation_type(type);
    r.set_target(target.toStdString());
    r.set_before_seq(beforeSeq);
    r.set_limit(limit);
    const parley::v1::Result result = call(client, parley::SubSignal::LRM, r);
    if (code)
        *code = result.code();
    return result.history();
}

// The next typing notice pushed to `client` (other pushes before it are passed over), if one comes.
inline std::optional<parley::v1::TypingNotice> nextTyping(RawClient &client)
{
    for (;;) {
        const std::optional<parley::Frame> push = client.waitFor(parley::Signal::Push);
        if (!push)
            return std::nullopt;
        if (push->subSignal == parley::SubSignal::MTN)
            return parley::fromBytes<parley::v1::TypingNotice>(push->payload);
    }
}

// The next pushed group message of `type` in `groupId` (received or to come).
inline std::optional<parley::v1::Message> nextGroupMessage(RawClient &client, const QString &groupId, int type)
{
    const auto item = client.waitForItem([&](const parley::v1::InboxItem &i) {
        return i.has_message() && QString::fromStdString(i.message().target()) == groupId &&
               i.message().content().type() == type;
    });
    return item ? std::optional(item->message()) : std::nullopt;
}

inline parley::v1::GroupNotice noticeOf(const parley::v1::Message &m)
{
    parley::v1::GroupNotice n;
    n.ParseFromString(m.content().binary_content());
    return n;
}

} // namespace social
