// The storage thread with the real SQLite store: jobs share one transaction per batch; a job that fails
// is rolled back alone and the rest commit; sequences stay gap-free through the failure and after it
// (the in-memory counters are forgotten on rollback and reloaded from disk). A batch takes what has queued up to
// its limits of jobs and of rows left for the commit, not of lock keys (PostgreSQL's: tst_postgresbatches); the
// jobs a batch leaves are counted as queued again at once.

#include "protocol/protobufbytes.h"
#include "server/messaging/editledger.h"
#include "server/messaging/messageledger.h"
#include "server/messaging/recallledger.h"
#include "server/ops/metrics.h"
#include "server/storage/sqlstore.h"
#include "server/storage/storeexecutor.h"
#include "tests/support/batchprobe.h"
#include "tests/support/fakeclock.h"
#include "tests/support/sqlstorefactory.h"

#include <QMutex>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <future>
#include <semaphore>
#include <type_traits>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitSeconds = BatchProbe::kWaitSeconds;

struct JobOutcome {
    bool ok = false;
    ErrorCode error = ErrorCode::None;
    quint64 conversationSeq = 0;
    QList<quint64> inboxSeqs;
};

v1::Message text(const QString &target, const std::string &body, int n)
{
    v1::Message m;
    m.set_target(target.toStdString());
    m.mutable_content()->set_type(v1::CONTENT_TEXT);
    m.mutable_content()->set_searchable_content(body);
    m.set_message_id(quint64(n));
    return m;
}

} // namespace

