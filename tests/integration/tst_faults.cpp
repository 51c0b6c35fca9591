// Nothing lost, nothing twice, same order: real clients exchange messages while the network between them
// and parleyd is cut, delayed and black-holed at random (an in-process fault proxy), and while the server
// is SIGKILLed and restarted again and again. Afterwards each cache is compared with the server's database:
// 0 acknowledged messages lost, 0 written messages lost, 0 duplicates, every conversation in server order.

#include "tests/support/chatworld.h"
#include "tests/support/faultproxy.h"
#include "tests/support/parleydprocess.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTimer>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kPeople = 4;
constexpr int kMessagesUnderChaos = 1200;
constexpr int kMessagesUnderKills = 600;
constexpr int kServerKills = 4;

// Short intervals so that black holes are noticed in about a second and retries come fast.
ConnectionTimings fastTimings()
{
    ConnectionTimings t;
    t.heartbeatMs = 400;
    t.pongTimeoutMs = 600;
    t.tickMs = 100;
    t.requestTimeoutMs = 3000;
    t.backoffInitialMs = 50;
    t.backoffCapMs = 400;
    return t;
}

void report(const char *name, const ChatWorld::Figures &f)
{
    qInfo("%s: %d messages on the server; acknowledged but lost %d, written but lost %d, duplicates shown %d, "
          "duplicates stored %d, conversations out of order %d",
          name, f.messagesOnServer, f.acknowledgedButLost, f.writtenButLost, f.duplicatesShown, f.duplicatesStored,
          f.conversationsOutOfOrder);
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT

    static void logInEveryone(ChatWorld &world, ParleydProcess &, const QString &prefix)
    {
        for (int i = 0; i < kPeople; ++i) {
            ChatWorld::Person &p = world.add(u"+86%1%2"_s.arg(prefix).arg(i, 8, 10, QChar(u'0')));
            QVERIFY(world.logIn(p));
        }
        QVERIFY(world.waitAllOnline());
    }

    static void verify(const char *name, ChatWorld &world, int expectedMessages)
    {
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        const ChatWorld::Figures f = world.figures();
        report(name, f);
        const QString broken = f.broken(expectedMessages);
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
    }

private Q_SLOTS:
    void chaosOnTheNetwork()
    {
        ParleydProcess server({u"--code-address-per-hour"_s, u"0"_s, u"--send-rate"_s, u"0"_s});
        QVERIFY(server.start());
        FaultProxy proxy(server.tlsPort());
        ChatWorld world(server, proxy.port(), fastTimings(), 1000);
        logInEveryone(world, server, u"131"_s);
        if (QTest::currentTestFailed())
            return;

        QRandomGenerator random(0xC4A05);
        int cuts = 0, holes = 0, delays = 0;
        QTimer chaos;
        chaos.setSingleShot(true);
        const auto nextFault = [&] { chaos.start(int(100 + random.bounded(300))); };
        connect(&chaos, &QTimer::timeout, this, [&] {
            proxy.setBlackHole(false);
            proxy.setDelayMs(0);
            switch (random.bounded(10)) {
            case 0:
            case 1:
            case 2:
            case 3:
            case 4:
                proxy.cutAll();
                ++cuts;
                break;
            case 5:
            case 6:
                proxy.setBlackHole(true);
                ++holes;
                break; // until the next fault
            case 7:
            case 8:
                proxy.setDelayMs(int(20 + random.bounded(80)));
                ++delays;
                break;
            default: break; // a quiet spell
            }
            nextFault();
        });
        nextFault();

        // Messages go out at a steady pace while the faults happen.
        int sent = 0;
        QTimer writer;
        connect(&writer, &QTimer::timeout, this, [&] {
            for (int i = 0; i < 2 && sent < kMessagesUnderChaos; ++i, ++sent)
                world.sendRandom(random, u"chaos %1"_s.arg(sent));
        });
        writer.start(10);
        QVERIFY(QTest::qWaitFor([&] { return sent == kMessagesUnderChaos; }, ChatWorld::kWaitMs));
        writer.stop();
        // The faults go on until the run has had those it is about, also when the messages went out quickly
        // (their delivery is still under way through them).
        QVERIFY(QTest::qWaitFor([&] { return cuts > 5 && holes > 0; }, ChatWorld::kWaitMs));
        chaos.stop();
        proxy.setBlackHole(false);
        proxy.setDelayMs(0);
        qInfo("faults injected: %d cuts, %d black holes, %d delays; %d connections opened through the proxy", cuts,
              holes, delays, proxy.connectionsSeen());
        QVERIFY(cuts > 5 && holes > 0);

        verify("network chaos", world, kMessagesUnderChaos);
    }

    void serverKilledDuringSustainedSend()
    {
        ParleydProcess server({u"--code-address-per-hour"_s, u"0"_s, u"--send-rate"_s, u"0"_s});
        QVERIFY(server.start());
        ChatWorld world(server, server.tlsPort(), fastTimings(), 1000);
        logInEveryone(world, server, u"132"_s);
        if (QTest::currentTestFailed())
            return;

        QRandomGenerator random(0x51C1);
        int sent = 0;
        QTimer writer;
        connect(&writer, &QTimer::timeout, this, [&] {
            for (int i = 0; i < 4 && sent < kMessagesUnderKills; ++i, ++sent)
                world.sendRandom(random, u"crash %1"_s.arg(sent));
        });
        writer.start(10);
        for (int kill = 0; kill < kServerKills; ++kill) {
            const int target = (kill + 1) * kMessagesUnderKills / (kServerKills + 1);
            QVERIFY(QTest::qWaitFor([&] { return sent >= target; }, ChatWorld::kWaitMs));
            server.kill(); // SIGKILL mid-stream: no goodbye, no flush
            QVERIFY(server.restart());
        }
        QVERIFY(QTest::qWaitFor([&] { return sent == kMessagesUnderKills; }, ChatWorld::kWaitMs));
        writer.stop();

        verify("server killed", world, kMessagesUnderKills);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
