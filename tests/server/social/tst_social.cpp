// People over the raw protocol against a real parleyd with its default social policy: profiles and exact
// search (US, UPUI, MMI), friend requests (FAR, FRN, FRP, FHR) reaching online, offline and second devices
// by push and sync, the contact list (FP), remarks (FRM), deleting (FDL), blocking (BLK), and who may start
// a one-to-one chat.

#include "parley.pb.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

v1::PullResult pullFrom(RawClient &client, quint64 afterSeq)
{
    v1::PullRequest request;
    request.set_after_seq(afterSeq);
    request.set_limit(200);
    return social::call(client, SubSignal::MP, request).pulled();
}

v1::Result modify(RawClient &client, std::optional<std::string> nickname, std::optional<std::string> signature = {},
                  std::optional<bool> findable = {})
{
    v1::ModifyMyInfoRequest r;
    if (nickname)
        r.set_nickname(*nickname);
    if (signature)
        r.set_signature(*signature);
    if (findable)
        r.set_findable_by_phone(*findable);
    return social::call(client, SubSignal::MMI, r);
}

v1::Result search(RawClient &client, const QString &query)
{
    v1::UserSearchRequest r;
    r.set_query(query.toStdString());
    return social::call(client, SubSignal::US, r);
}

const v1::Contact *contactOf(const v1::ContactList &list, const QString &userId)
{
    for (const v1::Contact &c : list.contacts())
        if (QString::fromStdString(c.profile().user_id()) == userId)
            return &c;
    return nullptr;
}

} // namespace

