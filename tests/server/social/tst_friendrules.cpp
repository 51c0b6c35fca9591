// The time rules of friend requests on the real SQLite store with explicit times: a request repeated
// while pending renews the same request, notifying the recipient again only once the repeat window has
// passed; an unanswered request expires and can no longer be accepted; a list shows it as expired.

#include "server/social/friendledger.h"
#include "server/storage/sqlstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;
constexpr FriendLedger::Policy kPolicy{7 * 24 * kHourMs, kHourMs};
constexpr qint64 kStart = 1'800'000'000'000;

} // namespace

class TestFriendRules : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    SqlStore m_store;
    AuthenticatedUser m_alice;
    AuthenticatedUser m_bob;

    AuthenticatedUser user(const QString &phone, const QString &uid)
    {
        const UserRecord u = *m_store.createUser(phone, uid, kStart);
        return AuthenticatedUser{u.id, u.uid, u"device"_s, u"test"_s, 0};
    }

    // Runs one rule in its own transaction, as the storage thread does.
    Outcome inTransaction(const std::function<Outcome()> &rule)
    {
        if (!m_store.beginTransaction())
            return Error(ErrorCode::Unavailable);
        Outcome outcome = rule();
        if (!m_store.commitTransaction())
            return Error(ErrorCode::Unavailable);
        return outcome;
    }

    int deliveriesTo(const Outcome &outcome, qint64 userId)
    {
        return int(std::count_if(outcome.deliveries.cbegin(), outcome.deliveries.cend(),
                                 [userId](const InboxDelivery &d) { return d.userId == userId; }));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_store.open(m_dir.filePath(u"friends.sqlite"_s)));
        m_alice = user(u"+10000000001"_s, u"alice"_s);
        m_bob = user(u"+10000000002"_s, u"bob"_s);
    }

    void repeatsAreMergedThenRequestsExpire()
    {
        const Outcome first =
            inTransaction([&] { return FriendLedger(kPolicy).request(m_store, m_alice, u"bob"_s, u"hi"_s, kStart); });
        QCOMPARE(first.result.code(), v1::ERR_NONE);
        QCOMPARE(deliveriesTo(first, m_bob.userId), 1);
        const qint64 id = first.result.friend_request().request().request_id();

        // Within the repeat window: the same request, renewed, and Bob is not told again.
        const Outcome soon = inTransaction([&] {
            return FriendLedger(kPolicy).request(m_store, m_alice, u"bob"_s, u"hi again"_s, kStart + kHourMs / 2);
        });
        QVERIFY(soon.result.friend_request().merged());
        QCOMPARE(soon.result.friend_request().request().request_id(), id);
        QCOMPARE(deliveriesTo(soon, m_bob.userId), 0);
        QCOMPARE(deliveriesTo(soon, m_alice.userId), 1); // her other devices follow

        // After it: still the same request, and Bob hears of it once more.
        const qint64 later = kStart + 2 * kHourMs;
        const Outcome again = inTransaction(
            [&] { return FriendLedger(kPolicy).request(m_store, m_alice, u"bob"_s, u"hello?"_s, later); });
        QCOMPARE(again.result.friend_request().request().request_id(), id);
        QCOMPARE(deliveriesTo(again, m_bob.userId), 1);

        // Unanswered past its expiry (counted from the last repeat): expired, not acceptable.
        const qint64 expired = later + kPolicy.expiryMs;
        const Outcome listed =
            inTransaction([&] { return FriendLedger(kPolicy).listRequests(m_store, m_bob, expired); });
        QCOMPARE(listed.result.friend_requests().requests_size(), 1);
        QCOMPARE(listed.result.friend_requests().requests(0).status(), v1::REQUEST_EXPIRED);
        const Outcome accepted =
            inTransaction([&] { return FriendLedger(kPolicy).handle(m_store, m_bob, id, true, {}, expired); });
        QCOMPARE(accepted.result.code(), v1::ERR_REQUEST_EXPIRED);
        QVERIFY(!m_store.social().contact(m_bob.userId, m_alice.userId).isFriend);

        // A new request after expiry is a new request.
        const Outcome fresh = inTransaction(
            [&] { return FriendLedger(kPolicy).request(m_store, m_alice, u"bob"_s, u"hi"_s, expired + 1); });
        QVERIFY(!fresh.result.friend_request().merged());
        QVERIFY(fresh.result.friend_request().request().request_id() != id);
    }
};

QTEST_GUILESS_MAIN(TestFriendRules)
#include "tst_friendrules.moc"
