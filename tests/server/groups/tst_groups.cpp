// Groups over the raw protocol against a real parleyd: creating from friends (GC), info and members
// (GPGI, GPGM, GL), adding and removing members (GAM, GKM), quitting (GQ), renaming and announcements
// (GMI), roles (GMR), dismissing (GDS); every change as a notice in the group's history; group messages
// with mentions fanned out in one order; history windows of members who joined late or were removed; and
// read receipts that let a sender count readers.

#include "parley.pb.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxGroupSize = 5;
constexpr int kMaxName = 12;

using social::nextGroupMessage;

QStringList uids(const google::protobuf::RepeatedPtrField<std::string> &values)
{
    QStringList list;
    for (const std::string &v : values)
        list.append(QString::fromStdString(v));
    return list;
}

} // namespace

class TestGroups : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;
    quint32 m_uuid = 0;

    RawUser person() { return rawUser(*m_server, nextPhone()); }

    // An owner with `count` friends.
    std::vector<RawUser> circle(int count)
    {
        std::vector<RawUser> people;
        people.push_back(person());
        for (int i = 0; i < count; ++i) {
            people.push_back(person());
            if (!social::befriend(*people.front().link, *people.back().link, people.back().id()))
                return {};
        }
        return people;
    }

    v1::Result say(RawUser &p, const QString &groupId, const std::string &text, int mentionedType = 0,
                   const QStringList &mentioned = {})
    {
        return social::call(*p.link, SubSignal::MS,
                            social::text(v1::CONVERSATION_GROUP, groupId, text, ++m_uuid, mentionedType, mentioned));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(social::strictServerArguments(
            {u"--max-group-size"_s, QString::number(kMaxGroupSize), u"--max-group-name"_s, QString::number(kMaxName)}));
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void createChatAndMention()
    {
        std::vector<RawUser> p = circle(2);
        QCOMPARE(p.size(), size_t(3));
        RawUser &owner = p[0];
        const v1::Result created = social::createGroup(*owner.link, u"周末爬山"_s, {p[1].id(), p[2].id()});
        QCOMPARE(created.code(), v1::ERR_NONE);
        const QString gid = QString::fromStdString(created.group().group_id());
        QCOMPARE(created.group().member_count(), 3u);
        QCOMPARE(created.group().my_role(), v1::ROLE_OWNER);
        QCOMPARE(QString::fromStdString(created.group().owner()), owner.id());

        const auto createdNotice = nextGroupMessage(*p[1].link, gid, v1::CONTENT_NOTICE_GROUP_CREATED);
        QVERIFY(createdNotice);
        QCOMPARE(QString::fromStdString(createdNotice->from()), owner.id());
        QCOMPARE(uids(social::noticeOf(*createdNotice).users()), (QStringList{p[1].id(), p[2].id()}));
        QCOMPARE(createdNotice->conversation_seq(), 1u);
        QVERIFY(nextGroupMessage(*owner.link, gid, v1::CONTENT_NOTICE_GROUP_CREATED)); // the owner's copy too

        // One message, one order, every member; the mentioned member sees himself mentioned.
        const v1::Result sent = say(p[1], gid, "@p2 明天几点？", 1, {p[2].id()});
        QCOMPARE(sent.code(), v1::ERR_NONE);
        QCOMPARE(sent.sent().conversation_seq(), 2u);
        for (RawUser *member : {&p[0], &p[2]}) {
            const auto got = nextGroupMessage(*member->link, gid, v1::CONTENT_TEXT);
            QVERIFY(got);
            QCOMPARE(got->conversation_seq(), 2u);
            QCOMPARE(uids(got->content().mentioned_targets()), QStringList{p[2].id()});
        }
        QCOMPARE(say(p[1], gid, "@all", 2).code(), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(say(owner, gid, "@all 集合", 2).code(), v1::ERR_NONE);
        QCOMPARE(say(p[1], gid, "@stranger", 1, {u"nobody"_s}).code(), v1::ERR_MALFORMED_REQUEST);

        const v1::Result members = social::groupRef(*p[2].link, SubSignal::GPGM, gid);
        QCOMPARE(members.members().members_size(), 3);
        QCOMPARE(QString::fromStdString(members.members().members(0).profile().user_id()), owner.id());
        QCOMPARE(members.members().members(0).role(), v1::ROLE_OWNER);
        const v1::Result mine = social::call(*p[2].link, SubSignal::GL, v1::GroupListRequest());
        QCOMPARE(mine.groups().groups_size(), 1);
        QCOMPARE(mine.groups().groups(0).name(), "周末爬山");

        // Co-members may start one-to-one chats although they are not friends.
        QCOMPARE(
            social::call(*p[1].link, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, p[2].id(), "hi", ++m_uuid))
                .code(),
            v1::ERR_NONE);
        // A request naming no group is malformed (not "not a member").
        for (const SubSignal about : {SubSignal::GPGI, SubSignal::GPGM, SubSignal::GQ, SubSignal::GDS, SubSignal::GJL})
            QCOMPARE(social::groupRef(*owner.link, about, {}).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::call(*owner.link, SubSignal::GAM, v1::GroupMembersRequest()).code(),
                 v1::ERR_MALFORMED_REQUEST);
        // An unnamed group is called after its first members; names have limits.
        QVERIFY(!social::createGroup(*owner.link, {}, {p[1].id()}).group().name().empty());
        QCOMPARE(social::createGroup(*owner.link, QString(kMaxName + 1, u'x'), {}).code(), v1::ERR_TOO_LARGE);
        // Characters are what people count: an emoji is one (two UTF-16 units).
        const QString mountain = u"🏔"_s;
        QCOMPARE(social::createGroup(*owner.link, mountain.repeated(kMaxName), {}).code(), v1::ERR_NONE);
        QCOMPARE(social::createGroup(*owner.link, mountain.repeated(kMaxName + 1), {}).code(), v1::ERR_TOO_LARGE);
        // A name is one clean line: no line break, control character or direction override.
        QCOMPARE(social::createGroup(*owner.link, u"Team\u202Emaet"_s, {}).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::createGroup(*owner.link, u"Team\nB"_s, {}).code(), v1::ERR_MALFORMED_REQUEST);
    }

    void membersComeAndGoWithTheirHistory()
    {
        std::vector<RawUser> p = circle(5);
        QCOMPARE(p.size(), size_t(6));
        RawUser &owner = p[0];
        const QString gid = QString::fromStdString(
            social::createGroup(*owner.link, u"Team"_s, {p[1].id(), p[2].id()}).group().group_id());
        QCOMPARE(say(owner, gid, "before p3 joined").code(), v1::ERR_NONE);

        const v1::Result added = social::groupMembers(*owner.link, SubSignal::GAM, gid, {p[3].id()});
        QCOMPARE(added.code(), v1::ERR_NONE);
        QCOMPARE(added.group().member_count(), 4u);
        const auto joined = nextGroupMessage(*p[3].link, gid, v1::CONTENT_NOTICE_MEMBERS_JOINED);
        QVERIFY(joined);
        QCOMPARE(uids(social::noticeOf(*joined).users()), QStringList{p[3].id()});
        // The newcomer's history starts with the notice that added him.
        const v1::HistoryResult seenByNewcomer = social::history(*p[3].link, v1::CONVERSATION_GROUP, gid);
        QCOMPARE(seenByNewcomer.messages_size(), 1);
        QCOMPARE(seenByNewcomer.messages(0).conversation_seq(), joined->conversation_seq());
        QVERIFY(!seenByNewcomer.has_more());

        // Full: adding two more would make six of five.
        QCOMPARE(social::groupMembers(*owner.link, SubSignal::GAM, gid, {p[4].id(), p[5].id()}).code(),
                 v1::ERR_GROUP_FULL);

        const v1::Result kicked = social::groupMembers(*owner.link, SubSignal::GKM, gid, {p[1].id()});
        QCOMPARE(kicked.code(), v1::ERR_NONE);
        const auto removedNotice = nextGroupMessage(*p[1].link, gid, v1::CONTENT_NOTICE_MEMBERS_REMOVED);
        QVERIFY(removedNotice); // the removed member is told, and that is the last he reads
        QCOMPARE(say(owner, gid, "after p1 left").code(), v1::ERR_NONE);
        QVERIFY(nextGroupMessage(*p[2].link, gid, v1::CONTENT_TEXT));
        const v1::HistoryResult seenByRemoved = social::history(*p[1].link, v1::CONVERSATION_GROUP, gid);
        QCOMPARE(seenByRemoved.messages(seenByRemoved.messages_size() - 1).conversation_seq(),
                 removedNotice->conversation_seq());
        QCOMPARE(say(p[1], gid, "still here?").code(), v1::ERR_NOT_MEMBER);
        QCOMPARE(social::groupRef(*p[1].link, SubSignal::GPGI, gid).code(), v1::ERR_NOT_MEMBER);
        QCOMPARE(social::groupMembers(*owner.link, SubSignal::GKM, gid, {p[1].id()}).code(), v1::ERR_NOT_MEMBER);

        QCOMPARE(social::groupRef(*p[2].link, SubSignal::GQ, gid).code(), v1::ERR_NONE);
        const auto left = nextGroupMessage(*owner.link, gid, v1::CONTENT_NOTICE_MEMBER_LEFT);
        QVERIFY(left);
        QCOMPARE(QString::fromStdString(left->from()), p[2].id());
        QCOMPARE(social::groupRef(*owner.link, SubSignal::GPGI, gid).group().member_count(), 2u);
        QCOMPARE(social::groupRef(*owner.link, SubSignal::GQ, gid).code(), v1::ERR_PERMISSION_DENIED);
    }

    void rolesRenameAndDismiss()
    {
        std::vector<RawUser> p = circle(3);
        QCOMPARE(p.size(), size_t(4));
        RawUser &owner = p[0];
        const QString gid = QString::fromStdString(
            social::createGroup(*owner.link, u"Club"_s, {p[1].id(), p[2].id(), p[3].id()}).group().group_id());

        QCOMPARE(social::renameGroup(*p[1].link, gid, u"Mine"_s).code(), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(social::setRole(*owner.link, gid, p[1].id(), v1::ROLE_ADMIN).code(), v1::ERR_NONE);
        const auto appointed = nextGroupMessage(*p[2].link, gid, v1::CONTENT_NOTICE_ADMINS_CHANGED);
        QVERIFY(appointed);
        QCOMPARE(social::noticeOf(*appointed).role(), v1::ROLE_ADMIN);

        QCOMPARE(social::renameGroup(*p[1].link, gid, u"读书会\u2067"_s).code(), v1::ERR_MALFORMED_REQUEST);
        const v1::Result renamed = social::renameGroup(*p[1].link, gid, u"读书会"_s);
        QCOMPARE(renamed.code(), v1::ERR_NONE);
        QCOMPARE(renamed.group().name(), "读书会");
        const auto renamedNotice = nextGroupMessage(*p[3].link, gid, v1::CONTENT_NOTICE_GROUP_RENAMED);
        QVERIFY(renamedNotice);
        QCOMPARE(social::noticeOf(*renamedNotice).text(), "读书会");
        v1::ModifyGroupInfoRequest announcement;
        announcement.set_group_id(gid.toStdString());
        announcement.set_announcement("每周五晚上 8 点");
        QCOMPARE(social::call(*p[1].link, SubSignal::GMI, announcement).group().announcement(), "每周五晚上 8 点");
        QVERIFY(nextGroupMessage(*p[3].link, gid, v1::CONTENT_NOTICE_ANNOUNCEMENT));

        // An admin removes members, not the owner or other admins; only the owner manages roles.
        QCOMPARE(social::groupMembers(*p[1].link, SubSignal::GKM, gid, {owner.id()}).code(), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(social::setRole(*p[1].link, gid, p[2].id(), v1::ROLE_ADMIN).code(), v1::ERR_PERMISSION_DENIED);

        QCOMPARE(social::setRole(*owner.link, gid, p[3].id(), v1::ROLE_OWNER).code(), v1::ERR_NONE);
        const auto ownerChanged = nextGroupMessage(*p[2].link, gid, v1::CONTENT_NOTICE_OWNER_CHANGED);
        QVERIFY(ownerChanged);
        QCOMPARE(uids(social::noticeOf(*ownerChanged).users()), QStringList{p[3].id()});
        QCOMPARE(social::groupRef(*owner.link, SubSignal::GPGI, gid).group().my_role(), v1::ROLE_MEMBER);
        QCOMPARE(social::groupRef(*owner.link, SubSignal::GDS, gid).code(), v1::ERR_PERMISSION_DENIED);

        QCOMPARE(social::groupRef(*p[3].link, SubSignal::GDS, gid).code(), v1::ERR_NONE);
        QVERIFY(nextGroupMessage(*p[2].link, gid, v1::CONTENT_NOTICE_GROUP_DISMISSED));
        QCOMPARE(say(p[2], gid, "hello?").code(), v1::ERR_GROUP_DISMISSED);
        QCOMPARE(social::groupRef(*p[2].link, SubSignal::GPGI, gid).code(), v1::ERR_GROUP_DISMISSED);
        const v1::Result none = social::call(*p[2].link, SubSignal::GL, v1::GroupListRequest());
        QVERIFY(none.has_groups()); // an empty list, not no answer
        QCOMPARE(none.groups().groups_size(), 0);
        // History up to the dismissal stays readable.
        v1::ErrorCode code = v1::ERR_INTERNAL;
        const v1::HistoryResult kept = social::history(*p[2].link, v1::CONVERSATION_GROUP, gid, 0, 100, &code);
        QCOMPARE(code, v1::ERR_NONE);
        QCOMPARE(kept.messages(kept.messages_size() - 1).content().type(), int(v1::CONTENT_NOTICE_GROUP_DISMISSED));
    }

    void readReceiptsCountReaders()
    {
        std::vector<RawUser> p = circle(2);
        QCOMPARE(p.size(), size_t(3));
        RawUser &owner = p[0];
        const QString gid = QString::fromStdString(
            social::createGroup(*owner.link, u"Readers"_s, {p[1].id(), p[2].id()}).group().group_id());
        quint64 last = 0;
        for (int i = 0; i < 3; ++i)
            last = say(owner, gid, "read me").sent().conversation_seq();

        for (RawUser *reader : {&p[1], &p[2]}) {
            v1::ProgressReport read;
            v1::ConversationPoint *point = read.add_points();
            point->set_conversation_type(v1::CONVERSATION_GROUP);
            point->set_target(gid.toStdString());
            point->set_seq(last + 100); // clipped to the last message
            QCOMPARE(social::call(*reader->link, SubSignal::MRD, read).code(), v1::ERR_NONE);
            const auto receipt = owner.link->waitForItem([&](const v1::InboxItem &i) {
                return i.has_progress() && QString::fromStdString(i.progress().user()) == reader->id();
            });
            QVERIFY(receipt);
            QCOMPARE(QString::fromStdString(receipt->progress().target()), gid);
            QCOMPARE(receipt->progress().read_seq(), last);
        }
        const v1::Result members = social::groupRef(*owner.link, SubSignal::GPGM, gid);
        int readers = 0;
        for (const v1::GroupMember &m : members.members().members())
            readers += m.read_seq() >= last && QString::fromStdString(m.profile().user_id()) != owner.id() ? 1 : 0;
        QCOMPARE(readers, 2);
    }
};

QTEST_GUILESS_MAIN(TestGroups)
#include "tst_groups.moc"
