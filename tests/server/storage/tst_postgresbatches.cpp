// The storage thread's batches on PostgreSQL (registered only in the postgres fixture), whose lock table every
// connection shares: a batch takes at most StoreExecutor::kMaxBatchLockKeys distinct locks, counting a key its
// jobs share once, and a first job with more than that runs alone. (On SQLite, which takes no locks, keys do not
// limit a batch: tst_storeexecutor.)

#include "server/storage/storeexecutor.h"
#include "tests/support/batchprobe.h"
#include "tests/support/sqlstorefactory.h"
#include "tests/support/testpostgres.h"

#include <QTest>

class TestPostgresBatches : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TestPostgres::serverUrl().isEmpty(),
                 "no PostgreSQL server: run in the postgres fixture (ctest starts it)");
    }

    void aBatchTakesAtMostItsLockKeys()
    {
        // PostgreSQL's lock table is shared by every connection: a batch takes what has queued only while its jobs'
        // locks, each key counted once, stay within the limit (the first job whatever it has).
        const QString database = TestPostgres::createDatabase();
        QVERIFY(!database.isEmpty());
        parley::server::StoreExecutor executor(sqlStoreFactory(database));
        QVERIFY(executor.start());
        constexpr auto kMaxKeys = int(parley::server::StoreExecutor::kMaxBatchLockKeys);
        static_assert(2 * parley::server::StoreExecutor::kMaxBatchLockKeys <=
                          parley::server::StoreExecutor::kMaxBatchJobs,
                      "the shared keys' jobs must fit in one batch's jobs");
        QList<BatchProbe::Job> distinct;
        for (qint64 key = 1; key <= kMaxKeys + 1; ++key)
            distinct.append(BatchProbe::Job{{key}});
        QCOMPARE(BatchProbe::sizes(executor, distinct), (QList<int>{kMaxKeys, 1}));
        // Jobs of a few conversations share their keys: many more jobs than the limit, one batch.
        QList<BatchProbe::Job> shared;
        for (int job = 0; job < 2 * kMaxKeys; ++job)
            shared.append(BatchProbe::Job{{qint64(job % 10), qint64(100 + job % 7)}});
        QCOMPARE(BatchProbe::sizes(executor, shared), QList<int>{2 * kMaxKeys});
        // A first job with more keys than the limit still runs, alone.
        QList<qint64> many;
        for (const BatchProbe::Job &job : std::as_const(distinct))
            many += job.lockKeys;
        QCOMPARE(BatchProbe::sizes(executor, {BatchProbe::Job{many}, BatchProbe::Job{{-1}}}), (QList<int>{1, 1}));
        executor.stop();
    }
};

QTEST_GUILESS_MAIN(TestPostgresBatches)
#include "tst_postgresbatches.moc"
