// Several devices of one user and the state they share, with real clients and real parleyd processes:
// read on one device clears the unread count on the other within a second; a device that was off comes back
// to the same history, read state, unread counts and recalls; delivered and read receipts reach the sender,
// also after he reconnects; recall rules; pull-down history from the server on a new device and from the
// cache afterwards; the self-check repairs holes; a reply quotes the same on every device, and a recall of its
// original empties the quote everywhere; an edit reaches every device and search finds the new words, and so
// does a reaction;
// pin, mute, marked unread and drafts follow me to my other devices, also when changed offline, and a mute ends by
// itself; another device's activity is known; revoking a device and the one-device-per-platform policy.

#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testphones.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;
constexpr int kReadSyncMs = 1000; // marking read on one device clears the others within a second
constexpr int kHistoryMessages = 230;
constexpr int kHistoryPage = 50;
constexpr int kSelfCheckMessages = 120;

QStringList serverArguments(const QStringList &more = {})
{
    return QStringList{u"--code-address-per-hour"_s, u"0"_s,   u"--code-phone-interval"_s, u"0"_s,
                       u"--code-phone-per-hour"_s,   u"100"_s, u"--send-rate"_s,           u"0"_s} +
           more;
}

ConversationKey with(const ChatWorld::Person &p)
{
    return ConversationKey::withUser(p.userId);
}

// What two devices must agree on, message by message: place, identity, kind, text.
QStringList fingerprint(const QList<ChatMessage> &history)
{
    QStringList out;
    for (const ChatMessage &m : history)
        out.append(u"%1 %2 %3 %4"_s.arg(m.conversationSeq).arg(m.serverUid).arg(m.contentType).arg(m.text));
    return out;
}

std::optional<ChatMessage> findText(const QList<ChatMessage> &history, const QString &text)
{
    for (const ChatMessage &m : history) {
        if (m.text == text)
            return m;
    }
    return std::nullopt;
}

int unread(ChatWorld &world, ChatWorld::Person &device, const ConversationKey &conversation)
{
    const std::optional<ConversationSummary> s = world.summary(device, conversation);
    return s ? s->unreadCount : -1;
}

bool allInState(const QList<ChatMessage> &messages, MessageState state)
{
    return !messages.isEmpty() &&
           std::all_of(messages.cbegin(), messages.cend(), [state](const ChatMessage &m) { return m.state == state; });
}

} // namespace