class TestStoreExecutor : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeClock m_clock;

    // Runs `work` on the storage thread and gives its result, once its batch has committed (or, for a Result,
    // the error of a batch that was rolled back).
    template <typename R>
    static R runNow(StoreExecutor &executor, std::function<R(IStore &)> work)
    {
        std::promise<R> done;
        std::function<void(const Error &)> failed;
        if constexpr (std::is_constructible_v<R, Error>)
            failed = [&done](const Error &e) { done.set_value(R(e)); };
        executor.submit<R>(
            std::move(work), [&done](R r) { done.set_value(std::move(r)); }, std::move(failed));
        auto future = done.get_future();
        if (future.wait_for(std::chrono::seconds(kWaitSeconds)) != std::future_status::ready)
            qFatal("a storage job did not finish"); // its closures refer to this frame
        return future.get();
    }

    // A user made on the storage thread: their id.
    qint64 newUser(StoreExecutor &executor, const QString &phone, const QString &uid)
    {
        return runNow(executor,
                      std::function([&](IStore &store) { return store.createUser(phone, uid, m_clock.nowMs())->id; }));
    }

    static qint64 scalar(QSqlDatabase db, const QString &sql)
    {
        QSqlQuery q(db);
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void aPushIsTheSequenceBeforeTheSharedEncoding()
    {
        // Each recipient's push is its sequence followed by the item's encoding made once: byte for byte what
        // encoding the whole item would give, for sequences of every varint length.
        v1::InboxItem item;
        *item.mutable_message() = text(u"someone"_s, "hello", 1);
        const auto body = std::make_shared<const QByteArray>(toBytes(item));
        for (const quint64 seq : {quint64(1), quint64(127), quint64(128), quint64(300), quint64(1) << 35,
                                  std::numeric_limits<quint64>::max()}) {
            item.set_seq(seq);
            QCOMPARE(InboxDelivery({1, InboxSeq(seq), body}).payload(), toBytes(item));
        }
    }

    void aFailingJobFailsAloneAndSequencesStayGapFree()
    {
        const QString path = m_dir.filePath(u"store.sqlite"_s);
        StoreExecutor executor([path]() -> Result<std::unique_ptr<IStore>> {
            auto store = std::make_unique<SqlStore>();
            if (auto opened = store->open(path); !opened)
                return opened.error();
            // Any message whose content mentions "boom" cannot be stored.
            QSqlQuery(store->database())
                .exec(u"CREATE TRIGGER boom BEFORE INSERT ON messages WHEN instr(NEW.content, 'boom') > 0 "
                      "BEGIN SELECT RAISE(ABORT, 'injected'); END"_s);
            return std::unique_ptr<IStore>(std::move(store));
        });
        QVERIFY(executor.start());

        // Two users.
        const auto [alice, bob] =
            runNow(executor, std::function([this](IStore &store) {
                       return std::pair{*store.createUser(u"+10000000001"_s, u"alice"_s, m_clock.nowMs()),
                                        *store.createUser(u"+10000000002"_s, u"bob"_s, m_clock.nowMs())};
                   }));
        const AuthenticatedUser sender{alice.id, alice.uid, u"d"_s, {}, 1};
        const MessageLedger ledger(m_clock, true);

        // One batch: a first job holds the storage thread until everything else is queued behind it.
        BatchProbe::Hold hold(executor);
        constexpr int kJobs = 10;
        constexpr int kBadJob = 4;
        QMutex mutex;
        QList<JobOutcome> outcomes(kJobs);
        std::counting_semaphore<kJobs> finished(0);
        for (int i = 0; i < kJobs; ++i) {
            const std::string body = i == kBadJob ? "boom" : "message " + std::to_string(i);
            executor.submit<Result<MessageLedger::Appended>>(
                [&, body, i](IStore &store) { return ledger.append(store, sender, text(bob.uid, body, i + 1)); },
                [&, body, i](Result<MessageLedger::Appended> r) {
                    {
                        QMutexLocker lock(&mutex);
                        outcomes[i].ok = r.ok();
                        if (r) {
                            outcomes[i].conversationSeq = r->message.conversationSeq;
                            for (const auto &d : r->deliveries) {
                                // What is pushed is the whole item: this sequence and this message.
                                const auto pushed = fromBytes<v1::InboxItem>(d.payload());
                                if (pushed && pushed->seq() == d.seq.value() &&
                                    pushed->message().content().searchable_content() == body)
                                    outcomes[i].inboxSeqs.append(d.seq.value());
                            }
                        } else {
                            outcomes[i].error = r.error().code;
                        }
                    }
                    finished.release(); // last: after it, this frame may be gone
                },
                [&, i](const Error &e) {
                    {
                        QMutexLocker lock(&mutex);
                        outcomes[i].error = e.code;
                    }
                    finished.release();
                });
        }
        // Should a QVERIFY below return early, the storage thread stops before what its callbacks touch goes.
        const auto stopFirst = qScopeGuard([&executor] { executor.stop(); });
        hold.release();
        for (int i = 0; i < kJobs; ++i)
            QVERIFY(finished.try_acquire_for(std::chrono::seconds(kWaitSeconds)));

        quint64 expectedSeq = 1;
        for (int i = 0; i < kJobs; ++i) {
            if (i == kBadJob) {
                QVERIFY(!outcomes[i].ok);
                QCOMPARE(outcomes[i].error, ErrorCode::Unavailable);
                continue;
            }
            QVERIFY2(outcomes[i].ok, qPrintable(QString::number(i)));
            QCOMPARE(outcomes[i].conversationSeq, expectedSeq); // the failed one took no number
            QCOMPARE(outcomes[i].inboxSeqs, (QList<quint64>{expectedSeq, expectedSeq}));
            ++expectedSeq;
        }

        // And after the failure, the counters continue from what is on disk.
        const Result<MessageLedger::Appended> next = runNow(
            executor,
            std::function([&](IStore &store) { return ledger.append(store, sender, text(bob.uid, "after", 100)); }));
        QVERIFY(next);
        QCOMPARE(next->message.conversationSeq, expectedSeq);
        executor.stop();

        const QString name = u"check"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM messages"_s), qint64(kJobs)); // 9 + "after"
            // The heads are the newest rows: gap-free, the failed job's rolled back with it.
            QCOMPARE(scalar(db, u"SELECT MAX(conversation_seq) FROM messages"_s), qint64(kJobs));
            QCOMPARE(scalar(db, u"SELECT MAX(seq) FROM inbox WHERE user_id = %1"_s.arg(bob.id)), qint64(kJobs));
            QCOMPARE(
                scalar(db, u"SELECT MAX(seq) - MIN(seq) + 1 - COUNT(*) FROM inbox WHERE user_id = %1"_s.arg(bob.id)),
                0);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void aRecallInTheEditsBatchLeavesNoEditedText()
    {
        // A client that edited and then recalled a message while offline sends both at once, and they can share
        // a batch: the edit's inbox items are written at the commit, after the recall — they keep no text either.
        StoreExecutor executor(sqlStoreFactory(m_dir.filePath(u"recall.sqlite"_s)));
        QVERIFY(executor.start());
        const auto [alice, bob] =
            runNow(executor, std::function([this](IStore &store) {
                       return std::pair{*store.createUser(u"+10000000011"_s, u"alice2"_s, m_clock.nowMs()),
                                        *store.createUser(u"+10000000012"_s, u"bob2"_s, m_clock.nowMs())};
                   }));
        const Call call{AuthenticatedUser{alice.id, alice.uid, u"d"_s, {}, 1}, {}, {}, m_clock.nowMs()};
        const MessageLedger ledger(m_clock, true);
        const qint64 uid = runNow(executor, std::function([&](IStore &store) {
                                      return ledger.append(store, *call.user, text(bob.uid, "before", 1))->message.uid;
                                  }));

        BatchProbe::Hold hold(executor);
        std::counting_semaphore<2> finished(0);
        std::atomic<int> ok = 0;
        const EditLedger edits(60000);
        const RecallLedger recalls(60000);
        v1::EditRequest edit;
        edit.set_message_uid(uid);
        edit.set_text("a secret, edited in");
        v1::RecallRequest recall;
        recall.set_message_uid(uid);
        for (const auto &work :
             {std::function<Outcome(IStore &)>([&](IStore &store) { return edits.edit(store, call, edit); }),
              std::function<Outcome(IStore &)>([&](IStore &store) { return recalls.recall(store, call, recall); })})
            executor.submit<Outcome>(work,
                                     [&](Outcome outcome) {
                                         ok += outcome.result.code() == v1::ERR_NONE;
                                         finished.release();
                                     },
                                     {});
        hold.release();
        for (int i = 0; i < 2; ++i)
            QVERIFY(finished.try_acquire_for(std::chrono::seconds(kWaitSeconds)));
        QCOMPARE(ok.load(), 2);

        const QList<InboxRecord> items =
            runNow(executor, std::function([&](IStore &store) { return store.inboxAfter(bob.id, 0, 100); }));
        int editItems = 0;
        for (const InboxRecord &item : items) {
            if (item.kind != InboxEntry::Edit)
                continue;
            ++editItems;
            v1::EditNotice notice;
            QVERIFY(notice.ParseFromArray(item.payload.constData(), int(item.payload.size())));
            QCOMPARE(notice.text(), std::string());
        }
        QCOMPARE(editItems, 1);
        executor.stop();
    }

    void aBatchTakesWhatQueuedUpToItsLimits()
    {
        // Under load the storage thread commits what has queued as one batch, up to a number of jobs, and stops
        // early once its jobs leave enough rows to write at the commit (a group message: one per member). On
        // SQLite, which takes no locks, jobs' lock keys do not limit it.
        StoreExecutor executor(sqlStoreFactory(m_dir.filePath(u"batches.sqlite"_s)));
        QVERIFY(executor.start());
        const qint64 carol = newUser(executor, u"+10000000021"_s, u"carol"_s);

        const auto batchSizes = [&](const QList<BatchProbe::Job> &jobs) {
            return BatchProbe::sizes(executor, jobs, carol, m_clock.nowMs());
        };

        constexpr auto kMaxKeys = int(StoreExecutor::kMaxBatchLockKeys);
        constexpr auto kMaxJobs = int(StoreExecutor::kMaxBatchJobs);
        constexpr auto kMaxWrites = int(StoreExecutor::kMaxBatchPendingWrites);
        // More distinct lock keys than PostgreSQL's limit: SQLite takes none, so one batch.
        QList<BatchProbe::Job> distinct;
        for (qint64 key = 1; key <= kMaxKeys + 1; ++key)
            distinct.append(BatchProbe::Job{{key}});
        QCOMPARE(batchSizes(distinct), QList<int>{kMaxKeys + 1});
        // One more job than the job limit: two batches.
        QCOMPARE(batchSizes(QList<BatchProbe::Job>(kMaxJobs + 1)), (QList<int>{kMaxJobs, 1}));
        // Jobs leaving a tenth of the row limit each: the tenth ends its batch, the rest make the next one.
        QCOMPARE(batchSizes(QList<BatchProbe::Job>(15, BatchProbe::Job{{}, kMaxWrites / 10})), (QList<int>{10, 5}));
        executor.stop();
    }

    void theQueueGaugeCountsWhatABatchPutsBack()
    {
        // A batch that stops early puts the jobs it did not run back at the head of the queue: the operator's
        // gauge of queued jobs counts them again at once, not only when the next batch starts.
        Metrics metrics;
        StoreExecutor executor(sqlStoreFactory(m_dir.filePath(u"gauge.sqlite"_s)));
        executor.setMetrics(&metrics);
        QVERIFY(executor.start());
        const qint64 dave = newUser(executor, u"+10000000022"_s, u"dave"_s);
        constexpr int kJobs = 15;
        constexpr auto kRows = int(StoreExecutor::kMaxBatchPendingWrites / 10); // the tenth job ends the batch
        std::atomic<std::int64_t> depthAtFirstCommit = -1;
        std::counting_semaphore<> finished(0);
        BatchProbe::Hold hold(executor);
        for (int i = 0; i < kJobs; ++i)
            executor.submit<Done>(
                [this, dave](IStore &store) {
                    for (int row = 0; row < kRows; ++row)
                        store.appendToInbox(dave, {InboxEntry::Progress, 0, "p"}, m_clock.nowMs());
                    return Done{};
                },
                [&](Done) {
                    std::int64_t unset = -1;
                    depthAtFirstCommit.compare_exchange_strong(unset, metrics.storeQueueDepth());
                    finished.release();
                },
                [&](const Error &) { finished.release(); });
        hold.release();
        for (int i = 0; i < kJobs; ++i) {
            if (!finished.try_acquire_for(std::chrono::seconds(kWaitSeconds)))
                qFatal("a storage job did not finish"); // its closures refer to this frame
        }
        QCOMPARE(depthAtFirstCommit.load(), std::int64_t(kJobs - 10));
        QCOMPARE(metrics.storeQueueDepth(), std::int64_t(0));
        executor.stop();
    }
};

QTEST_GUILESS_MAIN(TestStoreExecutor)
#include "tst_storeexecutor.moc"
