// The authorization matrix: every people-and-groups request (and the message requests that touch groups),
// made as a stranger, a friend of the owner who is not in the group, a member, an admin and the owner,
// against someone else's group and messages. Each allowed case succeeds; each forbidden case is refused
// with its code and carries no body, so nothing leaks. A group id that does not exist gets the same answer
// as a group one is not in. Fields the server assigns are never taken from the client.

#include "parley.pb.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QTest>

#include <array>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

enum Role { Stranger, Friend, Member, Admin, Owner, kRoles };
constexpr std::array kRoleNames{"stranger", "friend", "member", "admin", "owner"};

// A fresh group for one case: the owner, an admin, a member, and a victim member who sent one message.
struct Fixture {
    QString gid;
    qint64 victimMessageUid = 0;
};

using Operation = std::function<v1::Result(RawClient &caller, const Fixture &group)>;

constexpr v1::ErrorCode OK = v1::ERR_NONE;
constexpr v1::ErrorCode NOT_MEMBER = v1::ERR_NOT_MEMBER;
constexpr v1::ErrorCode DENIED = v1::ERR_PERMISSION_DENIED;

} // namespace

class TestAuthz : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;
    quint32 m_uuid = 0;
    std::array<RawUser, kRoles> m_as;
    RawUser m_victim;
    RawUser m_newcomer; // a friend of the owner and the admin, to add

    RawUser person() { return rawUser(*m_server, nextPhone()); }

    std::optional<Fixture> freshGroup()
    {
        RawUser &owner = m_as[Owner];
        const v1::Result created =
            social::createGroup(*owner.link, u"matrix"_s, {m_as[Admin].id(), m_as[Member].id(), m_victim.id()});
        if (created.code() != OK)
            return std::nullopt;
        Fixture f{QString::fromStdString(created.group().group_id())};
        if (social::setRole(*owner.link, f.gid, m_as[Admin].id(), v1::ROLE_ADMIN).code() != OK)
            return std::nullopt;
        const v1::Result said =
            social::call(*m_victim.link, SubSignal::MS, social::text(v1::CONVERSATION_GROUP, f.gid, "mine", ++m_uuid));
        f.victimMessageUid = said.sent().message_uid();
        return said.code() == OK ? std::optional(f) : std::nullopt;
    }

    void check(const Operation &operation, const std::array<v1::ErrorCode, kRoles> &expected)
    {
        for (int role = 0; role < kRoles; ++role) {
            const std::optional<Fixture> group = freshGroup();
            QVERIFY(group);
            const v1::Result result = operation(*m_as[role].link, *group);
            if (result.code() != expected[role])
                QFAIL(qPrintable(u"as %1: got %2 (%3), expected %4"_s.arg(QLatin1StringView(kRoleNames[role]))
                                     .arg(int(result.code()))
                                     .arg(QString::fromStdString(result.message()))
                                     .arg(int(expected[role]))));
            if (result.code() != OK)
                QCOMPARE(result.body_case(), v1::Result::BODY_NOT_SET); // a refusal carries nothing
        }
        // A group that does not exist looks exactly like one you are not in.
        const v1::Result unknown = operation(*m_as[Stranger].link, Fixture{u"no-such-group"_s, 1});
        QCOMPARE(unknown.code(), expected[Stranger] == OK ? OK : expected[Stranger]);
    }

    // Which role's link `client` is.
    int roleOf(const RawClient &client) const
    {
        for (int role = 0; role < kRoles; ++role) {
            if (m_as[role].link.get() == &client)
                return role;
        }
        return Stranger;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(social::strictServerArguments());
        QVERIFY(m_server->start());
        for (RawUser &p : m_as)
            p = person();
        m_victim = person();
        m_newcomer = person();
        RawUser &owner = m_as[Owner];
        for (RawUser *p : {&m_as[Friend], &m_as[Member], &m_as[Admin], &m_victim, &m_newcomer})
            QVERIFY(social::befriend(*owner.link, *p->link, p->id()));
        QVERIFY(social::befriend(*m_as[Admin].link, *m_newcomer.link, m_newcomer.id()));
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void groupInfoAndMembers()
    {
        check([](RawClient &c, const Fixture &g) { return social::groupRef(c, SubSignal::GPGI, g.gid); },
              {NOT_MEMBER, NOT_MEMBER, OK, OK, OK});
        check([](RawClient &c, const Fixture &g) { return social::groupRef(c, SubSignal::GPGM, g.gid); },
              {NOT_MEMBER, NOT_MEMBER, OK, OK, OK});
    }

    void managingMembers()
    {
        check([this](RawClient &c,
                     const Fixture &g) { return social::groupMembers(c, SubSignal::GAM, g.gid, {m_newcomer.id()}); },
              {NOT_MEMBER, NOT_MEMBER, v1::ERR_NOT_FRIENDS, OK, OK}); // members invite their own friends only
        check([this](RawClient &c,
                     const Fixture &g) { return social::groupMembers(c, SubSignal::GKM, g.gid, {m_victim.id()}); },
              {NOT_MEMBER, NOT_MEMBER, DENIED, OK, OK});
        check([this](RawClient &c,
                     const Fixture &g) { return social::groupMembers(c, SubSignal::GKM, g.gid, {m_as[Admin].id()}); },
              {NOT_MEMBER, NOT_MEMBER, DENIED, v1::ERR_SELF, OK});
        check([this](RawClient &c,
                     const Fixture &g) { return social::groupMembers(c, SubSignal::GKM, g.gid, {m_as[Owner].id()}); },
              {NOT_MEMBER, NOT_MEMBER, DENIED, DENIED, v1::ERR_SELF});
        check([](RawClient &c, const Fixture &g) { return social::groupRef(c, SubSignal::GQ, g.gid); },
              {NOT_MEMBER, NOT_MEMBER, OK, OK, DENIED});
    }

    void managingTheGroup()
    {
        check([](RawClient &c, const Fixture &g) { return social::renameGroup(c, g.gid, u"taken over"_s); },
              {NOT_MEMBER, NOT_MEMBER, DENIED, OK, OK});
        check(
            [this](RawClient &c, const Fixture &g) { return social::setRole(c, g.gid, m_victim.id(), v1::ROLE_ADMIN); },
            {NOT_MEMBER, NOT_MEMBER, DENIED, DENIED, OK});
        check(
            [this](RawClient &c, const Fixture &g) { return social::setRole(c, g.gid, m_victim.id(), v1::ROLE_OWNER); },
            {NOT_MEMBER, NOT_MEMBER, DENIED, DENIED, OK});
        check([](RawClient &c, const Fixture &g) { return social::groupRef(c, SubSignal::GDS, g.gid); },
              {NOT_MEMBER, NOT_MEMBER, DENIED, DENIED, OK});
    }

    void messagesAndHistory()
    {
        check(
            [this](RawClient &c, const Fixture &g) {
                return social::call(c, SubSignal::MS, social::text(v1::CONVERSATION_GROUP, g.gid, "hi", ++m_uuid));
            },
            {NOT_MEMBER, NOT_MEMBER, OK, OK, OK});
        check(
            [this](RawClient &c, const Fixture &g) {
                return social::call(c, SubSignal::MS, social::text(v1::CONVERSATION_GROUP, g.gid, "@all", ++m_uuid, 2));
            },
            {NOT_MEMBER, NOT_MEMBER, DENIED, OK, OK});
        check(
            [](RawClient &c, const Fixture &g) {
                v1::HistoryRequest r;
                r.set_conversation_type(v1::CONVERSATION_GROUP);
                r.set_target(g.gid.toStdString());
                return social::call(c, SubSignal::LRM, r);
            },
            {NOT_MEMBER, NOT_MEMBER, OK, OK, OK});
        // Someone else's message: outsiders do not learn it exists; members may not recall it.
        check(
            [](RawClient &c, const Fixture &g) {
                v1::RecallRequest r;
                r.set_message_uid(g.victimMessageUid);
                return social::call(c, SubSignal::MR, r);
            },
            {v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND, DENIED, DENIED, DENIED});
        // A reply quotes what the replier may read: a member's message, in its own group only.
        const auto replyTo = [this](RawClient &c, v1::ConversationType type, const QString &target, qint64 uid) {
            v1::Message m = social::text(type, target, "re", ++m_uuid);
            m.mutable_content()->mutable_quote()->set_message_uid(uid);
            return social::call(c, SubSignal::MS, m);
        };
        check([&](RawClient &c,
                  const Fixture &g) { return replyTo(c, v1::CONVERSATION_GROUP, g.gid, g.victimMessageUid); },
              {NOT_MEMBER, NOT_MEMBER, OK, OK, OK});
        check(
            [&](RawClient &c, const Fixture &g) {
                return replyTo(c, v1::CONVERSATION_PRIVATE, m_as[Owner].id(), g.victimMessageUid);
            },
            {v1::ERR_NOT_FRIENDS, v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND});
        // Nor may anyone edit it.
        check(
            [](RawClient &c, const Fixture &g) {
                v1::EditRequest r;
                r.set_message_uid(g.victimMessageUid);
                r.set_text("changed");
                return social::call(c, SubSignal::ME, r);
            },
            {v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND, DENIED, DENIED, DENIED});
        // Members may react to it; outsiders do not learn it exists.
        check(
            [](RawClient &c, const Fixture &g) {
                v1::ReactRequest r;
                r.set_message_uid(g.victimMessageUid);
                r.set_emoji("👍");
                return social::call(c, SubSignal::MRE, r);
            },
            {v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND, OK, OK, OK});
        // One-to-one with the owner: friends and co-members may start a chat, strangers may not.
        check(
            [this](RawClient &c, const Fixture &) {
                return social::call(c, SubSignal::MS,
                                    social::text(v1::CONVERSATION_PRIVATE, m_as[Owner].id(), "hello", ++m_uuid));
            },
            {v1::ERR_NOT_FRIENDS, OK, OK, OK, OK});
        // So may they tell the owner they are typing.
        check(
            [this](RawClient &c, const Fixture &) {
                v1::TypingRequest r;
                r.set_target(m_as[Owner].id().toStdString());
                r.set_activity(v1::TYPING_TEXT);
                return social::call(c, SubSignal::MT, r);
            },
            {v1::ERR_NOT_FRIENDS, OK, OK, OK, OK});
        // Ringing the victim: who may message them may call them (co-members here); a friend of someone else may
        // not. A call that rings is cancelled at once, so that the next role may call.
        check(
            [this](RawClient &c, const Fixture &) {
                v1::CallInvite invite;
                invite.set_callee(m_victim.id().toStdString());
                invite.set_media(v1::CALL_VOICE);
                const v1::Result r = social::call(c, SubSignal::CLI, invite);
                if (r.code() == OK && r.call().ended() == v1::CALL_END_UNSPECIFIED) {
                    v1::CallAction cancel;
                    cancel.set_call_id(r.call().call_id());
                    cancel.set_peer(m_victim.id().toStdString());
                    cancel.set_action(v1::CALL_HANG_UP);
                    if (social::call(c, SubSignal::CLA, cancel).call().ended() != v1::CALL_END_CANCELLED) {
                        v1::Result notCancelled;
                        notCancelled.set_code(v1::ERR_INTERNAL);
                        return notCancelled;
                    }
                }
                return r;
            },
            {v1::ERR_NOT_FRIENDS, v1::ERR_NOT_FRIENDS, OK, OK, OK});
        // Forwarding it (to oneself), alone or in a chat history: members only; to others it does not exist.
        check(
            [this](RawClient &c, const Fixture &g) {
                v1::Message m = social::text(v1::CONVERSATION_PRIVATE, m_as[roleOf(c)].id(), "", ++m_uuid);
                m.mutable_content()->set_forwarded_uid(g.victimMessageUid);
                return social::call(c, SubSignal::MS, m);
            },
            {v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND, OK, OK, OK});
        check(
            [this](RawClient &c, const Fixture &g) {
                v1::Message m = social::text(v1::CONVERSATION_PRIVATE, m_as[roleOf(c)].id(), "history", ++m_uuid);
                m.mutable_content()->set_type(v1::CONTENT_CHAT_HISTORY);
                m.mutable_content()->mutable_chat_history()->add_message_uids(g.victimMessageUid);
                return social::call(c, SubSignal::MS, m);
            },
            {v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND, OK, OK, OK});
        // Anyone may ask about the owner's presence: what the answer says depends on the owner's audience
        // (tst_presence), never whether there is one.
        check(
            [this](RawClient &c, const Fixture &) {
                v1::PresenceRequest r;
                r.add_user_ids(m_as[Owner].id().toStdString());
                return social::call(c, SubSignal::PS, r);
            },
            {OK, OK, OK, OK, OK});
        // Settings of the group's conversation (pin, mute, draft) are for its members; to others it does not
        // exist.
        check(
            [](RawClient &c, const Fixture &g) {
                v1::ConversationSettingsRequest r;
                r.set_conversation_type(v1::CONVERSATION_GROUP);
                r.set_target(g.gid.toStdString());
                r.set_pinned(true);
                return social::call(c, SubSignal::CSS, r);
            },
            {NOT_MEMBER, NOT_MEMBER, OK, OK, OK});
    }

    void keepingOrder()
    {
        // Muting everyone, muting a member, approval of joining: owner and admins only.
        check(
            [](RawClient &c, const Fixture &g) {
                v1::ModifyGroupInfoRequest r;
                r.set_group_id(g.gid.toStdString());
                r.set_mute_all(true);
                return social::call(c, SubSignal::GMI, r);
            },
            {NOT_MEMBER, NOT_MEMBER, DENIED, OK, OK});
        check(
            [](RawClient &c, const Fixture &g) {
                v1::ModifyGroupInfoRequest r;
                r.set_group_id(g.gid.toStdString());
                r.set_join_approval(true);
                return social::call(c, SubSignal::GMI, r);
            },
            {NOT_MEMBER, NOT_MEMBER, DENIED, OK, OK});
        check(
            [this](RawClient &c, const Fixture &g) {
                v1::MuteMemberRequest r;
                r.set_group_id(g.gid.toStdString());
                r.set_user_id(m_victim.id().toStdString());
                r.set_duration_s(60);
                return social::call(c, SubSignal::GMM, r);
            },
            {NOT_MEMBER, NOT_MEMBER, DENIED, OK, OK});
        check([](RawClient &c, const Fixture &g) { return social::groupRef(c, SubSignal::GJL, g.gid); },
              {NOT_MEMBER, NOT_MEMBER, DENIED, OK, OK});
        check(
            [this](RawClient &c, const Fixture &g) {
                v1::JoinDecision r;
                r.set_group_id(g.gid.toStdString());
                r.set_user_id(m_newcomer.id().toStdString());
                r.set_approve(true);
                return social::call(c, SubSignal::GJH, r); // nobody waits: the answer says so, to those who may ask
            },
            {NOT_MEMBER, NOT_MEMBER, DENIED, v1::ERR_NOT_FOUND, v1::ERR_NOT_FOUND});
    }

    void friendsRequestsOfOthers()
    {
        // A request between two other people: nobody else can answer it, and it looks like none.
        const v1::Result asked = social::addFriend(*m_victim.link, m_newcomer.id(), u"hi"_s);
        QCOMPARE(asked.code(), OK);
        const qint64 id = asked.friend_request().request().request_id();
        for (int role = 0; role < kRoles; ++role) {
            const v1::Result answered = social::answer(*m_as[role].link, id, true);
            QCOMPARE(answered.code(), v1::ERR_NOT_FOUND);
            QCOMPARE(answered.body_case(), v1::Result::BODY_NOT_SET);
        }
        // Remarks and deletion are for one's own friends.
        v1::SetRemarkRequest remark;
        remark.set_user_id(m_newcomer.id().toStdString());
        remark.set_remark("x");
        QCOMPARE(social::call(*m_as[Stranger].link, SubSignal::FRM, remark).code(), v1::ERR_NOT_FRIENDS);
        QCOMPARE(social::userRef(*m_as[Stranger].link, SubSignal::FDL, m_newcomer.id()).code(), v1::ERR_NOT_FRIENDS);
        // A group can only be made of one's friends.
        QCOMPARE(social::createGroup(*m_as[Stranger].link, u"mine"_s, {m_as[Owner].id()}).code(), v1::ERR_NOT_FRIENDS);
    }

    void serverAssignedFields()
    {
        const std::optional<Fixture> group = freshGroup();
        QVERIFY(group);
        v1::Message forged = social::text(v1::CONVERSATION_GROUP, group->gid, "forged", ++m_uuid);
        forged.set_from(m_as[Owner].id().toStdString());
        forged.set_message_uid(42);
        forged.set_conversation_seq(1);
        forged.set_timestamp(1);
        const v1::Result sent = social::call(*m_as[Member].link, SubSignal::MS, forged);
        QCOMPARE(sent.code(), OK);
        QVERIFY(sent.sent().message_uid() != 42);
        QVERIFY(sent.sent().conversation_seq() > 1);
        QVERIFY(sent.sent().timestamp() > 1);
        const v1::HistoryResult page = social::history(*m_as[Owner].link, v1::CONVERSATION_GROUP, group->gid);
        const v1::Message &stored = page.messages(page.messages_size() - 1);
        QCOMPARE(QString::fromStdString(stored.from()), m_as[Member].id());
        QCOMPARE(stored.message_uid(), sent.sent().message_uid());
    }
};

QTEST_GUILESS_MAIN(TestAuthz)
#include "tst_authz.moc"
