// Presence against a real parleyd (PS, PSN): online while any of the user's devices is, "last seen" when the
// last one went, pushed to friends who are online; each audience (everyone, friends, nobody) both ways; a user
// who blocked the asker appears long ago. The approximations by age are PresenceRules::view's, checked
// directly with chosen times (PresenceRules).

#include "parley.pb.h"
#include "protocol/protobufbytes.h"
#include "server/social/presencerules.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QDateTime>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;
using server::PresenceRules;

namespace {

v1::Presence presenceOf(RawClient &asker, const QString &userId)
{
    v1::PresenceRequest request;
    request.add_user_ids(userId.toStdString());
    request.add_user_ids("nobody-has-this-id"); // left out of the answer
    const v1::Result result = social::call(asker, SubSignal::PS, request);
    if (result.code() != v1::ERR_NONE || result.presences().presences_size() != 1)
        return {};
    return result.presences().presences(0);
}

v1::ErrorCode setAudience(RawClient &client, int audience)
{
    v1::ModifyMyInfoRequest request;
    request.set_presence_audience(v1::PresenceAudience(audience));
    return social::call(client, SubSignal::MMI, request).code();
}

// The next presence notice about `userId` (in `state`, if given) pushed to `client`; others before it are
// passed over.
std::optional<v1::Presence> nextPresence(RawClient &client, const QString &userId,
                                         std::optional<v1::PresenceState> state = std::nullopt)
{
    for (;;) {
        const std::optional<Frame> push = client.waitFor(Signal::Push);
        if (!push)
            return std::nullopt;
        if (push->subSignal != SubSignal::PSN)
            continue;
        const std::optional<v1::Presence> p = fromBytes<v1::Presence>(push->payload);
        if (p && QString::fromStdString(p->user_id()) == userId && (!state || p->state() == *state))
            return p;
    }
}

} // namespace