class TestSocial : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;

    TestLogin newUser(const QString &phone, const QString &device = u"desk"_s)
    {
        return logInRaw(*m_server, phone, device);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(social::strictServerArguments());
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void profilesAndExactSearch()
    {
        const QString alicePhone = nextPhone();
        const TestLogin alice = newUser(alicePhone);
        const TestLogin bob = newUser(nextPhone());
        auto a = connectRaw(*m_server, alice);
        auto b = connectRaw(*m_server, bob);
        QVERIFY(a && b);

        v1::Result changed = modify(*a, "爱丽丝 Alice", "爬山 & coffee");
        QCOMPARE(changed.code(), v1::ERR_NONE);
        QCOMPARE(changed.my_info().profile().nickname(), "爱丽丝 Alice");
        QVERIFY(changed.my_info().findable_by_phone());

        // By phone as people type it, and by id: the public fields only.
        for (const QString &query : {u"+86 %1-%2"_s.arg(alicePhone.mid(3, 3), alicePhone.mid(6)), alice.userId}) {
            const v1::Result found = search(*b, query);
            QCOMPARE(found.code(), v1::ERR_NONE);
            QCOMPARE(found.users().users_size(), 1);
            QCOMPARE(QString::fromStdString(found.users().users(0).user_id()), alice.userId);
            QCOMPARE(found.users().users(0).signature(), "爬山 & coffee");
            QVERIFY(!QString::fromStdString(found.users().users(0).SerializeAsString()).contains(alicePhone.mid(1)));
        }
        QCOMPARE(search(*b, u"+8613999999999"_s).users().users_size(), 0);
        QCOMPARE(search(*b, u"not-an-id"_s).users().users_size(), 0);

        // Not findable by phone: a number nobody has looks the same; the id still finds her.
        QCOMPARE(modify(*a, std::nullopt, std::nullopt, false).code(), v1::ERR_NONE);
        QCOMPARE(search(*b, alicePhone).users().users_size(), 0);
        QCOMPARE(search(*b, alice.userId).users().users_size(), 1);
        QCOMPARE(search(*a, alicePhone).users().users_size(), 1); // herself

        v1::UserInfoRequest info;
        for (const QString &id : {alice.userId, bob.userId, u"nobody"_s, alice.userId})
            info.add_user_ids(id.toStdString());
        QCOMPARE(social::call(*b, SubSignal::UPUI, info).users().users_size(), 2);
        v1::UserInfoRequest nobody;
        nobody.add_user_ids("nobody");
        QVERIFY(social::call(*b, SubSignal::UPUI, nobody).has_users()); // an empty list, not no answer
        v1::UserInfoRequest tooMany;
        for (int i = 0; i < 101; ++i)
            tooMany.add_user_ids("u" + std::to_string(i));
        QCOMPARE(social::call(*b, SubSignal::UPUI, tooMany).code(), v1::ERR_TOO_LARGE);

        // Naming nobody is malformed (not "not friends" or "not found").
        QCOMPARE(social::call(*a, SubSignal::FDL, v1::UserRef()).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::call(*a, SubSignal::FRM, v1::SetRemarkRequest()).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::call(*a, SubSignal::BLK, v1::BlockRequest()).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(modify(*a, "  ").code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(modify(*a, std::string(33, 'x')).code(), v1::ERR_TOO_LARGE);
        QCOMPARE(modify(*a, u"😀"_s.repeated(32).toStdString()).code(), v1::ERR_NONE); // 32 characters, 64 units
        QCOMPARE(modify(*a, u"😀"_s.repeated(33).toStdString()).code(), v1::ERR_TOO_LARGE);
        QCOMPARE(modify(*a, std::nullopt, std::string(101, 'x')).code(), v1::ERR_TOO_LARGE);
        // A name is one clean line: no line break, control character or direction override (U+202E shows
        // "Bob\u202Enimda" as "Bobadmin"); the marks that help mixed-direction text read as written are fine.
        for (const QString &unclean : {u"Bob\u202Enimda"_s, u"Bob\u2066x"_s, u"two\nlines"_s, u"tab\tbed"_s,
                                       u"bell\u0007"_s, u"c1\u0085x"_s, u"para\u2029graph"_s}) {
            const v1::Result refused = modify(*a, unclean.toStdString());
            QVERIFY2(refused.code() == v1::ERR_MALFORMED_REQUEST, unclean.toUtf8().toHex().constData());
            QVERIFY(QString::fromStdString(refused.message()).contains(u"direction"_s));
            QCOMPARE(modify(*a, std::nullopt, unclean.toStdString()).code(), v1::ERR_MALFORMED_REQUEST);
        }
        QCOMPARE(modify(*a, u"עמית\u200F 2"_s.toStdString()).code(), v1::ERR_NONE);
    }

    void searchesAreRateLimited()
    {
        // Exact search only, and not fast enough to walk through phone numbers: a burst, then a wait.
        const TestLogin eve = newUser(nextPhone());
        auto e = connectRaw(*m_server, eve);
        QVERIFY(e);
        int accepted = 0;
        v1::Result last;
        for (int i = 0; i < 40 && last.code() != v1::ERR_RATE_LIMITED; ++i) {
            last = search(*e, u"+86139%1"_s.arg(i, 8, 10, QChar(u'0')));
            accepted += last.code() == v1::ERR_NONE ? 1 : 0;
        }
        QCOMPARE(last.code(), v1::ERR_RATE_LIMITED);
        QCOMPARE(accepted, 30); // --lookup-burst's default
        QVERIFY(last.retry_after_s() >= 1);
        QCOMPARE(social::addFriend(*e, u"anyone"_s).code(), v1::ERR_RATE_LIMITED); // the same budget
    }

    void requestAcceptedOnEveryDevice()
    {
        const QString alicePhone = nextPhone();
        const TestLogin alice = newUser(alicePhone, u"alice-desk"_s);
        const TestLogin alicePhoneDevice = newUser(alicePhone, u"alice-phone"_s); // offline until later
        const TestLogin bob = newUser(nextPhone());
        auto a = connectRaw(*m_server, alice);
        auto b = connectRaw(*m_server, bob);
        QVERIFY(a && b);

        // Strangers cannot start a chat.
        QCOMPARE(social::call(*a, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, bob.userId, "hi", 1)).code(),
                 v1::ERR_NOT_FRIENDS);

        const v1::Result asked = social::addFriend(*a, bob.userId, u"我是 Alice"_s);
        QCOMPARE(asked.code(), v1::ERR_NONE);
        const v1::FriendRequest &request = asked.friend_request().request();
        QCOMPARE(request.status(), v1::REQUEST_PENDING);
        QVERIFY(request.expires_at() > request.created_at());
        const auto notice = b->waitForItem([](const v1::InboxItem &i) { return i.has_friend_request(); });
        QVERIFY(notice);
        QCOMPARE(notice->friend_request().request_id(), request.request_id());
        QCOMPARE(notice->friend_request().greeting(), "我是 Alice");
        QCOMPARE(QString::fromStdString(notice->friend_request().from().user_id()), alice.userId);

        // Asking again merges into the same request and does not notify again within the repeat window.
        const v1::Result again = social::addFriend(*a, bob.userId, u"Alice again"_s);
        QCOMPARE(again.code(), v1::ERR_NONE);
        QVERIFY(again.friend_request().merged());
        QCOMPARE(again.friend_request().request().request_id(), request.request_id());
        int noticesForBob = 0;
        const v1::PullResult bobsInbox = pullFrom(*b, 0);
        for (const v1::InboxItem &item : bobsInbox.items())
            noticesForBob += item.has_friend_request() ? 1 : 0;
        QCOMPARE(noticesForBob, 1);

        const v1::Result pending = social::call(*b, SubSignal::FRP, v1::FriendRequestsRequest());
        QCOMPARE(pending.friend_requests().requests_size(), 1);
        QCOMPARE(pending.friend_requests().requests(0).greeting(), "Alice again");

        QCOMPARE(social::answer(*b, request.request_id(), true, u"Al"_s).code(), v1::ERR_NONE);
        const auto accepted = a->waitForItem([](const v1::InboxItem &i) {
            return i.has_friend_request() && i.friend_request().status() == v1::REQUEST_ACCEPTED;
        });
        QVERIFY(accepted);
        const auto contact = a->waitForItem([](const v1::InboxItem &i) { return i.has_contact(); });
        QVERIFY(contact);
        QVERIFY(contact->contact().is_friend());
        QCOMPARE(QString::fromStdString(contact->contact().profile().user_id()), bob.userId);

        // The device that was off learns all of it by sync.
        auto a2 = connectRaw(*m_server, alicePhoneDevice);
        QVERIFY(a2);
        bool friendOnSecondDevice = false;
        const v1::PullResult secondDevice = pullFrom(*a2, 0);
        for (const v1::InboxItem &item : secondDevice.items())
            friendOnSecondDevice |= item.has_contact() && item.contact().is_friend();
        QVERIFY(friendOnSecondDevice);

        const v1::ContactList bobsContacts = social::call(*b, SubSignal::FP, v1::FriendListRequest()).contacts();
        const v1::Contact *bobSeesAlice = contactOf(bobsContacts, alice.userId);
        QVERIFY(bobSeesAlice && bobSeesAlice->is_friend());
        QCOMPARE(bobSeesAlice->remark(), "Al");
        QVERIFY(contactOf(social::call(*a2, SubSignal::FP, v1::FriendListRequest()).contacts(), bob.userId));

        QCOMPARE(social::call(*a, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, bob.userId, "hi", 2)).code(),
                 v1::ERR_NONE);
        QCOMPARE(social::answer(*b, request.request_id(), true).code(), v1::ERR_ALREADY_HANDLED);
        QCOMPARE(social::addFriend(*a, bob.userId).code(), v1::ERR_ALREADY_FRIENDS);
        QCOMPARE(social::addFriend(*a, alice.userId).code(), v1::ERR_SELF);
        QCOMPARE(social::addFriend(*a, u"nobody"_s).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(social::addFriend(*a, bob.userId, QString(101, u'x')).code(), v1::ERR_TOO_LARGE);
    }

    void crossingRequestsMakeFriends()
    {
        const TestLogin carol = newUser(nextPhone());
        const TestLogin dave = newUser(nextPhone());
        auto c = connectRaw(*m_server, carol);
        auto d = connectRaw(*m_server, dave);
        QVERIFY(c && d);
        QCOMPARE(social::addFriend(*c, dave.userId).friend_request().request().status(), v1::REQUEST_PENDING);
        QCOMPARE(social::addFriend(*d, carol.userId).friend_request().request().status(), v1::REQUEST_ACCEPTED);
        QVERIFY(contactOf(social::call(*c, SubSignal::FP, v1::FriendListRequest()).contacts(), dave.userId));
    }

    void rejectionIsNotAnnounced()
    {
        const TestLogin erin = newUser(nextPhone());
        const TestLogin frank = newUser(nextPhone());
        auto e = connectRaw(*m_server, erin);
        auto f = connectRaw(*m_server, frank);
        QVERIFY(e && f);
        const qint64 id = social::addFriend(*e, frank.userId).friend_request().request().request_id();
        QCOMPARE(social::answer(*f, id, false).code(), v1::ERR_NONE);
        QCOMPARE(social::answer(*f, id, true).code(), v1::ERR_ALREADY_HANDLED);
        const v1::FriendRequestList mine =
            social::call(*e, SubSignal::FRP, v1::FriendRequestsRequest()).friend_requests();
        QCOMPARE(mine.requests_size(), 1);
        QCOMPARE(mine.requests(0).status(), v1::REQUEST_PENDING); // to the sender it still waits
        const v1::FriendRequestList theirs =
            social::call(*f, SubSignal::FRP, v1::FriendRequestsRequest()).friend_requests();
        QCOMPARE(theirs.requests(0).status(), v1::REQUEST_REJECTED);
        // Someone else's request cannot be answered, and looks like none.
        QCOMPARE(social::answer(*e, id, true).code(), v1::ERR_NOT_FOUND);
    }

    void remarkDeleteAndBlock()
    {
        const TestLogin gina = newUser(nextPhone());
        const TestLogin hank = newUser(nextPhone());
        auto g = connectRaw(*m_server, gina);
        auto h = connectRaw(*m_server, hank);
        QVERIFY(g && h);
        QCOMPARE(social::userRef(*g, SubSignal::FDL, hank.userId).code(), v1::ERR_NOT_FRIENDS);
        QCOMPARE(social::addFriend(*g, hank.userId, u"hi\u202E"_s).code(), v1::ERR_MALFORMED_REQUEST); // one clean line
        QVERIFY(social::befriend(*g, *h, hank.userId));

        v1::SetRemarkRequest remark;
        remark.set_user_id(hank.userId.toStdString());
        remark.set_remark("汉克");
        const v1::Result remarked = social::call(*g, SubSignal::FRM, remark);
        QCOMPARE(remarked.code(), v1::ERR_NONE);
        QCOMPARE(remarked.contact().remark(), "汉克");
        remark.set_remark("Hank\nthe boss");
        QCOMPARE(social::call(*g, SubSignal::FRM, remark).code(), v1::ERR_MALFORMED_REQUEST);

        const v1::Result removed = social::userRef(*g, SubSignal::FDL, hank.userId);
        QCOMPARE(removed.code(), v1::ERR_NONE);
        QVERIFY(!removed.contact().is_friend());
        const auto toHank = h->waitForItem([&](const v1::InboxItem &i) {
            return i.has_contact() && !i.contact().is_friend() &&
                   QString::fromStdString(i.contact().profile().user_id()) == gina.userId;
        });
        QVERIFY(toHank);
        QCOMPARE(social::call(*h, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, gina.userId, "?", 1)).code(),
                 v1::ERR_NOT_FRIENDS);

        // Blocked: his requests and messages are refused in neutral words.
        v1::BlockRequest block;
        block.set_user_id(hank.userId.toStdString());
        block.set_blocked(true);
        const v1::Result blocked = social::call(*g, SubSignal::BLK, block);
        QCOMPARE(blocked.code(), v1::ERR_NONE);
        QVERIFY(blocked.contact().blocked());
        const v1::Result refused = social::addFriend(*h, gina.userId);
        QCOMPARE(refused.code(), v1::ERR_REFUSED);
        QVERIFY(!QString::fromStdString(refused.message()).contains(u"block"_s, Qt::CaseInsensitive));
        const v1::FriendRequestList ginas =
            social::call(*g, SubSignal::FRP, v1::FriendRequestsRequest()).friend_requests();
        for (const v1::FriendRequest &r : ginas.requests())
            QVERIFY(r.status() != v1::REQUEST_PENDING); // nothing from him reached her
        const v1::ContactList list = social::call(*g, SubSignal::FP, v1::FriendListRequest()).contacts();
        QVERIFY(contactOf(list, hank.userId) && contactOf(list, hank.userId)->blocked());

        block.set_blocked(false);
        QCOMPARE(social::call(*g, SubSignal::BLK, block).code(), v1::ERR_NONE);
        QCOMPARE(social::addFriend(*h, gina.userId).code(), v1::ERR_NONE);
        block.set_user_id(gina.userId.toStdString());
        QCOMPARE(social::call(*g, SubSignal::BLK, block).code(), v1::ERR_SELF);
    }
};

QTEST_GUILESS_MAIN(TestSocial)
#include "tst_social.moc"
