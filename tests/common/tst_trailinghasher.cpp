#include "common/sha256.h"
#include "common/trailinghasher.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <deque>

using namespace parley;

// TrailingHasher hashes a file behind its writer, in slices run wherever `post` sends them: here a queue the test
// runs by hand, so which slice runs when is the test's choice.
class TstTrailingHasher : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::deque<std::function<void()>> m_queue;

    TrailingHasher::Post queue()
    {
        return [this](std::function<void()> slice) { m_queue.push_back(std::move(slice)); };
    }
    void runQueued()
    {
        while (!m_queue.empty()) {
            std::function<void()> slice = std::move(m_queue.front());
            m_queue.pop_front();
            slice();
        }
    }
    static QByteArray randomBytes(qsizetype size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
        return bytes;
    }
    QString path() const { return m_dir.filePath(QStringLiteral("upload")); }

private Q_SLOTS:
    void init() { m_queue.clear(); }

    void theDigestIsTheFilesAsItWasWrittenInPieces()
    {
        const QByteArray whole = randomBytes(qsizetype(2 * TrailingHasher::kSliceBytes + 12345));
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        auto hasher = std::make_shared<TrailingHasher>(path(), queue());
        // Written in three pieces, the hasher told after each; only the first piece's slice runs before the end.
        const qsizetype cuts[] = {1000, qsizetype(TrailingHasher::kSliceBytes) + 5, whole.size()};
        qsizetype at = 0;
        for (const qsizetype cut : cuts) {
            QCOMPARE(file.write(whole.mid(at, cut - at)), cut - at);
            QVERIFY(file.flush());
            at = cut;
            hasher->extendTo(quint64(at));
            if (cut == cuts[0])
                runQueued();
        }
        QCOMPARE(hasher->target(), quint64(whole.size()));
        // What no slice has hashed yet, result() hashes itself.
        QCOMPARE(hasher->result(), Sha256::of(whole));
        QVERIFY(hasher->result().isEmpty()); // spent
        runQueued();                         // slices queued before the end do nothing and do not crash
    }

    void aTargetNeverShrinks()
    {
        const QByteArray whole = randomBytes(4096);
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(whole), whole.size());
        file.close();
        auto hasher = std::make_shared<TrailingHasher>(path(), queue());
        hasher->extendTo(4096);
        hasher->extendTo(100);
        QCOMPARE(hasher->target(), quint64(4096));
        runQueued();
        QCOMPARE(hasher->result(), Sha256::of(whole));
    }

    void aFileShorterThanItsTargetGivesNoDigest()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(randomBytes(1000)), qint64(1000));
        file.close();
        auto hasher = std::make_shared<TrailingHasher>(path(), queue());
        hasher->extendTo(2000); // as if it had been truncated under it
        runQueued();
        QVERIFY(hasher->result().isEmpty());

        auto unread = std::make_shared<TrailingHasher>(path(), queue());
        unread->extendTo(2000); // no slice ran: result() reads and finds it short too
        QVERIFY(unread->result().isEmpty());
    }

    void slicesOnAnotherThreadMeetTheEnd()
    {
        // The real arrangement: slices on a thread of their own while the writer goes on; result() waits for
        // a running slice and hashes the rest.
        const QByteArray whole = randomBytes(qsizetype(3 * TrailingHasher::kSliceBytes));
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        auto hasher = std::make_shared<TrailingHasher>(
            path(), [&pool](std::function<void()> slice) { pool.start(std::move(slice)); });
        constexpr qsizetype kPiece = 256 << 10;
        for (qsizetype at = 0; at < whole.size(); at += kPiece) {
            QCOMPARE(file.write(whole.mid(at, kPiece)), kPiece);
            QVERIFY(file.flush());
            hasher->extendTo(quint64(at + kPiece));
        }
        QCOMPARE(hasher->result(), Sha256::of(whole));
        QVERIFY(pool.waitForDone(10000));
    }
};

QTEST_GUILESS_MAIN(TstTrailingHasher)
#include "tst_trailinghasher.moc"