class TestPresence : public ParleydTestCase {
    Q_OBJECT

public:
    TestPresence() : ParleydTestCase(social::strictServerArguments()) {} // a second device needs a second code

private Q_SLOTS:
    void onlineWhileAnyDeviceIs()
    {
        const QString phone = nextPhone();
        RawUser alice = rawUser(*m_server, phone);
        RawUser bob = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QVERIFY(nextPresence(*bob.link, alice.id(), v1::PRESENCE_ONLINE)); // told as they became friends
        QCOMPARE(presenceOf(*bob.link, alice.id()).state(), v1::PRESENCE_ONLINE);

        const TestLogin laptopLogin = logInRaw(*m_server, phone, u"laptop"_s, u"desktop"_s);
        std::unique_ptr<RawClient> laptop = connectRaw(*m_server, laptopLogin);
        QVERIFY(laptop);
        alice.link.reset(); // one device goes; the other is still online
        const auto deskGone = [&laptop] {
            const v1::Result devices = social::call(*laptop, SubSignal::DVL, v1::DeviceListRequest());
            return std::none_of(devices.devices().devices().cbegin(), devices.devices().devices().cend(),
                                [](const v1::Device &d) { return d.device_id() == "desk" && d.online(); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(deskGone(), RawClient::kWaitMs);
        QCOMPARE(presenceOf(*bob.link, alice.id()).state(), v1::PRESENCE_ONLINE);

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        laptop.reset(); // the last one goes: Bob is told (and was not before), and asking says the same
        const std::optional<v1::Presence> gone = nextPresence(*bob.link, alice.id());
        QVERIFY(gone);
        QCOMPARE(gone->state(), v1::PRESENCE_LAST_SEEN);
        QVERIFY(gone->last_seen_at() >= before);
        QVERIFY(gone->last_seen_at() <= QDateTime::currentMSecsSinceEpoch());
        const v1::Presence asked = presenceOf(*bob.link, alice.id());
        QCOMPARE(asked.state(), v1::PRESENCE_LAST_SEEN);
        QCOMPARE(asked.last_seen_at(), gone->last_seen_at());

        std::unique_ptr<RawClient> back = connectRaw(*m_server, laptopLogin);
        QVERIFY(back);
        QVERIFY(nextPresence(*bob.link, alice.id(), v1::PRESENCE_ONLINE));
    }

    void eachAudienceWorksBothWays()
    {
        RawUser alice = person();
        RawUser bob = person();   // a friend of Alice
        RawUser carol = person(); // a stranger to her
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QCOMPARE(presenceOf(*carol.link, alice.id()).state(), v1::PRESENCE_ONLINE); // everyone: the default

        QCOMPARE(setAudience(*alice.link, v1::AUDIENCE_FRIENDS), v1::ERR_NONE);
        QCOMPARE(presenceOf(*bob.link, alice.id()).state(), v1::PRESENCE_ONLINE);
        QCOMPARE(presenceOf(*carol.link, alice.id()).state(), v1::PRESENCE_RECENTLY);
        QCOMPARE(presenceOf(*alice.link, carol.id()).state(), v1::PRESENCE_RECENTLY); // she does not show Carol hers
        QCOMPARE(presenceOf(*alice.link, bob.id()).state(), v1::PRESENCE_ONLINE);

        QCOMPARE(setAudience(*alice.link, v1::AUDIENCE_NOBODY), v1::ERR_NONE);
        QVERIFY(nextPresence(*bob.link, alice.id(), v1::PRESENCE_RECENTLY)); // told at once
        QCOMPARE(presenceOf(*bob.link, alice.id()).state(), v1::PRESENCE_RECENTLY);
        QCOMPARE(presenceOf(*alice.link, bob.id()).state(), v1::PRESENCE_RECENTLY);
        QCOMPARE(presenceOf(*alice.link, alice.id()).state(), v1::PRESENCE_ONLINE); // herself: always
        QCOMPARE(social::call(*alice.link, SubSignal::MMI, v1::ModifyMyInfoRequest()).my_info().presence_audience(),
                 v1::AUDIENCE_NOBODY);

        QCOMPARE(setAudience(*alice.link, v1::AUDIENCE_EVERYONE), v1::ERR_NONE);
        QVERIFY(nextPresence(*bob.link, alice.id(), v1::PRESENCE_ONLINE));
        QCOMPARE(presenceOf(*carol.link, alice.id()).state(), v1::PRESENCE_ONLINE);
        QCOMPARE(setAudience(*alice.link, 7), v1::ERR_MALFORMED_REQUEST);
    }

    void whoSeesItRoughlyIsNotToldOfComingAndGoing()
    {
        // The moment Alice comes or goes is for friends who see her presence exactly (Carol), not for one who
        // sees it only roughly (Bob, who shows his to nobody).
        RawUser alice = person(), bob = person(), carol = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QVERIFY(nextPresence(*bob.link, alice.id())); // told as they became friends
        QVERIFY(social::befriend(*alice.link, *carol.link, carol.id()));
        QVERIFY(nextPresence(*carol.link, alice.id()));
        QCOMPARE(setAudience(*bob.link, v1::AUDIENCE_NOBODY), v1::ERR_NONE);
        QCOMPARE(presenceOf(*bob.link, alice.id()).state(), v1::PRESENCE_RECENTLY);
        bob.link->dropPushes(SubSignal::PSN);

        alice.link.reset();
        QVERIFY(nextPresence(*carol.link, alice.id(), v1::PRESENCE_LAST_SEEN));
        std::unique_ptr<RawClient> back = connectRaw(*m_server, alice.login);
        QVERIFY(back);
        QVERIFY(nextPresence(*carol.link, alice.id(), v1::PRESENCE_ONLINE));
        // Whatever was pushed to Bob meanwhile came before his next answer (pushes and answers leave the
        // storage thread in order): nothing about Alice.
        QCOMPARE(presenceOf(*bob.link, alice.id()).state(), v1::PRESENCE_RECENTLY);
        while (const std::optional<Frame> push = bob.link->waitFor(Signal::Push, 0))
            QVERIFY(push->subSignal != SubSignal::PSN);
    }

    void whoBlockedMeAppearsLongAgoAndBothAreTold()
    {
        RawUser alice = person();
        RawUser bob = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        v1::BlockRequest block;
        block.set_user_id(alice.id().toStdString());
        block.set_blocked(true);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);
        QVERIFY(nextPresence(*alice.link, bob.id(), v1::PRESENCE_LONG_AGO));
        QVERIFY(nextPresence(*bob.link, alice.id(), v1::PRESENCE_RECENTLY)); // he hides his: sees hers roughly
        QCOMPARE(presenceOf(*alice.link, bob.id()).state(), v1::PRESENCE_LONG_AGO); // and asking says the same
        QCOMPARE(presenceOf(*bob.link, alice.id()).state(), v1::PRESENCE_RECENTLY);
        block.set_blocked(false);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);
        QVERIFY(nextPresence(*alice.link, bob.id(), v1::PRESENCE_ONLINE));
        QVERIFY(nextPresence(*bob.link, alice.id(), v1::PRESENCE_ONLINE));
    }

    void askingIsBounded()
    {
        RawUser alice = person();
        v1::PresenceRequest request;
        for (int i = 0; i <= 100; ++i)
            request.add_user_ids(u"user-%1"_s.arg(i).toStdString());
        QCOMPARE(social::call(*alice.link, SubSignal::PS, request).code(), v1::ERR_TOO_LARGE);
    }

    void approximationsByAge()
    {
        const qint64 now = 1'800'000'000'000;
        constexpr qint64 day = PresenceRules::kDayMs;
        server::ProfileRecord target{1, u"t"_s};
        target.presenceAudience = v1::AUDIENCE_NOBODY;
        const server::ProfileRecord viewer{2, u"v"_s};
        const PresenceRules::Relation friends{true, false, false};
        const auto state = [&](qint64 lastSeen, bool online = false) {
            target.lastSeenAtMs = lastSeen;
            return PresenceRules::view(target, online, viewer, friends, now).state();
        };
        QCOMPARE(state(now - day, true), v1::PRESENCE_RECENTLY);
        QCOMPARE(state(now - 2 * day), v1::PRESENCE_RECENTLY);
        QCOMPARE(state(now - 5 * day), v1::PRESENCE_WITHIN_WEEK);
        QCOMPARE(state(now - 20 * day), v1::PRESENCE_WITHIN_MONTH);
        QCOMPARE(state(now - 40 * day), v1::PRESENCE_LONG_AGO);
        QCOMPARE(state(0), v1::PRESENCE_LONG_AGO); // never seen
        target.presenceAudience = v1::AUDIENCE_FRIENDS; // shown: the exact time, never an approximation
        target.lastSeenAtMs = now - 40 * day;
        const v1::Presence exact = PresenceRules::view(target, false, viewer, friends, now);
        QCOMPARE(exact.state(), v1::PRESENCE_LAST_SEEN);
        QCOMPARE(exact.last_seen_at(), target.lastSeenAtMs);
        QCOMPARE(PresenceRules::view(target, false, viewer, PresenceRules::Relation{}, now).state(),
                 v1::PRESENCE_LONG_AGO); // not friends: roughly, and 40 days is long ago
    }
};

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
