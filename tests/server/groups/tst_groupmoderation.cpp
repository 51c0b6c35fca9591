// Keeping order in groups over the raw protocol against a real parleyd: muting everyone but the owner and
// admins (GMI mute_all), muting one member for a while (GMM) — who may, whom, for how long, that it ends by
// itself, and that a muted member neither edits nor reacts — each with its notice; members inviting their friends; and
// joining with approval: a member's invitation of someone no admin is friends with waits (JOIN_REQUESTED), admins list
// (GJL) and decide (GJH), and approval adds the person as if invited then, rejection tells the group.

#include "parley.pb.h"
#include "protocol/limits.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QDateTime>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 20000;

std::optional<v1::Message> nextNotice(RawClient &client, const QString &groupId, int type)
{
    return social::nextGroupMessage(client, groupId, type);
}

v1::GroupInfo infoFor(RawClient &client, const QString &gid)
{
    return social::groupRef(client, SubSignal::GPGI, gid).group();
}

v1::ErrorCode mute(RawClient &client, const QString &gid, const QString &uid, quint32 seconds)
{
    v1::MuteMemberRequest r;
    r.set_group_id(gid.toStdString());
    r.set_user_id(uid.toStdString());
    r.set_duration_s(seconds);
    return social::call(client, SubSignal::GMM, r).code();
}

v1::ErrorCode modify(RawClient &client, const QString &gid, std::optional<bool> muteAll,
                     std::optional<bool> approval)
{
    v1::ModifyGroupInfoRequest r;
    r.set_group_id(gid.toStdString());
    if (muteAll)
        r.set_mute_all(*muteAll);
    if (approval)
        r.set_join_approval(*approval);
    return social::call(client, SubSignal::GMI, r).code();
}

v1::Result decide(RawClient &client, const QString &gid, const QString &uid, bool approve)
{
    v1::JoinDecision r;
    r.set_group_id(gid.toStdString());
    r.set_user_id(uid.toStdString());
    r.set_approve(approve);
    return social::call(client, SubSignal::GJH, r);
}

bool isMember(RawClient &owner, const QString &gid, const QString &uid)
{
    const v1::Result members = social::groupRef(owner, SubSignal::GPGM, gid);
    return std::any_of(members.members().members().cbegin(), members.members().members().cend(),
                       [&](const v1::GroupMember &m) { return QString::fromStdString(m.profile().user_id()) == uid; });
}

} // namespace

class TestGroupModeration : public ParleydTestCase {
    Q_OBJECT

    quint32 m_uuid = 0;

    qint64 m_lastSent = 0;

    v1::ErrorCode say(RawUser &who, const QString &gid, const std::string &text)
    {
        const v1::Result sent =
            social::call(*who.link, SubSignal::MS, social::text(v1::CONVERSATION_GROUP, gid, text, ++m_uuid));
        if (sent.code() == v1::ERR_NONE)
            m_lastSent = sent.sent().message_uid();
        return sent.code();
    }
    // The uid of the last message say() had accepted.
    qint64 lastSent() const { return m_lastSent; }

    static v1::ErrorCode edit(RawUser &who, qint64 uid, const std::string &text)
    {
        return social::edit(*who.link, uid, text).code();
    }

