// A session on its way in (SessionRegistry and ArrivalWatch): its CONNECT's answer read the inbox head, and
// until it is added a push to its user reaches no session of it. Such a push makes the session pull once
// added; pushes to someone else, before the watch or after the session is in do not, nor notices that are not
// inbox items; two devices arriving at once each see the push; a watch that ends without its session (the link
// closed first) counts nothing more.

#include "server/net/arrivalwatch.h"
#include "server/net/sessionregistry.h"

#include <QTest>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kAlice = 7;
constexpr qint64 kBob = 8;

// A session nobody runs: posting to it does nothing, which is all the registry needs here.
SessionRef session(quint64 id)
{
    return SessionRef{nullptr, id};
}

Frame message()
{
    return Frame{Signal::Push, SubSignal::MN, 0, QByteArray("m")};
}

} // namespace

class TestSessionRegistry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aPushWhileArrivingMakesTheSessionPull()
    {
        SessionRegistry registry;
        ArrivalWatch arrival(registry, kAlice);
        registry.pushInboxItem(kAlice, message);
        QVERIFY(registry.add(kAlice, session(1), u"desktop"_s, &arrival));
        QCOMPARE(registry.sessionCount(kAlice), 1);
    }

    void otherPushesDoNot()
    {
        SessionRegistry registry;
        registry.pushInboxItem(kAlice, message); // before the watch: the head read after it covers this
        ArrivalWatch arrival(registry, kAlice);
        registry.pushInboxItem(kBob, message);
        QVERIFY(!registry.add(kAlice, session(1), u"desktop"_s, &arrival));
        registry.pushInboxItem(kAlice, message); // reaches the session itself
        ArrivalWatch second(registry, kAlice);
        QVERIFY(!registry.add(kAlice, session(2), u"laptop"_s, &second));
        QVERIFY(!registry.add(kBob, session(3), u"desktop"_s)); // no watch: nothing to tell
    }

    void aNoticeWhileArrivingDoesNot()
    {
        SessionRegistry registry;
        ArrivalWatch arrival(registry, kAlice);
        registry.pushToUser(kAlice, Frame{Signal::Push, SubSignal::PSN, 0, {}}); // presence: not an inbox item
        QVERIFY(!registry.add(kAlice, session(1), u"desktop"_s, &arrival));
    }

    void twoDevicesArrivingBothPull()
    {
        SessionRegistry registry;
        ArrivalWatch desktop(registry, kAlice);
        ArrivalWatch laptop(registry, kAlice);
        registry.pushInboxItem(kAlice, message);
        QVERIFY(registry.add(kAlice, session(1), u"desktop"_s, &desktop));
        QVERIFY(registry.add(kAlice, session(2), u"laptop"_s, &laptop));
    }

    void aWatchThatEndsAloneCountsNothingMore()
    {
        SessionRegistry registry;
        ArrivalWatch laptop(registry, kAlice);
        {
            ArrivalWatch desktop(registry, kAlice); // its link closed before the answer reached it
        }
        QVERIFY(!registry.add(kAlice, session(1), u"laptop"_s, &laptop));
        {
            ArrivalWatch desktop(registry, kAlice);
            registry.pushInboxItem(kAlice, message);
        }
        ArrivalWatch phone(registry, kAlice);
        QVERIFY(!registry.add(kAlice, session(2), u"phone"_s, &phone));
    }
};

QTEST_GUILESS_MAIN(TestSessionRegistry)
#include "tst_sessionregistry.moc"
