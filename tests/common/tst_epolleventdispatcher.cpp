#include "common/epolleventdispatcher.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace parley;

// EpollEventDispatcher runs a thread's event loop as Qt's own dispatchers do. Each case drives a thread that
// uses it (as parleyd's network threads do) and checks the behaviour Qt's classes rely on: timers in
// deadline order and never early, a timer stopped by another's slot stays stopped, work posted from another
// thread wakes a loop that waits on nothing (also when many threads post at once and wake-ups are skipped
// while one is pending), sockets report while they are ready and hang-ups reach them,
// and a notifier removed by an earlier slot of the same wake-up is not called.
class TstEpollEventDispatcher : public QObject {
    Q_OBJECT

    static constexpr int kWaitMs = 5000;

    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr; // lives on m_thread

    // Runs `work` on the dispatcher's thread and waits for it.
    template <typename Work>
    void onThread(Work work)
    {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }
    // Whether `check` holds, looked at on the dispatcher's thread: what its slots wrote is read there (and
    // after a true answer, here too: the blocking call orders it).
    template <typename Check>
    bool seen(Check check)
    {
        bool holds = false;
        onThread([&] { holds = check(); });
        return holds;
    }

private Q_SLOTS:
    void init()
    {
        m_thread = std::make_unique<QThread>();
        m_thread->setEventDispatcher(new EpollEventDispatcher);
        m_thread->start();
        m_context = new QObject;
        m_context->moveToThread(m_thread.get());
        QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance(m_thread.get())));
    }

    void cleanup()
    {
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        QVERIFY(m_thread->wait(kWaitMs)); // quit() interrupts a loop blocked with no timer at all
        m_thread.reset();
    }

    void timersFireInDeadlineOrderAndNeverEarly()
    {
        QList<int> order;
        QList<qint64> lateness;
        QElapsedTimer clock;
        int repeats = 0;
        QTimer *repeating = nullptr;
        onThread([&] {
            clock.start();
            for (const int ms : {30, 10, 20}) {
                QTimer::singleShot(ms, Qt::PreciseTimer, m_context, [&, ms] {
                    lateness.append(clock.elapsed() - ms);
                    order.append(ms);
                });
            }
            repeating = new QTimer(m_context);
            repeating->setTimerType(Qt::PreciseTimer);
            QObject::connect(repeating, &QTimer::timeout, repeating, [&] {
                if (++repeats == 5)
                    repeating->stop();
            });
            repeating->start(4);
        });
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return order.size() == 3; }), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return repeats == 5; }), kWaitMs);
        QCOMPARE(order, QList<int>({10, 20, 30}));
        for (const qint64 late : std::as_const(lateness))
            QVERIFY2(late >= 0, "a timer fired before its interval");
        // Stopped from its own slot: no sixth round (a 50 ms single shot is the witness).
        bool witnessed = false;
        onThread([&] { QTimer::singleShot(50, m_context, [&] { witnessed = true; }); });
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return witnessed; }), kWaitMs);
        QCOMPARE(repeats, 5);
        onThread([&] { delete repeating; });
    }

    void aTimerStoppedByAnEarlierSlotDoesNotFire()
    {
        bool firstFired = false;
        bool secondFired = false;
        bool witnessed = false;
        onThread([&] {
            auto *first = new QTimer(m_context);
            auto *second = new QTimer(m_context);
            for (QTimer *t : {first, second}) {
                t->setSingleShot(true);
                t->setTimerType(Qt::PreciseTimer);
            }
            // Whichever of the two comes first stops the other; both are due in the same wake-up.
            QObject::connect(first, &QTimer::timeout, first, [&, second] {
                firstFired = true;
                second->stop();
            });
            QObject::connect(second, &QTimer::timeout, second, [&, first] {
                secondFired = true;
                first->stop();
            });
            first->start(5);
            second->start(5);
            QTimer::singleShot(60, m_context, [&] { witnessed = true; });
        });
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return witnessed; }), kWaitMs);
        QVERIFY(firstFired != secondFired);
    }

    void aZeroIntervalTimerRunsEachPassAndObjectsAreDeletedLater()
    {
        // A 0 ms timer fires once per pass of the loop, other work still runs between its rounds, and an object
        // its slot deletes with deleteLater() is gone once the loop comes round.
        std::atomic<int> rounds = 0;
        std::atomic<int> postedRan = 0;
        std::atomic<bool> deleted = false;
        onThread([&] {
            auto *spinner = new QTimer(m_context);
            spinner->setInterval(0);
            QObject::connect(spinner, &QTimer::timeout, spinner, [&, spinner] {
                if (++rounds == 200) {
                    spinner->stop();
                    QObject::connect(spinner, &QObject::destroyed, [&] { deleted = true; });
                    spinner->deleteLater();
                }
            });
            spinner->start();
            QMetaObject::invokeMethod(
                m_context, [&] { ++postedRan; }, Qt::QueuedConnection);
        });
        QTRY_VERIFY_WITH_TIMEOUT(deleted.load(), kWaitMs);
        QCOMPARE(rounds.load(), 200);
        QCOMPARE(postedRan.load(), 1);
    }

    void remainingTimeCountsDown()
    {
        int remaining = -2;
        onThread([&] {
            auto *timer = new QTimer(m_context);
            timer->start(10'000);
            remaining = timer->remainingTime();
        });
        QVERIFY(remaining > 9'000 && remaining <= 10'000);
    }

    void workPostedFromAnotherThreadWakesAnIdleLoop()
    {
        // No timer and no socket on the thread: only the eventfd can end its wait.
        for (int i = 0; i < 20; ++i) {
            std::atomic<bool> ran = false; // not read through seen(): that would wake the loop itself
            QElapsedTimer clock;
            clock.start();
            QMetaObject::invokeMethod(
                m_context, [&] { ran = true; }, Qt::QueuedConnection);
            QTRY_VERIFY_WITH_TIMEOUT(ran.load(), kWaitMs);
            QVERIFY2(clock.elapsed() < 1000, "a posted call waited for something else to wake the loop");
        }
    }

    void workPostedFromManyThreadsIsNeverLeftWaiting()
    {
        // Several threads post in bursts while the loop wakes and sleeps: a wake-up skipped because one was
        // pending must still find its work sent. Every call of a round runs, each round within the wait.
        constexpr int kPosters = 4;
        constexpr int kPerPoster = 500;
        constexpr int kRounds = 20;
        for (int round = 0; round < kRounds; ++round) {
            // Shared with the posted calls: one left over from a round that timed out must not write to the stack.
            const auto ran = std::make_shared<std::atomic<int>>(0); // not read through seen(): that wakes the loop
            std::vector<std::thread> posters;
            for (int t = 0; t < kPosters; ++t)
                posters.emplace_back([&] {
                    for (int i = 0; i < kPerPoster; ++i)
                        QMetaObject::invokeMethod(
                            m_context, [ran] { ran->fetch_add(1, std::memory_order_relaxed); }, Qt::QueuedConnection);
                });
            for (std::thread &poster : posters)
                poster.join();
            QTRY_COMPARE_WITH_TIMEOUT(ran->load(), kPosters * kPerPoster, kWaitMs);
            // And one more alone, after the burst: its wake-up is the only one.
            const auto last = std::make_shared<std::atomic<bool>>(false);
            QMetaObject::invokeMethod(
                m_context, [last] { *last = true; }, Qt::QueuedConnection);
            QTRY_VERIFY_WITH_TIMEOUT(last->load(), kWaitMs);
        }
    }

    void socketsCarryDataBothWaysAndReportTheHangUp()
    {
        // A TCP echo on the thread: the writer's notifier is turned on and off around every write, the
        // reader's while the socket's buffer has room; 4 MB does not fit in one write.
        constexpr qsizetype kBytes = 4 * 1024 * 1024;
        QTcpServer *server = nullptr;
        QTcpSocket *client = nullptr;
        QByteArray echoed;
        bool clientSawClose = false;
        onThread([&] {
            server = new QTcpServer(m_context);
            QVERIFY(server->listen(QHostAddress::LocalHost));
            QObject::connect(server, &QTcpServer::newConnection, server, [&] {
                QTcpSocket *peer = server->nextPendingConnection();
                QObject::connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
            });
            client = new QTcpSocket(m_context);
            QObject::connect(client, &QTcpSocket::connected, client, [&] { client->write(QByteArray(kBytes, 'p')); });
            QObject::connect(client, &QTcpSocket::readyRead, client, [&] {
                echoed += client->readAll();
                if (echoed.size() == kBytes) {
                    // The server side hangs up; the client learns of it through its read notifier.
                    const auto peers = server->findChildren<QTcpSocket *>();
                    for (QTcpSocket *p : peers)
                        p->close();
                }
            });
            QObject::connect(client, &QTcpSocket::disconnected, client, [&] { clientSawClose = true; });
            client->connectToHost(QHostAddress::LocalHost, server->serverPort());
        });
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return echoed.size() == kBytes; }), kWaitMs);
        QVERIFY(echoed == QByteArray(kBytes, 'p'));
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return clientSawClose; }), kWaitMs);
        onThread([&] {
            delete client;
            delete server;
        });
    }

    void aNotifierRemovedByAnEarlierSlotIsNotCalled()
    {
        // Two descriptors ready in the same wake-up; whichever is reported first deletes the other's notifier,
        // closes its descriptor and opens a new one (likely the same number) with a notifier of its own. The
        // stale report must reach neither the deleted notifier nor the new one (nothing is ready on it).
        int a[2];
        int b[2];
        QVERIFY(socketpair(AF_UNIX, SOCK_STREAM, 0, a) == 0);
        QVERIFY(socketpair(AF_UNIX, SOCK_STREAM, 0, b) == 0);
        int fired = 0;
        int replacementFired = 0;
        int replacement[2] = {-1, -1};
        QSocketNotifier *na = nullptr;
        QSocketNotifier *nb = nullptr;
        bool witnessed = false;
        onThread([&] {
            na = new QSocketNotifier(a[0], QSocketNotifier::Read, m_context);
            nb = new QSocketNotifier(b[0], QSocketNotifier::Read, m_context);
            const auto onReady = [&](QSocketNotifier *self, QSocketNotifier *&other, int *otherPair) {
                ++fired;
                self->setEnabled(false);
                delete std::exchange(other, nullptr);
                close(otherPair[0]);
                QVERIFY(socketpair(AF_UNIX, SOCK_STREAM, 0, replacement) == 0);
                auto *fresh = new QSocketNotifier(replacement[0], QSocketNotifier::Read, m_context);
                QObject::connect(fresh, &QSocketNotifier::activated, fresh, [&] { ++replacementFired; });
            };
            QObject::connect(na, &QSocketNotifier::activated, na, [&, onReady] {
                if (nb)
                    onReady(na, nb, b);
            });
            QObject::connect(nb, &QSocketNotifier::activated, nb, [&, onReady] {
                if (na)
                    onReady(nb, na, a);
            });
            // Both readable before the loop looks again.
            QVERIFY(write(a[1], "x", 1) == 1);
            QVERIFY(write(b[1], "x", 1) == 1);
            QTimer::singleShot(100, m_context, [&] { witnessed = true; });
        });
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return witnessed; }), kWaitMs);
        QCOMPARE(fired, 1);
        QCOMPARE(replacementFired, 0);
        onThread([&] { qDeleteAll(m_context->findChildren<QSocketNotifier *>()); });
        for (int fd : {a[1], b[1], replacement[0], replacement[1], na ? a[0] : b[0]})
            close(fd);
    }

    void aSlotThatWatchesManyMoreSocketsLeavesTheWakeUpIntact()
    {
        // One descriptor readable, writable and hung up; the reader's slot starts watching 300 more (the table
        // of watches grows and moves) before the writer is called in the same wake-up.
        constexpr int kMore = 300;
        int pair[2];
        QVERIFY(socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
        QList<int> more;
        int reads = 0;
        int writes = 0;
        onThread([&] {
            auto *reader = new QSocketNotifier(pair[0], QSocketNotifier::Read, m_context);
            auto *writer = new QSocketNotifier(pair[0], QSocketNotifier::Write, m_context);
            QObject::connect(reader, &QSocketNotifier::activated, reader, [&, reader] {
                ++reads;
                reader->setEnabled(false);
                for (int i = 0; i < kMore; ++i) {
                    int fds[2];
                    QVERIFY(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
                    more << fds[0] << fds[1];
                    new QSocketNotifier(fds[0], QSocketNotifier::Read, m_context);
                }
            });
            QObject::connect(writer, &QSocketNotifier::activated, writer, [&, writer] {
                ++writes;
                writer->setEnabled(false);
            });
            QVERIFY(write(pair[1], "x", 1) == 1);
            close(pair[1]);
        });
        QTRY_VERIFY_WITH_TIMEOUT(seen([&] { return writes == 1; }), kWaitMs);
        QCOMPARE(reads, 1);
        onThread([&] { qDeleteAll(m_context->findChildren<QSocketNotifier *>()); });
        for (int fd : std::as_const(more))
            close(fd);
        close(pair[0]);
    }

    void aTimerMovesToAnotherThreadWithItsObject()
    {
        // moveToThread asks the old dispatcher for the object's timers (registeredTimers) and registers them
        // on the new thread's.
        QObject *mover = nullptr;
        bool fired = false;
        onThread([&] {
            mover = new QObject;
            auto *timer = new QTimer(mover);
            timer->setSingleShot(true);
            QObject::connect(timer, &QTimer::timeout, timer, [&] {
                QCOMPARE(QThread::currentThread(), QCoreApplication::instance()->thread());
                fired = true;
            });
            timer->start(20);
            mover->moveToThread(QCoreApplication::instance()->thread());
        });
        QTRY_VERIFY_WITH_TIMEOUT(fired, kWaitMs);
        delete mover;
    }
};

QTEST_GUILESS_MAIN(TstEpollEventDispatcher)
#include "tst_epolleventdispatcher.moc"
