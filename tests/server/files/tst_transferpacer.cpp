// TransferPacer, the files port's yielding to messages, with time moved by hand: transfers run unpaced until
// sends get slower than their quiet level while bytes move, then at a rate that falls while sends stay slow and
// climbs back while they are quick or absent; a floor and a cap hold; the quiet level forgets after a minute.

#include "server/files/transferpacer.h"

#include <QTest>

using namespace parley::server;

namespace {

constexpr qint64 kStartUs = 1'000'000'000;  // any monotonic time
constexpr qint64 kQuickUs = 1'000;          // a quiet send
constexpr qint64 kSlowUs = 9'000;           // over both targets (kMinTargetUs, twice the quiet level)
constexpr qint64 kWindowBytes = 10'000'000; // moved in one window: 100 MB/s
constexpr double kMovedRate = 100'000'000;  // bytes per second that is
constexpr qint64 kBlock = 256 << 10;
constexpr int kMaxWindowsToUnpaced = 200; // 1.05^n from the floor to kUnpacedBytesPerSecond, with room

} // namespace

class TestTransferPacer : public QObject {
    Q_OBJECT

    qint64 m_now = kStartUs;

    qint64 rate(TransferPacer &pacer) { return pacer.state(m_now).bytesPerSecond; }
    qint64 quiet(TransferPacer &pacer) { return pacer.state(m_now).quietSendUs; }

    // One window: a send that took `sendUs` (none if 0) and `bytes` reserved, then the next window begins.
    void window(TransferPacer &pacer, qint64 sendUs, qint64 bytes)
    {
        if (sendUs > 0)
            pacer.messageAnswered(m_now, sendUs);
        if (bytes > 0)
            pacer.reserve(m_now, bytes);
        m_now += TransferPacer::kWindowUs;
        pacer.messageAnswered(m_now, kQuickUs / 2 + 1); // closes it (and counts in the next one, harmlessly)
    }

    // A pacer whose quiet level is known (kQuickUs) and whose transfers were just cut once from 100 MB/s.
    void slowDown(TransferPacer &pacer)
    {
        for (int i = 0; i < 3; ++i)
            window(pacer, kQuickUs, 0);
        window(pacer, kSlowUs, kWindowBytes);
    }

private Q_SLOTS:
    void init() { m_now = kStartUs; }

