// Reconnect delays: exponential, capped, jittered within [half, whole] of each step, reset on success.

#include "core/net/backoff.h"

#include <QTest>

using namespace parley;

class TestBackoff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void growsAndCaps()
    {
        Backoff highest(1000, 60000, [](quint32 bound) { return bound - 1; });
        const QList<int> expected{1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
        for (int e : expected)
            QCOMPARE(highest.nextDelayMs(), e);
        Backoff lowest(1000, 60000, [](quint32) { return 0u; });
        const QList<int> halves{500, 1000, 2000, 4000};
        for (int e : halves)
            QCOMPARE(lowest.nextDelayMs(), e);
    }

    void jitterStaysInItsBand()
    {
        Backoff real; // the system random
        for (int attempt = 0; attempt < 40; ++attempt) {
            const int step =
                int(std::min<qint64>(qint64(Backoff::kInitialMs) << std::min(attempt, 20), Backoff::kCapMs));
            const int d = real.nextDelayMs();
            QVERIFY2(d >= step / 2 && d <= step, qPrintable(QStringLiteral("attempt %1: %2").arg(attempt).arg(d)));
        }
    }

    void resetStartsOver()
    {
        Backoff b(100, 1000, [](quint32 bound) { return bound - 1; });
        b.nextDelayMs();
        b.nextDelayMs();
        QCOMPARE(b.attempts(), 2);
        b.reset();
        QCOMPARE(b.nextDelayMs(), 100);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
