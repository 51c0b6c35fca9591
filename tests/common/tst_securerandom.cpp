#include "common/securerandom.h"

#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QUuid>
#include <QtEndian>

using namespace parley;

// timeOrderedUuid: a message's idempotency key, which parleyd indexes per sender. Keys drawn later sort later, so
// that index grows at its end; what is not the time is random, so two keys of one millisecond still differ.
class TstSecureRandom : public QObject {
    Q_OBJECT

    static constexpr qint64 kSomeMs = 0x0123456789ABLL; // 48 bits, every byte different

private Q_SLOTS:
    void isAVersion7Uuid()
    {
        const QByteArray uuid = timeOrderedUuid(kSomeMs);
        QCOMPARE(uuid.size(), 16);
        QCOMPARE(uchar(uuid[6]) >> 4, 7);
        QCOMPARE(QUuid::fromRfc4122(uuid).variant(), QUuid::DCE);
        quint64 time = 0;
        memcpy(reinterpret_cast<char *>(&time) + 2, uuid.constData(), 6);
        QCOMPARE(qFromBigEndian(time), quint64(kSomeMs));
    }

    void laterKeysSortLater()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QByteArray previous = timeOrderedUuid(now);
        for (qint64 ms = now + 1; ms < now + 2000; ++ms) {
            const QByteArray next = timeOrderedUuid(ms);
            QVERIFY2(previous < next, qPrintable(QString::number(ms - now)));
            previous = next;
        }
    }

    void keysOfOneMillisecondDiffer()
    {
        constexpr int kKeys = 2000;
        QSet<QByteArray> keys;
        QSet<QByteArray> tails; // the 10 bytes after the time and the version's nibble, less the variant's bits
        for (int i = 0; i < kKeys; ++i) {
            const QByteArray uuid = timeOrderedUuid(kSomeMs);
            keys.insert(uuid);
            tails.insert(uuid.mid(8));
        }
        QCOMPARE(keys.size(), kKeys);
        QCOMPARE(tails.size(), kKeys);
    }
};

QTEST_GUILESS_MAIN(TstSecureRandom)
#include "tst_securerandom.moc"