    static v1::ErrorCode react(RawUser &who, qint64 uid, const std::string &emoji)
    {
        return social::react(*who.link, uid, emoji).code();
    }

public:
    TestGroupModeration() : ParleydTestCase(social::strictServerArguments()) {}

private Q_SLOTS:
    void mutingEveryoneAndOneMember()
    {
        RawUser owner = person();
        RawUser admin = person();
        RawUser ann = person();
        RawUser ben = person();
        for (RawUser *p : {&admin, &ann, &ben})
            QVERIFY(social::befriend(*owner.link, *p->link, p->id()));
        const v1::Result created = social::createGroup(*owner.link, u"club"_s, {admin.id(), ann.id(), ben.id()});
        QCOMPARE(created.code(), v1::ERR_NONE);
        const QString gid = QString::fromStdString(created.group().group_id());
        QCOMPARE(social::setRole(*owner.link, gid, admin.id(), v1::ROLE_ADMIN).code(), v1::ERR_NONE);

        // Everyone muted: members may not write, admins may; all see it in the info and as a notice.
        QCOMPARE(modify(*ann.link, gid, true, std::nullopt), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(modify(*admin.link, gid, true, std::nullopt), v1::ERR_NONE);
        QVERIFY(nextNotice(*ann.link, gid, v1::CONTENT_NOTICE_ALL_MUTED));
        QVERIFY(infoFor(*ann.link, gid).mute_all());
        QCOMPARE(say(ann, gid, "may I?"), v1::ERR_MUTED);
        QCOMPARE(say(admin, gid, "quiet please"), v1::ERR_NONE);
        QCOMPARE(say(owner, gid, "thanks"), v1::ERR_NONE);
        QCOMPARE(modify(*owner.link, gid, false, std::nullopt), v1::ERR_NONE);
        QVERIFY(nextNotice(*ann.link, gid, v1::CONTENT_NOTICE_ALL_UNMUTED));
        QCOMPARE(say(ann, gid, "now I may"), v1::ERR_NONE);
        const qint64 annsWords = lastSent();

        // One member muted for an hour: only she is quiet, and she knows until when.
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(mute(*admin.link, gid, ann.id(), 3600), v1::ERR_NONE);
        const std::optional<v1::Message> muted = nextNotice(*ben.link, gid, v1::CONTENT_NOTICE_MEMBER_MUTED);
        QVERIFY(muted);
        const v1::GroupNotice notice = social::noticeOf(*muted);
        QCOMPARE(QString::fromStdString(notice.users(0)), ann.id());
        QVERIFY(QString::fromStdString(notice.text()).toLongLong() >= before + 3600 * 1000);
        QCOMPARE(say(ann, gid, "hello?"), v1::ERR_MUTED);
        // Nor does she change what others see: no edit, no reaction; the others still react.
        QCOMPARE(edit(ann, annsWords, "now I may, I think"), v1::ERR_MUTED);
        QCOMPARE(react(ann, annsWords, "👍"), v1::ERR_MUTED);
        QCOMPARE(react(ben, annsWords, "👍"), v1::ERR_NONE);
        QCOMPARE(say(ben, gid, "hello"), v1::ERR_NONE);
        QVERIFY(infoFor(*ann.link, gid).my_muted_until() >= before + 3600 * 1000);
        QCOMPARE(infoFor(*ben.link, gid).my_muted_until(), 0);

        // A muted member invites nobody either.
        QCOMPARE(social::groupMembers(*ann.link, SubSignal::GAM, gid, {owner.id()}).code(), v1::ERR_MUTED);

        // Who may mute whom, and for how long.
        QCOMPARE(mute(*ben.link, gid, ann.id(), 60), v1::ERR_PERMISSION_DENIED);   // a member
        QCOMPARE(mute(*admin.link, gid, owner.id(), 60), v1::ERR_PERMISSION_DENIED); // above the admin
        QCOMPARE(mute(*admin.link, gid, admin.id(), 60), v1::ERR_SELF);
        QCOMPARE(mute(*owner.link, gid, ben.id(), limits::kMaxMemberMuteS + 1), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(mute(*owner.link, gid, u"nobody"_s, 60), v1::ERR_NOT_MEMBER);

        // Ended early by an admin, with a notice; a short mute ends by itself.
        QCOMPARE(mute(*owner.link, gid, ann.id(), 0), v1::ERR_NONE);
        QVERIFY(nextNotice(*ann.link, gid, v1::CONTENT_NOTICE_MEMBER_UNMUTED));
        QCOMPARE(say(ann, gid, "back"), v1::ERR_NONE);
        QCOMPARE(edit(ann, annsWords, "now I may, I think"), v1::ERR_NONE);
        QCOMPARE(react(ann, annsWords, "❤️"), v1::ERR_NONE);
        QCOMPARE(mute(*owner.link, gid, ben.id(), 1), v1::ERR_NONE);
        QCOMPARE(say(ben, gid, "too soon"), v1::ERR_MUTED);
        QTRY_COMPARE_WITH_TIMEOUT(say(ben, gid, "after a second"), v1::ERR_NONE, kWaitMs);

        // Muting everyone leaves admins writing; the owner may mute an admin too, and then he is quiet.
        QCOMPARE(modify(*owner.link, gid, true, std::nullopt), v1::ERR_NONE);
        QCOMPARE(say(admin, gid, "still here"), v1::ERR_NONE);
        QCOMPARE(mute(*owner.link, gid, admin.id(), 600), v1::ERR_NONE);
        QCOMPARE(say(admin, gid, "and now?"), v1::ERR_MUTED);
        QCOMPARE(say(owner, gid, "the owner always may"), v1::ERR_NONE);
    }

    void joiningWithApproval()
    {
        RawUser owner = person();
        RawUser admin = person();
        RawUser member = person();
        RawUser known = person();   // a friend of the member and of the admin
        RawUser strange = person(); // a friend of the member only
        RawUser other = person();   // a friend of the member only
        RawUser early = person();   // a friend of the member only
        for (RawUser *p : {&admin, &member})
            QVERIFY(social::befriend(*owner.link, *p->link, p->id()));
        for (RawUser *p : {&known, &strange, &other, &early})
            QVERIFY(social::befriend(*member.link, *p->link, p->id()));
        QVERIFY(social::befriend(*admin.link, *known.link, known.id()));
        const v1::Result created = social::createGroup(*owner.link, u"hikers"_s, {admin.id(), member.id()});
        const QString gid = QString::fromStdString(created.group().group_id());
        QCOMPARE(social::setRole(*owner.link, gid, admin.id(), v1::ROLE_ADMIN).code(), v1::ERR_NONE);

        // Without approval a member adds friends at once (and only friends).
        QCOMPARE(social::groupMembers(*member.link, SubSignal::GAM, gid, {early.id()}).code(), v1::ERR_NONE);
        QVERIFY(isMember(*owner.link, gid, early.id()));
        QCOMPARE(social::groupMembers(*member.link, SubSignal::GAM, gid, {owner.id(), admin.id()}).code(),
                 v1::ERR_NONE); // already in: nothing happens
        QCOMPARE(modify(*member.link, gid, std::nullopt, true), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(modify(*owner.link, gid, std::nullopt, true), v1::ERR_NONE);
        QVERIFY(nextNotice(*member.link, gid, v1::CONTENT_NOTICE_APPROVAL_ON));

        // With approval: the stranger waits, the one an admin knows comes in.
        QCOMPARE(social::groupMembers(*member.link, SubSignal::GAM, gid, {strange.id(), known.id()}).code(),
                 v1::ERR_NONE);
        const std::optional<v1::Message> asked = nextNotice(*owner.link, gid, v1::CONTENT_NOTICE_JOIN_REQUESTED);
        QVERIFY(asked);
        QCOMPARE(QString::fromStdString(asked->from()), member.id());
        QCOMPARE(social::noticeOf(*asked).users_size(), 1);
        QCOMPARE(QString::fromStdString(social::noticeOf(*asked).users(0)), strange.id());
        QVERIFY(isMember(*owner.link, gid, known.id()));
        QVERIFY(!isMember(*owner.link, gid, strange.id()));
        QCOMPARE(infoFor(*owner.link, gid).pending_joins(), 1u);
        QCOMPARE(infoFor(*member.link, gid).pending_joins(), 0u); // not the member's business
        // Asked again: still one request, and the group is not told twice.
        QCOMPARE(social::groupMembers(*member.link, SubSignal::GAM, gid, {strange.id()}).code(), v1::ERR_NONE);
        const v1::HistoryResult told = social::history(*owner.link, v1::CONVERSATION_GROUP, gid);
        QCOMPARE(std::count_if(told.messages().cbegin(), told.messages().cend(),
                               [](const v1::Message &m) {
                                   return m.content().type() == v1::CONTENT_NOTICE_JOIN_REQUESTED;
                               }),
                 1);
        const v1::Result listed = social::groupRef(*admin.link, SubSignal::GJL, gid);
        QCOMPARE(listed.code(), v1::ERR_NONE);
        QCOMPARE(listed.join_requests().requests_size(), 1);
        QCOMPARE(QString::fromStdString(listed.join_requests().requests(0).user().user_id()), strange.id());
        QCOMPARE(QString::fromStdString(listed.join_requests().requests(0).inviter().user_id()), member.id());
        QCOMPARE(social::groupRef(*member.link, SubSignal::GJL, gid).code(), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(decide(*member.link, gid, strange.id(), true).code(), v1::ERR_PERMISSION_DENIED);

        // Approved: in, with the usual notice from the admin, and the group's history from then on.
        QCOMPARE(decide(*admin.link, gid, strange.id(), true).code(), v1::ERR_NONE);
        const std::optional<v1::Message> joined = nextNotice(*strange.link, gid, v1::CONTENT_NOTICE_MEMBERS_JOINED);
        QVERIFY(joined);
        QCOMPARE(QString::fromStdString(joined->from()), admin.id());
        QVERIFY(isMember(*owner.link, gid, strange.id()));
        QCOMPARE(infoFor(*owner.link, gid).pending_joins(), 0u);
        QCOMPARE(decide(*admin.link, gid, strange.id(), true).code(), v1::ERR_NOT_FOUND); // decided already

        // Rejected: not in, and the group is told.
        QCOMPARE(social::groupMembers(*member.link, SubSignal::GAM, gid, {other.id()}).code(), v1::ERR_NONE);
        QCOMPARE(decide(*owner.link, gid, other.id(), false).code(), v1::ERR_NONE);
        const std::optional<v1::Message> declined = nextNotice(*member.link, gid, v1::CONTENT_NOTICE_JOIN_REJECTED);
        QVERIFY(declined);
        QCOMPARE(QString::fromStdString(social::noticeOf(*declined).users(0)), other.id());
        QVERIFY(!isMember(*owner.link, gid, other.id()));
        QCOMPARE(social::groupRef(*owner.link, SubSignal::GJL, gid).join_requests().requests_size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGroupModeration)
#include "tst_groupmoderation.moc"