class TestMultiDevice : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;


    // The user's read horizon on the server (in his only conversation).
    static int serverReadSeq(ChatWorld &world, const QString &userId)
    {
        return world
            .serverValue(u"SELECT m.read_seq FROM conversation_members m JOIN users u ON u.id = m.user_id "
                         "WHERE u.uid = ?"_s,
                         {userId})
            .toInt();
    }

    // Waits until the server has every inbox item of every session marked as synced (the MDR position at the
    // inbox's head: its newest item, or the floor pruning left).
    static bool waitAllSessionsSynced(ChatWorld &world)
    {
        return QTest::qWaitFor(
            [&] {
                return world
                           .serverValue(u"SELECT COUNT(*) FROM sessions s LEFT JOIN inbox_heads h ON h.user_id = "
                                        "s.user_id WHERE s.revoked_at IS NULL AND (s.synced_seq < COALESCE(h.seq, 0) "
                                        "OR s.synced_seq < COALESCE((SELECT MAX(i.seq) FROM inbox i WHERE i.user_id "
                                        "= s.user_id), 0))"_s)
                           .toInt() == 0;
            },
            kWaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(serverArguments());
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void readOnOneDeviceClearsTheOther()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        QCOMPARE(laptop.userId, desktop.userId);
        QVERIFY(laptop.client->deviceId() != desktop.client->deviceId());

        for (int i = 0; i < 3; ++i)
            world.send(bob, laptop, u"unread %1"_s.arg(i));
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, laptop, with(bob)), 3, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, desktop, with(bob)), 3, kWaitMs);

        // A view that showed the first two (the third came after it looked): the third stays unread, on both.
        const QList<ChatMessage> shown = world.cachedHistory(laptop, with(bob));
        QCOMPARE(shown.size(), 3);
        QVERIFY(awaitAnswer(laptop.client->messages().markRead(with(bob), shown.at(1).conversationSeq)));
        QCOMPARE(unread(world, laptop, with(bob)), 1);
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, desktop, with(bob)), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(world.summary(bob, with(laptop))->peerReadSeq, shown.at(1).conversationSeq, kWaitMs);

        QSignalSpy changed(&desktop.client->messages(), &MessagesApi::conversationChanged);
        QSignalSpy total(&desktop.client->messages(), &MessagesApi::totalUnreadChanged);
        QElapsedTimer clock;
        clock.start();
        laptop.client->messages().markRead(with(bob));
        const bool cleared = QTest::qWaitFor(
            [&] {
                return std::any_of(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
                    const auto s = args.at(0).value<ConversationSummary>();
                    return s.key == with(bob) && s.unreadCount == 0;
                });
            },
            kReadSyncMs);
        qInfo("read on the laptop, cleared on the desktop after %lld ms", qint64(clock.elapsed()));
        QVERIFY(cleared);
        // The total follows in its own signal, right behind.
        QTRY_VERIFY_WITH_TIMEOUT(!total.isEmpty() && total.last().at(0).toInt() == 0, kWaitMs);
        QCOMPARE(unread(world, laptop, with(bob)), 0);

        // Bob sees his messages read, without having reconnected.
        QTRY_VERIFY_WITH_TIMEOUT(allInState(world.cachedHistory(bob, with(laptop)), MessageState::Read), kWaitMs);
        QCOMPARE(world.summary(bob, with(laptop))->peerReadSeq, quint64(3));

        // A horizon past the newest message is taken as the newest: the next message is unread.
        QVERIFY(awaitAnswer(laptop.client->messages().markRead(with(bob), 1000)));
        world.send(bob, laptop, u"after"_s);
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, laptop, with(bob)), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, desktop, with(bob)), 1, kWaitMs);
    }

    void offlineDeviceComesBackToTheSameState()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        world.send(bob, laptop, u"before the desktop went off"_s);
        QVERIFY(world.waitConverged());

        world.quit(desktop); // the lid closes
        for (int i = 0; i < 5; ++i)
            world.send(bob, laptop, u"while the desktop was off %1"_s.arg(i));
        for (int i = 0; i < 4; ++i)
            world.send(laptop, bob, u"from the laptop %1"_s.arg(i));
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));

        laptop.client->messages().markRead(with(bob));
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, laptop, with(bob)), 0, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(serverReadSeq(world, laptop.userId), 10, kWaitMs); // while the desktop is off

        // The laptop takes one back; Bob sees the notice in its place.
        const std::optional<ChatMessage> regret =
            findText(world.cachedHistory(laptop, with(bob)), u"from the laptop 2"_s);
        QVERIFY(regret);
        const Answer<Done> recall = laptop.client->messages().recall(regret->localId);
        const auto recalledOn = [&](ChatWorld::Person &device, const ConversationKey &conversation) {
            const QList<ChatMessage> history = world.cachedHistory(device, conversation);
            return std::any_of(history.cbegin(), history.cend(), [&](const ChatMessage &m) {
                return m.serverUid == regret->serverUid && m.isRecalled() && m.text.isEmpty();
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(recalledOn(laptop, with(bob)), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(recalledOn(bob, with(laptop)), kWaitMs);
        QVERIFY(awaitAnswer(recall));

        world.send(bob, laptop, u"after the laptop read 1"_s);
        world.send(bob, laptop, u"after the laptop read 2"_s);
        QVERIFY(world.waitConverged());
        QTRY_COMPARE_WITH_TIMEOUT(unread(world, laptop, with(bob)), 2, kWaitMs);

        // The lid opens: the desktop catches up to exactly the laptop's state, and never showed the recalled text.
        QVERIFY(world.restart(desktop));
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        QTRY_COMPARE_WITH_TIMEOUT(fingerprint(world.cachedHistory(desktop, with(bob))),
                                  fingerprint(world.cachedHistory(laptop, with(bob))), kWaitMs);
        QVERIFY(recalledOn(desktop, with(bob)));
        QVERIFY(!desktop.recorder->textsShown.contains(u"from the laptop 2"_s));
        const std::optional<ConversationSummary> onLaptop = world.summary(laptop, with(bob));
        const std::optional<ConversationSummary> onDesktop = world.summary(desktop, with(bob));
        QVERIFY(onLaptop && onDesktop);
        QCOMPARE(onDesktop->readSeq, onLaptop->readSeq);
        QCOMPARE(onDesktop->unreadCount, 2);
        QCOMPARE(onLaptop->unreadCount, 2);
        QCOMPARE(onDesktop->peerReadSeq, onLaptop->peerReadSeq);
        QCOMPARE(onDesktop->peerDeliveredSeq, onLaptop->peerDeliveredSeq);
        const ChatWorld::Figures f = world.figures();
        QCOMPARE(f.duplicatesShown, 0);
        QCOMPARE(f.duplicatesStored, 0);
    }

    void aReplyQuotesTheSameOnEveryDevice()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        world.send(bob, laptop, u"Shall we meet at six?\nOr seven."_s);
        QVERIFY(world.waitConverged());
        const std::optional<ChatMessage> question =
            findText(world.cachedHistory(laptop, with(bob)), u"Shall we meet at six?\nOr seven."_s);
        QVERIFY(question);

        const Result<ChatMessage> echo =
            awaitAnswer(laptop.client->messages().reply(with(bob), question->localId, u"Six."_s), kWaitMs);
        QVERIFY(echo);
        const Quote expected{question->serverUid, question->conversationSeq, bob.userId, question->contentType,
                             u"Shall we meet at six? Or seven."_s};
        QCOMPARE(echo->quote, expected); // the local echo says what the server will say
        QVERIFY(world.waitConverged());
        const auto replyOn = [&](ChatWorld::Person &device, const ConversationKey &conversation) {
            return findText(world.cachedHistory(device, conversation), u"Six."_s);
        };
        for (auto [device, conversation] : {std::pair{&bob, with(laptop)}, std::pair{&desktop, with(bob)}}) {
            QTRY_VERIFY_WITH_TIMEOUT(replyOn(*device, conversation), kWaitMs);
            QCOMPARE(replyOn(*device, conversation)->quote, expected);
        }

        // A message that is not sent, or not of this chat, cannot be answered.
        const Result<ChatMessage> stray = awaitAnswer(laptop.client->messages().reply(with(bob), 987654, u"?"_s), kWaitMs);
        QVERIFY(!stray);
        QCOMPARE(stray.error().code, ErrorCode::NotFound);

        // Bob takes the question back: every copy of the reply keeps its words and loses the quoted ones.
        const std::optional<ChatMessage> bobsQuestion =
            findText(world.cachedHistory(bob, with(laptop)), u"Shall we meet at six?\nOr seven."_s);
        QVERIFY(bobsQuestion);
        QVERIFY(awaitAnswer(bob.client->messages().recall(bobsQuestion->localId), kWaitMs));
        for (auto [device, conversation] :
             {std::pair{&bob, with(laptop)}, std::pair{&laptop, with(bob)}, std::pair{&desktop, with(bob)}}) {
            QTRY_VERIFY_WITH_TIMEOUT(replyOn(*device, conversation)->quote.isRecalled(), kWaitMs);
            QVERIFY(replyOn(*device, conversation)->quote.excerpt.isEmpty());
        }
    }

    void anEditReachesEveryDevice()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        world.send(laptop, bob, u"See you at the north gate"_s);
        QVERIFY(world.waitConverged());
        const std::optional<ChatMessage> mine =
            findText(world.cachedHistory(laptop, with(bob)), u"See you at the north gate"_s);
        QVERIFY(mine);
        QVERIFY(awaitAnswer(laptop.client->messages().edit(mine->localId, u"See you at the south gate"_s), kWaitMs));
        for (auto [device, conversation] :
             {std::pair{&laptop, with(bob)}, std::pair{&desktop, with(bob)}, std::pair{&bob, with(laptop)}}) {
            QTRY_VERIFY_WITH_TIMEOUT(findText(world.cachedHistory(*device, conversation), u"See you at the south gate"_s),
                                     kWaitMs);
            const ChatMessage edited = *findText(world.cachedHistory(*device, conversation), u"See you at the south gate"_s);
            QVERIFY(edited.isEdited());
            QCOMPARE(edited.serverUid, mine->serverUid);
            QCOMPARE(edited.conversationSeq, mine->conversationSeq); // in its place
        }
        // Bob's search finds the new words, not the old ones.
        QTRY_COMPARE_WITH_TIMEOUT(awaitAnswer(bob.client->messages().search(u"south gate"_s), kWaitMs)->size(), 1,
                                  kWaitMs);
        QCOMPARE(awaitAnswer(bob.client->messages().search(u"north gate"_s), kWaitMs)->size(), 0);
    }

    void aReactionReachesEveryDevice()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        world.send(bob, laptop, u"Tickets booked!"_s);
        QVERIFY(world.waitConverged());
        const std::optional<ChatMessage> tickets = findText(world.cachedHistory(laptop, with(bob)), u"Tickets booked!"_s);
        QVERIFY(tickets);
        QVERIFY(awaitAnswer(laptop.client->messages().react(tickets->localId, u"🙏"_s), kWaitMs));
        const QList<Reaction> expected{{u"🙏"_s, {laptop.userId}}};
        for (auto [device, conversation] :
             {std::pair{&laptop, with(bob)}, std::pair{&desktop, with(bob)}, std::pair{&bob, with(laptop)}})
            QTRY_COMPARE_WITH_TIMEOUT(findText(world.cachedHistory(*device, conversation), u"Tickets booked!"_s)->reactions,
                                      expected, kWaitMs);
        // Taken back on the desktop: gone everywhere.
        const std::optional<ChatMessage> onDesktop =
            findText(world.cachedHistory(desktop, with(bob)), u"Tickets booked!"_s);
        QVERIFY(awaitAnswer(desktop.client->messages().react(onDesktop->localId, QString()), kWaitMs));
        for (auto [device, conversation] :
             {std::pair{&laptop, with(bob)}, std::pair{&desktop, with(bob)}, std::pair{&bob, with(laptop)}})
            QTRY_VERIFY_WITH_TIMEOUT(
                findText(world.cachedHistory(*device, conversation), u"Tickets booked!"_s)->reactions.isEmpty(), kWaitMs);
    }

    void receiptsReachTheSenderAfterHeReconnects()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());

        world.quit(bob);
        world.send(alice, bob, u"receipt 1"_s);
        world.send(alice, bob, u"receipt 2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(allInState(world.cachedHistory(alice, with(bob)), MessageState::Sent), kWaitMs);

        QVERIFY(world.restart(bob)); // Bob's device stores them: delivered
        QTRY_VERIFY_WITH_TIMEOUT(allInState(world.cachedHistory(alice, with(bob)), MessageState::Delivered), kWaitMs);

        world.quit(alice);
        bob.client->messages().markRead(with(alice));
        QTRY_COMPARE_WITH_TIMEOUT(serverReadSeq(world, bob.userId), 2, kWaitMs);

        QVERIFY(world.restart(alice)); // read while Alice was away: she learns it when she is back
        QTRY_VERIFY_WITH_TIMEOUT(allInState(world.cachedHistory(alice, with(bob)), MessageState::Read), kWaitMs);
        QCOMPARE(world.summary(alice, with(bob))->peerReadSeq, quint64(2));
    }

    void recallRules()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        world.send(alice, bob, u"only Alice may take this back"_s);
        world.send(bob, alice, u"Bob may take this back"_s);
        QVERIFY(world.waitConverged());

        const QList<ChatMessage> bobSees = world.cachedHistory(bob, with(alice));
        const std::optional<ChatMessage> bobsCopy = findText(bobSees, u"only Alice may take this back"_s);
        const std::optional<ChatMessage> bobsOwn = findText(bobSees, u"Bob may take this back"_s);
        QVERIFY(bobsCopy && bobsOwn);
        // Two requests in flight at once, each with its own answer: one refused, one done.
        const Answer<Done> notHis = bob.client->messages().recall(bobsCopy->localId);
        const Answer<Done> his = bob.client->messages().recall(bobsOwn->localId);
        const Result<Done> refused = awaitAnswer(notHis, kWaitMs);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
        QVERIFY(awaitAnswer(his, kWaitMs));
        QVERIFY(!findText(world.cachedHistory(alice, with(bob)), u"only Alice may take this back"_s)->isRecalled());

        // With recall switched off on the server (--recall-limit 0) every recall is too late.
        ParleydProcess strict(serverArguments({u"--recall-limit"_s, u"0"_s}));
        QVERIFY(strict.start());
        {
            ChatWorld strictWorld(strict, strict.tlsPort(), ChatWorld::quickTimings());
            ChatWorld::Person &carol = strictWorld.add(nextPhone());
            ChatWorld::Person &dave = strictWorld.add(nextPhone());
            QVERIFY(strictWorld.logInAll());
            strictWorld.send(carol, dave, u"said and done"_s);
            QVERIFY(strictWorld.waitConverged());
            const QList<ChatMessage> sent = strictWorld.cachedHistory(carol, with(dave));
            const Result<Done> tooLate = awaitAnswer(carol.client->messages().recall(sent.first().localId), kWaitMs);
            QVERIFY(!tooLate);
            QCOMPARE(tooLate.error().code, ErrorCode::TooLate);
            QCOMPARE(strictWorld.cachedHistory(dave, with(carol)).first().text, u"said and done"_s);
        }
        QCOMPARE(strict.stop(), 0);
    }

    void historyPagesFromTheServerThenFromTheCache()
    {
        ParleydProcess server(serverArguments());
        QVERIFY(server.start());
        ChatWorld world(server, server.tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        for (int i = 0; i < kHistoryMessages; ++i)
            world.send(i % 3 == 0 ? bob : alice, i % 3 == 0 ? alice : bob, u"history %1"_s.arg(i));
        QVERIFY(world.waitConverged());
        // Every device has synced everything; the restart drops the delivered inbox items, so a new device
        // can get this conversation only through LRM.
        QVERIFY(waitAllSessionsSynced(world));
        server.kill();
        QVERIFY(server.restart());
        QTRY_COMPARE_WITH_TIMEOUT(world.serverValue(u"SELECT COUNT(*) FROM inbox"_s).toInt(), 0, kWaitMs);

        ChatWorld::Person &tablet = world.add(bob.phone); // Bob's new device
        QVERIFY(world.logIn(tablet));
        QVERIFY(world.waitAllOnline());
        QVERIFY(world.cachedHistory(tablet, with(alice)).isEmpty());

        const auto pageBefore = [&](quint64 beforeSeq) {
            const Result<HistoryPage> page =
                awaitAnswer(tablet.client->messages().fetchOlder(with(alice), beforeSeq, kHistoryPage), kWaitMs);
            return page ? std::pair(page->messages, page->reachedEnd) : std::pair(QList<ChatMessage>(), false);
        };
        QList<ChatMessage> scrolledBack;
        quint64 before = 0;
        int pages = 0;
        for (bool reachedStart = false; !reachedStart && pages < kHistoryMessages;) {
            const auto [page, start] = pageBefore(before);
            QVERIFY(!page.isEmpty());
            QVERIFY(page.size() == kHistoryPage || start);
            scrolledBack = page + scrolledBack;
            before = page.first().conversationSeq;
            reachedStart = start;
            ++pages;
        }
        QCOMPARE(pages, (kHistoryMessages + kHistoryPage - 1) / kHistoryPage);
        QList<std::pair<quint64, qint64>> seen;
        for (const ChatMessage &m : std::as_const(scrolledBack))
            seen.append({m.conversationSeq, m.serverUid});
        QCOMPARE(seen, world.serverHistoryOf(bob.userId).value(alice.userId));
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));

        // Scrolling again is served from the cache: the same pages with the server gone.
        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(tablet.client->connectionState() != ConnectionState::Online, kWaitMs);
        const auto [newest, startReached] = pageBefore(0);
        QCOMPARE(newest.size(), kHistoryPage);
        QVERIFY(!startReached);
        QCOMPARE(newest.last().serverUid, scrolledBack.last().serverUid);
        const auto [oldest, atStart] = pageBefore(scrolledBack.at(kHistoryMessages % kHistoryPage).conversationSeq);
        QCOMPARE(oldest.size(), kHistoryMessages % kHistoryPage);
        QVERIFY(atStart);
    }

    void selfCheckRepairsHoles()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        for (int i = 0; i < kSelfCheckMessages; ++i)
            world.send(alice, bob, u"check %1"_s.arg(i));
        QVERIFY(world.waitConverged());

        // Damage Bob's cache while his app is closed: two holes, 25 messages.
        world.quit(bob);
        const QString cache = bob.dir->filePath(u"accounts/%1/cache.sqlite"_s.arg(bob.userId));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"damage"_s);
            db.setDatabaseName(cache);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"DELETE FROM messages WHERE conversation_seq BETWEEN 10 AND 29 "
                           "OR conversation_seq BETWEEN 100 AND 104"_s));
            QCOMPARE(q.numRowsAffected(), 25);
        }
        QSqlDatabase::removeDatabase(u"damage"_s);

        QVERIFY(world.restart(bob));
        QVERIFY(world.waitAllOnline());
        QCOMPARE(world.cachedHistory(bob, with(alice)).size(), kSelfCheckMessages - 25);
        const Result<HistoryCheck> verified =
            awaitAnswer(bob.client->messages().verifyConversation(with(alice)), kWaitMs);
        QVERIFY(verified);
        QCOMPARE(verified->missingBefore, 25);
        QCOMPARE(verified->missingAfter, 0);
        QVERIFY2(world.waitConverged(), qPrintable(world.figures().firstProblem));
        QCOMPARE(world.figures().duplicatesStored, 0);
    }

    void revokedDeviceIsLoggedOut()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString phone = nextPhone();
        ChatWorld::Person &laptop = world.add(phone);
        ChatWorld::Person &desktop = world.add(phone);
        QVERIFY(world.logInAll());

        Result<QList<DeviceInfo>> listed = awaitAnswer(laptop.client->devices().list(), kWaitMs);
        QVERIFY(listed);
        QList<DeviceInfo> devices = listed.value();
        QCOMPARE(devices.size(), 2);
        for (const DeviceInfo &d : std::as_const(devices)) {
            QVERIFY(d.online);
            QCOMPARE(d.current, d.deviceId == laptop.client->deviceId());
        }

        QSignalSpy ended(desktop.client.get(), &Client::sessionEnded);
        QVERIFY(awaitAnswer(laptop.client->devices().revoke(desktop.client->deviceId()), kWaitMs));
        QVERIFY(ended.count() == 1 || ended.wait(kWaitMs));
        QCOMPARE(ended.first().at(0).value<Error>().code, ErrorCode::DeviceRevoked);
        QTRY_VERIFY_WITH_TIMEOUT(desktop.keychain->isEmpty(), kWaitMs); // the token is forgotten
        QVERIFY(!desktop.client->hasRememberedAccount());

        listed = awaitAnswer(laptop.client->devices().list(), kWaitMs);
        QVERIFY(listed);
        devices = listed.value();
        QCOMPARE(devices.size(), 1);
        QCOMPARE(devices.first().deviceId, laptop.client->deviceId());
    }

    void conversationSettingsFollowMe()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        ChatWorld::Person &carol = world.add(nextPhone());
        QVERIFY(world.logInAll());
        world.send(bob, laptop, u"from bob"_s);
        world.send(carol, laptop, u"from carol"_s);
        QVERIFY(world.waitConverged());
        const auto settled = [&](ChatWorld::Person &device, const ConversationKey &key,
                                 const std::function<bool(const ConversationSummary &)> &is) {
            return QTest::qWaitFor(
                [&] {
                    const std::optional<ConversationSummary> s = world.summary(device, key);
                    return s && is(*s);
                },
                kWaitMs);
        };

        // Pin, mute for an hour, a draft, marked unread: made on the laptop, shown on the desktop.
        MessagesApi &onLaptop = laptop.client->messages();
        const qint64 inAnHour = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        QVERIFY(awaitAnswer(onLaptop.setPinned(with(carol), true)));
        QVERIFY(awaitAnswer(onLaptop.setMutedUntil(with(bob), inAnHour)));
        QVERIFY(awaitAnswer(onLaptop.saveDraft(with(bob), u"see you at"_s)));
        QVERIFY(awaitAnswer(onLaptop.markRead(with(carol))));
        QVERIFY(awaitAnswer(onLaptop.setMarkedUnread(with(carol), true)));
        QVERIFY(settled(desktop, with(carol), [](const ConversationSummary &s) {
            return s.pinned && s.markedUnread && s.unreadCount == 0;
        }));
        QVERIFY(settled(desktop, with(bob), [&](const ConversationSummary &s) {
            return s.muted && s.mutedUntilMs == inAnHour && s.draft == u"see you at"_s;
        }));
        // The muted chat leaves the total; the one marked unread counts as one.
        QTRY_COMPARE_WITH_TIMEOUT(desktop.client->messages().totalUnread(), 1, kWaitMs);

        // Reading the chat marked unread on the desktop clears the mark on the laptop.
        QVERIFY(awaitAnswer(desktop.client->messages().markRead(with(carol))));
        QVERIFY(settled(laptop, with(carol), [](const ConversationSummary &s) { return !s.markedUnread && s.pinned; }));

        // While the desktop is off the laptop changes the draft; the desktop unpins as it opens from its cache,
        // before or while it connects. Both changes survive, on both devices.
        world.quit(desktop);
        QVERIFY(awaitAnswer(onLaptop.saveDraft(with(bob), u"see you at noon"_s)));
        QVERIFY(world.restart(desktop));
        QVERIFY(awaitAnswer(desktop.client->messages().setPinned(with(carol), false)));
        QVERIFY(settled(laptop, with(carol), [](const ConversationSummary &s) { return !s.pinned; }));
        QVERIFY(settled(desktop, with(bob), [](const ConversationSummary &s) { return s.draft == u"see you at noon"_s; }));
        QVERIFY(settled(desktop, with(carol), [](const ConversationSummary &s) { return !s.pinned; }));

        // Sending takes the draft away everywhere; unmuting brings the chat back into the total.
        world.send(laptop, bob, u"see you at noon!"_s);
        QVERIFY(settled(desktop, with(bob), [](const ConversationSummary &s) { return s.draft.isEmpty(); }));
        QVERIFY(awaitAnswer(desktop.client->messages().setMutedUntil(with(bob), 0)));
        QVERIFY(settled(laptop, with(bob), [](const ConversationSummary &s) { return !s.muted && s.mutedUntilMs == 0; }));
    }

    void aMuteEndsByItself()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        world.send(bob, alice, u"one"_s);
        QVERIFY(world.waitConverged());
        QTRY_COMPARE_WITH_TIMEOUT(alice.client->messages().totalUnread(), 1, kWaitMs);
        QSignalSpy changed(&alice.client->messages(), &MessagesApi::conversationChanged);
        constexpr qint64 kShortMuteMs = 1500;
        QVERIFY(awaitAnswer(alice.client->messages().setMutedUntil(
            with(bob), QDateTime::currentMSecsSinceEpoch() + kShortMuteMs)));
        QTRY_COMPARE_WITH_TIMEOUT(alice.client->messages().totalUnread(), 0, kWaitMs);
        // Nothing else happens; the mute's end alone brings the count back and says so.
        QTRY_COMPARE_WITH_TIMEOUT(alice.client->messages().totalUnread(), 1, kWaitMs);
        QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
            const auto s = args.at(0).value<ConversationSummary>();
            return s.key == with(bob) && !s.muted;
        }));
    }

    void activityOfAnotherDeviceIsKnown()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        QVERIFY(world.logInAll());
        QVERIFY(!laptop.client->devices().otherDeviceActive());
        QSignalSpy changed(&laptop.client->devices(), &DevicesApi::otherDeviceActiveChanged);
        desktop.client->devices().setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(laptop.client->devices().otherDeviceActive(), kWaitMs);
        QVERIFY(!desktop.client->devices().otherDeviceActive()); // not told of itself
        desktop.client->devices().setActive(false);
        QTRY_VERIFY_WITH_TIMEOUT(!laptop.client->devices().otherDeviceActive(), kWaitMs);
        QCOMPARE(changed.count(), 2);
        // A device that comes online while another is in use learns it with that one's next word (within
        // kActivityRepeatMs); one that is in use as it comes online says so at once.
        world.quit(laptop);
        desktop.client->devices().setActive(true);
        QVERIFY(world.restart(laptop));
        laptop.client->devices().setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(desktop.client->devices().otherDeviceActive(), kWaitMs);
    }

    void newerLoginOnTheSamePlatformReplacesTheOldest()
    {
        ParleydProcess server(serverArguments({u"--max-devices-per-platform"_s, u"1"_s}));
        QVERIFY(server.start());
        {
            ChatWorld world(server, server.tlsPort(), ChatWorld::quickTimings());
            const QString phone = nextPhone();
            ChatWorld::Person &older = world.add(phone);
            ChatWorld::Person &newer = world.add(phone);
            ChatWorld::Person &bob = world.add(nextPhone());
            QVERIFY(world.logIn(older));
            QVERIFY(world.logIn(bob));
            QTRY_COMPARE_WITH_TIMEOUT(older.client->connectionState(), ConnectionState::Online, kWaitMs);
            QSignalSpy ended(older.client.get(), &Client::sessionEnded);
            QVERIFY(world.logIn(newer));
            QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kWaitMs);
            QCOMPARE(ended.first().at(0).value<Error>().code, ErrorCode::SignedInElsewhere);
            QTRY_COMPARE_WITH_TIMEOUT(newer.client->connectionState(), ConnectionState::Online, kWaitMs);
            world.send(newer, bob, u"from the newer login"_s);
            QTRY_VERIFY_WITH_TIMEOUT(bob.recorder->has(u"from the newer login"_s, MessageState::Received), kWaitMs);
        }
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMultiDevice)
#include "tst_multidevice.moc"