    void unpacedWithoutMessages()
    {
        TransferPacer pacer({});
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(pacer.reserve(m_now, kBlock), 0);
            m_now += 1000;
        }
        QCOMPARE(rate(pacer), 0);
        QCOMPARE(quiet(pacer), 0);
    }

    void slowSendsWhileBytesMovePaceTheTransfers()
    {
        TransferPacer pacer({});
        for (int i = 0; i < 3; ++i)
            window(pacer, kQuickUs, kWindowBytes); // quick sends: transfers go on unpaced
        QCOMPARE(rate(pacer), 0);
        window(pacer, kSlowUs, kWindowBytes);
        // Cut from what moved in that window.
        QVERIFY(qAbs(double(rate(pacer)) - kMovedRate * TransferPacer::kDecrease) <= 1);
        // Reservations now wait their turn at that rate, after a burst's worth.
        const double paced = double(rate(pacer));
        qint64 wait = 0;
        for (int i = 1; i <= 10; ++i) {
            wait = pacer.reserve(m_now, kBlock);
            const double expected = std::max(0.0, double(i * kBlock) * 1e6 / paced - double(TransferPacer::kBurstUs));
            QVERIFY2(qAbs(double(wait) - expected) <= i, qPrintable(QString::number(wait)));
        }
        // A second window still slow: cut again.
        m_now += wait;
        window(pacer, kSlowUs, kBlock);
        QVERIFY(qAbs(double(rate(pacer)) - paced * TransferPacer::kDecrease) <= 1);
    }

    void quickSendsLetTheRateClimbBackToUnpaced()
    {
        TransferPacer pacer({});
        slowDown(pacer);
        qint64 last = rate(pacer);
        int windows = 0;
        while (rate(pacer) > 0 && windows++ < kMaxWindowsToUnpaced) {
            window(pacer, kQuickUs, kBlock);
            const qint64 now = rate(pacer);
            QVERIFY(now == 0 || now > last);
            last = now;
        }
        QCOMPARE(rate(pacer), 0);
        QCOMPARE(pacer.reserve(m_now, kWindowBytes), 0);
        QVERIFY(windows > 10); // by kIncrease, not at once
    }

    void withoutSendsTheRateClimbsFaster()
    {
        TransferPacer quick({}), idle({});
        slowDown(quick);
        m_now = kStartUs;
        slowDown(idle);
        window(quick, kQuickUs, kBlock);
        window(idle, 0, kBlock);
        QVERIFY(rate(idle) > rate(quick));
        // A long pause: unpaced when it ends (its windows closed one by one, or all at once past 64).
        slowDown(quick);
        m_now += 60 * TransferPacer::kWindowUs;
        QCOMPARE(quick.reserve(m_now, kBlock), 0);
        QCOMPARE(rate(quick), 0);
    }

    void neverBelowTheFloor()
    {
        TransferPacer pacer({});
        slowDown(pacer);
        for (int i = 0; i < 50; ++i)
            window(pacer, kSlowUs, kBlock);
        QCOMPARE(rate(pacer), TransferPacer::kMinBytesPerSecond);
    }

    void slowSendsWithoutTransfersAreNotTheirs()
    {
        TransferPacer pacer({});
        for (int i = 0; i < 3; ++i)
            window(pacer, kQuickUs, 0);
        for (int i = 0; i < 10; ++i)
            window(pacer, kSlowUs, 0);
        QCOMPARE(rate(pacer), 0);
    }

    void sendsWithinTheTargetDoNotSlowAnything()
    {
        TransferPacer pacer({});
        for (int i = 0; i < 3; ++i)
            window(pacer, kQuickUs, kWindowBytes);
        // Twice the quiet level is under kMinTargetUs here: the floor of the target holds.
        for (int i = 0; i < 10; ++i)
            window(pacer, TransferPacer::kMinTargetUs, kWindowBytes);
        QCOMPARE(rate(pacer), 0);
        window(pacer, TransferPacer::kMinTargetUs + 1, kWindowBytes);
        QVERIFY(rate(pacer) > 0);
    }

    void theQuietLevelIsTheLastMinutesLowest()
    {
        TransferPacer pacer({});
        window(pacer, kQuickUs, 0);
        QCOMPARE(quiet(pacer), kQuickUs);
        const qint64 busy = 5 * kQuickUs;
        const int windowsPerSecond = int(1'000'000 / TransferPacer::kWindowUs);
        for (int i = 0; i < (TransferPacer::kQuietSpanS + 1) * windowsPerSecond; ++i) {
            pacer.messageAnswered(m_now, busy);
            m_now += TransferPacer::kWindowUs;
            pacer.messageAnswered(m_now, busy);
        }
        QCOMPARE(quiet(pacer), busy);
        // So sends as slow as the new level no longer slow transfers down; twice as slow still does.
        window(pacer, busy, kWindowBytes);
        QCOMPARE(rate(pacer), 0);
        window(pacer, 2 * busy + 1, kWindowBytes);
        QVERIFY(rate(pacer) > 0);
    }

    void aCapHoldsWhateverTheMessages()
    {
        constexpr qint64 kCap = 1'000'000;
        TransferPacer pacer({true, kCap});
        QCOMPARE(rate(pacer), kCap);
        QCOMPARE(pacer.reserve(m_now, kCap), 1'000'000 - TransferPacer::kBurstUs);
        QCOMPARE(pacer.reserve(m_now, kCap), 2'000'000 - TransferPacer::kBurstUs);
        // Slow sends take it lower; never above it when they are quick again.
        TransferPacer capped({true, 50'000'000});
        slowDown(capped); // cut from the cap in force, not from what moved
        QCOMPARE(rate(capped), qint64(50'000'000 * TransferPacer::kDecrease));
        for (int i = 0; i < kMaxWindowsToUnpaced; ++i)
            window(capped, kQuickUs, kBlock);
        QCOMPARE(rate(capped), 50'000'000);
    }

    void transfersThatDoNotYieldRunUnpaced()
    {
        TransferPacer pacer({false, 0});
        slowDown(pacer);
        for (int i = 0; i < 10; ++i)
            window(pacer, kSlowUs, kWindowBytes);
        QCOMPARE(rate(pacer), 0);
        QVERIFY(quiet(pacer) > 0); // still watched, for the operator
    }
};

QTEST_GUILESS_MAIN(TestTransferPacer)
#include "tst_transferpacer.moc"
