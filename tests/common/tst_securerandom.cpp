#include "common/securerandom.h"

#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QUuid>
#include <QtEndian>

#include <cstring>

using namespace parley;

// timeOrderedUuid: a message's idempotency key, which parleyd indexes per sender. Keys drawn later sort later, so
// that index grows at its end; what is not the time is random, so two keys of one millisecond still differ.
class TstSecureRandom : public QObject {
    Q_OBJECT

    static constexpr qint64 kSomeMs = 0x0123456789ABLL; // 48 bits, every byte different

    // The layout of RFC 9562: the version's nibble, the variant's two bits; everything else is the time or random.
    static bool isVersion7(const QByteArray &uuid)
    {
        return uuid.size() == 16 && uchar(uuid[6]) >> 4 == 7 && uchar(uuid[8]) >> 6 == 2 &&
               QUuid::fromRfc4122(uuid).variant() == QUuid::DCE;
    }

private Q_SLOTS:
    void isAVersion7Uuid()
    {
        const QByteArray uuid = timeOrderedUuid(kSomeMs);
        QVERIFY(isVersion7(uuid));
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
        QSet<QByteArray> tails; // the 74 random bits: all but the time, the version's nibble and the variant's bits
        QSet<QByteArray> shortTails; // the 12 random bits between the version's nibble and the variant
        for (int i = 0; i < kKeys; ++i) {
            QByteArray uuid = timeOrderedUuid(kSomeMs);
            QVERIFY(isVersion7(uuid));
            uuid[6] = char(uchar(uuid[6]) & 0x0f);
            uuid[8] = char(uchar(uuid[8]) & 0x3f);
            tails.insert(uuid.mid(6));
            shortTails.insert(uuid.mid(6, 2));
        }
        QCOMPARE(tails.size(), kKeys);
        QVERIFY2(shortTails.size() > kKeys / 2, qPrintable(QString::number(shortTails.size()))); // ~1,580 values
    }
};

QTEST_GUILESS_MAIN(TstSecureRandom)
#include "tst_securerandom.moc"
