// People and groups through the real client core (engine thread, cache, models) against a real parleyd
// with its default policy: a friend request reaches the other user's models and both users' second
// devices, also one that was off; remarks name conversations; a group made on one device appears with its
// members and roles on the others; mentions mark the conversation; read receipts become read counts;
// a removed member's device learns it; everything survives a restart from the cache; a deleted account is gone
// from its devices (the one that deleted it and one that was off) and reads "Deleted account" to its friend.

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/friendrequestmodel.h"
#include "core/models/grouplistmodel.h"
#include "core/models/groupmembermodel.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/socialcalls.h"

#include "tests/support/modelcolumn.h"
#include "tests/support/testphones.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

// The models a device's windows would show.
struct Views {
    explicit Views(Client *client) : contacts(client), requests(client), groups(client), members(client) {}
    ContactListModel contacts;
    FriendRequestModel requests;
    GroupListModel groups;
    GroupMemberModel members;
};

} // namespace

class TestPeople : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;


    static bool befriend(ChatWorld::Person &from, Views &fromViews, ChatWorld::Person &to, Views &toViews)
    {
        from.client->people().sendFriendRequest(to.userId, u"hello"_s);
        if (!QTest::qWaitFor([&] { return toViews.requests.pendingCount() == 1; }, kWaitMs))
            return false;
        const qint64 id =
            toViews.requests.data(toViews.requests.index(0), FriendRequestModel::RequestIdRole).toLongLong();
        to.client->people().answerFriendRequest(id, true);
        return QTest::qWaitFor(
            [&] {
                return fromViews.contacts.indexOfKey(to.userId) >= 0 && toViews.contacts.indexOfKey(from.userId) >= 0;
            },
            kWaitMs);
    }

    // Whether the person's message ends Failed, for `why`.
    static bool failsWith(ChatWorld::Person &sender, const ChatMessage &message, ErrorCode why)
    {
        return QTest::qWaitFor(
            [&] {
                const auto m = sender.recorder->latest.value(ClientRecorder::key(message));
                return m.state == MessageState::Failed && m.failure == why;
            },
            kWaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(social::strictServerArguments());
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void friendsOnEveryDevice()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &alice = world.add(alicePhone);
        ChatWorld::Person &aliceLaptop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        Views aliceViews(alice.client.get());
        Views bobViews(bob.client.get());
        world.quit(aliceLaptop); // off while it all happens

        // Strangers cannot chat: the message fails with the reason.
        const Result<ChatMessage> refused =
            awaitAnswer(alice.client->messages().sendText(ConversationKey::withUser(bob.userId), u"hi?"_s));
        QVERIFY(refused);
        QVERIFY(failsWith(alice, refused.value(), ErrorCode::NotFriends));

        QSignalSpy myProfile(&alice.client->people(), &PeopleApi::myProfileChanged);
        ProfileChange change;
        change.nickname = u"爱丽丝"_s;
        const Result<UserProfile> updated = awaitAnswer(alice.client->people().updateMyProfile(change), kWaitMs);
        QVERIFY(updated);
        QCOMPARE(updated->nickname, u"爱丽丝"_s);
        QVERIFY(!myProfile.isEmpty()); // announced too, before the answer
        QCOMPARE(myProfile.last().at(0).value<UserProfile>().nickname, u"爱丽丝"_s);
        QCOMPARE(alice.client->people().myProfile().nickname, u"爱丽丝"_s);

        const Result<QList<UserProfile>> found = awaitAnswer(bob.client->people().searchUser(alicePhone), kWaitMs);
        QVERIFY(found);
        const QList<UserProfile> users = found.value();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users.first().nickname, u"爱丽丝"_s);

        QVERIFY(befriend(bob, bobViews, alice, aliceViews));
        QCOMPARE(aliceViews.requests.pendingCount(), 0);
        QCOMPARE(aliceViews.contacts.data(aliceViews.contacts.index(0), ContactListModel::UserIdRole).toString(),
                 bob.userId);

        alice.client->people().setRemark(bob.userId, u"鲍勃"_s);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return aliceViews.contacts.rowCount() == 1 &&
                       aliceViews.contacts.data(aliceViews.contacts.index(0)).toString() == u"鲍勃"_s;
            },
            kWaitMs));
        QCOMPARE(aliceViews.contacts.data(aliceViews.contacts.index(0), ContactListModel::SectionRole).toString(),
                 u"B"_s);

        // Now they can chat, and the conversation is called by the remark.
        world.send(alice, bob, u"now we are friends"_s);
        QVERIFY(QTest::qWaitFor([&] { return bob.recorder->has(u"now we are friends"_s, MessageState::Received); },
                                kWaitMs));
        const std::optional<ConversationSummary> summary = world.summary(alice, ConversationKey::withUser(bob.userId));
        QVERIFY(summary);
        QCOMPARE(summary->title, u"鲍勃"_s);
        QCOMPARE(world.summary(bob, ConversationKey::withUser(alice.userId))->title, u"爱丽丝"_s);

        // The laptop was off: on restart it has the friend, the remark and the accepted request.
        QVERIFY(world.restart(aliceLaptop));
        Views laptopViews(aliceLaptop.client.get());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return laptopViews.contacts.rowCount() == 1 &&
                       laptopViews.contacts.data(laptopViews.contacts.index(0)).toString() == u"鲍勃"_s &&
                       laptopViews.requests.rowCount() == 1;
            },
            kWaitMs));
        QCOMPARE(laptopViews.requests.data(laptopViews.requests.index(0), FriendRequestModel::StatusRole).toInt(),
                 int(FriendRequest::Status::Accepted));

        // Deleting ends it on both sides.
        bob.client->people().deleteFriend(alice.userId);
        QVERIFY(QTest::qWaitFor(
            [&] { return aliceViews.contacts.rowCount() == 0 && bobViews.contacts.rowCount() == 0; }, kWaitMs));
    }

    void groupsAcrossDevices()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &owner = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        ChatWorld::Person &carol = world.add(nextPhone());
        QVERIFY(world.logInAll());
        Views ownerViews(owner.client.get());
        Views bobViews(bob.client.get());
        Views carolViews(carol.client.get());
        QVERIFY(befriend(owner, ownerViews, bob, bobViews));
        QVERIFY(befriend(owner, ownerViews, carol, carolViews));

        const Result<GroupInfo> created =
            awaitAnswer(owner.client->groups().create(u"读书会"_s, {bob.userId, carol.userId}), kWaitMs);
        QVERIFY(created);
        const GroupInfo group = created.value();
        QCOMPARE(group.myRole, GroupRole::Owner);
        const ConversationKey key{ConversationKey::Type::Group, group.groupId};

        // The others learn of it from its notice, with members and roles.
        QVERIFY(QTest::qWaitFor([&] { return bobViews.groups.indexOfKey(group.groupId) >= 0; }, kWaitMs));
        bobViews.members.setGroupId(group.groupId);
        QVERIFY(QTest::qWaitFor([&] { return bobViews.members.rowCount() == 3; }, kWaitMs));
        QCOMPARE(bobViews.members.data(bobViews.members.index(0), GroupMemberModel::UserIdRole).toString(),
                 owner.userId);
        QCOMPARE(bobViews.members.data(bobViews.members.index(0), GroupMemberModel::RoleRole).toInt(),
                 int(GroupRole::Owner));
        // The conversation is named after the group as soon as the group's info is in.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const std::optional<ConversationSummary> s = world.summary(carol, key);
                return s && s->title == u"读书会"_s;
            },
            kWaitMs));

        // A mention marks Bob's conversation, not Carol's; notices do not count as unread.
        QSignalSpy horizons(&owner.client->groups(), &GroupsApi::readHorizonsChanged);
        owner.client->messages().sendText(key, u"@Bob 周五见"_s, {bob.userId});
        QVERIFY(QTest::qWaitFor([&] { return bob.recorder->has(u"@Bob 周五见"_s, MessageState::Received); }, kWaitMs));
        QVERIFY(
            QTest::qWaitFor([&] { return carol.recorder->has(u"@Bob 周五见"_s, MessageState::Received); }, kWaitMs));
        const std::optional<ConversationSummary> bobSees = world.summary(bob, key);
        QVERIFY(bobSees && bobSees->mentionedMe);
        QCOMPARE(bobSees->unreadCount, 1);
        QVERIFY(!world.summary(carol, key)->mentionedMe);

        // Bob reads it: the owner's read count for the message becomes 1.
        const quint64 seq = bob.recorder->withText(u"@Bob 周五见"_s).first().conversationSeq;
        bob.client->messages().markRead(key);
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const QList<QVariant> &signal : std::as_const(horizons)) {
                    if (signal.at(0).toString() != group.groupId)
                        continue;
                    const auto h = signal.at(1).value<QList<quint64>>();
                    if (std::count_if(h.cbegin(), h.cend(), [seq](quint64 r) { return r >= seq; }) == 1)
                        return true;
                }
                return false;
            },
            kWaitMs));
        QVERIFY(!world.summary(bob, key)->mentionedMe);

        // Carol is removed: her device drops the group from its list but keeps the history.
        owner.client->groups().removeMembers(group.groupId, {carol.userId});
        QVERIFY(QTest::qWaitFor([&] { return carolViews.groups.indexOfKey(group.groupId) < 0; }, kWaitMs));
        QVERIFY(QTest::qWaitFor([&] { return bobViews.members.rowCount() == 2; }, kWaitMs));
        QVERIFY(world.summary(carol, key).has_value());

        // A plain member cannot rename; the failure says why.
        const Result<GroupInfo> failed = awaitAnswer(bob.client->groups().rename(group.groupId, u"mine"_s), kWaitMs);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::PermissionDenied);

        // After a restart, the lists come from the cache before the network.
        world.quit(bob);
        QVERIFY(world.restart(bob));
        Views again(bob.client.get());
        QVERIFY(
            QTest::qWaitFor([&] { return again.groups.rowCount() == 1 && again.contacts.rowCount() == 1; }, kWaitMs));
        QCOMPARE(modelColumn(again.groups, GroupListModel::NameRole), QStringList{u"读书会"_s});
    }
    void aDeletedAccountIsGoneFromEveryDevice()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &alice = world.add(alicePhone);
        ChatWorld::Person &aliceLaptop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        Views aliceViews(alice.client.get());
        Views bobViews(bob.client.get());
        QVERIFY(befriend(alice, aliceViews, bob, bobViews));
        world.send(alice, bob, u"before I go"_s);
        QVERIFY(QTest::qWaitFor([&] { return bob.recorder->has(u"before I go"_s, MessageState::Received); }, kWaitMs));
        world.quit(aliceLaptop); // off while it happens
        const QString accountDir = u"accounts/"_s + alice.userId;
        QVERIFY(QDir(alice.dir->path()).exists(accountDir));
        QVERIFY(QDir(aliceLaptop.dir->path()).exists(accountDir));

        // A wrong code deletes nothing.
        QVERIFY(awaitAnswer(alice.client->requestDeletionCode(), kWaitMs));
        const QString code = m_server->waitForCode(alicePhone);
        const Result<Done> wrong =
            awaitAnswer(alice.client->deleteAccount(code == u"000000"_s ? u"000001"_s : u"000000"_s), kWaitMs);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::CodeWrong);
        QCOMPARE(alice.client->userId(), alice.userId);

        QSignalSpy ended(alice.client.get(), &Client::sessionEnded);
        QVERIFY(awaitAnswer(alice.client->deleteAccount(code), kWaitMs));
        QVERIFY(ended.count() == 1 || ended.wait(kWaitMs));
        QCOMPARE(ended.first().at(0).value<Error>().code, ErrorCode::AccountDeleted);
        QVERIFY(alice.client->userId().isEmpty());
        QVERIFY(!alice.client->hasRememberedAccount());
        QTRY_VERIFY_WITH_TIMEOUT(alice.keychain->isEmpty(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(alice.dir->path()).exists(accountDir), kWaitMs);

        // Bob: no friend any more; the chat stays, with what alice wrote, under "Deleted account".
        QTRY_COMPARE_WITH_TIMEOUT(bobViews.contacts.rowCount(), 0, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            world.summary(bob, ConversationKey::withUser(alice.userId)).value_or(ConversationSummary()).title,
            u"Deleted account"_s, kWaitMs);
        QCOMPARE(world.cachedHistory(bob, ConversationKey::withUser(alice.userId)).value(0).text, u"before I go"_s);
        const Result<ChatMessage> toNobody =
            awaitAnswer(bob.client->messages().sendText(ConversationKey::withUser(alice.userId), u"hello?"_s));
        QVERIFY(toNobody);
        QVERIFY(failsWith(bob, toNobody.value(), ErrorCode::AccountDeleted));

        // The laptop, started again, is refused and forgets the account too.
        world.start(aliceLaptop);
        QSignalSpy laptopEnded(aliceLaptop.client.get(), &Client::sessionEnded);
        aliceLaptop.client->resumeSession();
        QVERIFY(laptopEnded.wait(kWaitMs));
        QCOMPARE(laptopEnded.first().at(0).value<Error>().code, ErrorCode::AccountDeleted);
        QTRY_VERIFY_WITH_TIMEOUT(aliceLaptop.keychain->isEmpty(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(aliceLaptop.dir->path()).exists(accountDir), kWaitMs);
    }
};

QTEST_GUILESS_MAIN(TestPeople)
#include "tst_people.moc"
