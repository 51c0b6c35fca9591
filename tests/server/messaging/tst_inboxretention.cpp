// How long parleyd keeps inbox items, on the real SQLite store with a fake clock: an item goes once every
// active device of its user has synced past it (a revoked device no longer holds it back), or when the
// retention passes even if some device never came back; the inbox's head stays where it was, also for a
// store that reads it from the file; the message itself stays in the history; a pull from before the oldest
// kept item says that items expired; a pull from past the head does not let items yet to come go.

#include "server/messaging/inboxwriter.h"
#include "server/messaging/messageledger.h"
#include "server/storage/sqlstore.h"
#include "tests/support/fakeclock.h"

#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kRetentionMs = 30 * kDayMs;

v1::Message text(const QString &target, int n)
{
    v1::Message m;
    m.set_conversation_type(v1::CONVERSATION_PRIVATE);
    m.set_target(target.toStdString());
    m.set_message_id(quint64(n));
    m.mutable_content()->set_type(v1::CONTENT_TEXT);
    m.mutable_content()->set_searchable_content("kept " + std::to_string(n));
    return m;
}

} // namespace

class TestInboxRetention : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeClock m_clock;
    SqlStore m_store;
    UserRecord m_alice;
    UserRecord m_bob;
    qint64 m_bobLaptop = 0;
    qint64 m_bobPhone = 0;

    int pruneNow() { return m_store.pruneInbox(m_clock.nowMs() - kRetentionMs); }
    quint64 oldestOfBob() { return m_store.oldestInboxSeq(m_bob.id); }

    void sendToBob(const MessageLedger &ledger, int n) { sendTo(ledger, m_bob, n); }
    void sendTo(const MessageLedger &ledger, const UserRecord &to, int n)
    {
        const AuthenticatedUser alice{m_alice.id, m_alice.uid, u"alice-device"_s, {}, 0};
        QVERIFY(m_store.beginTransaction());
        const auto appended = ledger.append(m_store, alice, text(to.uid, n));
        QVERIFY2(appended, qPrintable(appended ? QString() : appended.error().message));
        QVERIFY(m_store.commitTransaction());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_store.open(m_dir.filePath(u"retention.sqlite"_s)));
        m_alice = *m_store.createUser(u"+10000000001"_s, u"alice"_s, m_clock.nowMs());
        m_bob = *m_store.createUser(u"+10000000002"_s, u"bob"_s, m_clock.nowMs());
        m_bobLaptop = *m_store.createSession(m_bob.id, u"laptop"_s, u"linux"_s, u"Laptop"_s, "hash-1", m_clock.nowMs());
        m_bobPhone = *m_store.createSession(m_bob.id, u"phone"_s, u"android"_s, u"Phone"_s, "hash-2", m_clock.nowMs());
    }

    void aPositionPastTheHeadIsNotRecorded()
    {
        // A pull from past the head (a confused or hostile client) must not cover items yet to come.
        const MessageLedger ledger(m_clock, true);
        const UserRecord carol = *m_store.createUser(u"+10000000003"_s, u"carol"_s, m_clock.nowMs());
        const qint64 session = *m_store.createSession(carol.id, u"desk"_s, u"linux"_s, u"Desk"_s, "hash-carol", 0);
        const AuthenticatedUser desk{carol.id, carol.uid, u"desk"_s, u"linux"_s, session};
        sendTo(ledger, carol, 101); // ids of their own: Alice's ids to Bob follow
        const MessageLedger::Page ahead = ledger.pull(m_store, desk, 1000, 100);
        QCOMPARE(ahead.head, quint64(1));
        QVERIFY(ahead.items.isEmpty());
        sendTo(ledger, carol, 102);
        sendTo(ledger, carol, 103);
        pruneNow();
        QCOMPARE(m_store.oldestInboxSeq(carol.id), quint64(2)); // 2 and 3 wait for the device
        const MessageLedger::Page page = ledger.pull(m_store, desk, 1, 100);
        QCOMPARE(page.items.size(), 2);
        QCOMPARE(page.items.first().seq, quint64(2));
    }

    void itemsGoWhenEveryDeviceHasThem()
    {
        const MessageLedger ledger(m_clock, true);
        for (int i = 1; i <= 6; ++i)
            sendToBob(ledger, i);
        QCOMPARE(m_store.inboxHead(m_bob.id), quint64(6));
        QCOMPARE(oldestOfBob(), quint64(1));

        const AuthenticatedUser laptop{m_bob.id, m_bob.uid, u"laptop"_s, u"linux"_s, m_bobLaptop};
        const AuthenticatedUser phone{m_bob.id, m_bob.uid, u"phone"_s, u"android"_s, m_bobPhone};
        ledger.pull(m_store, laptop, 6, 100); // the laptop has everything
        ledger.pull(m_store, phone, 2, 100);  // the phone has two
        pruneNow();
        QCOMPARE(oldestOfBob(), quint64(3)); // the phone still needs 3..6

        m_store.setSyncedSeq(m_bobPhone, 4); // what an MDR with inbox_seq 4 does
        pruneNow();
        QCOMPARE(oldestOfBob(), quint64(5));

        // The phone is logged out from the laptop: it no longer holds anything back.
        m_store.revokeSession(m_bobPhone, RevokeReason::RevokedByUser, m_clock.nowMs());
        // Should it pull still (its node missed the word of it), the pull says so and reads nothing.
        const MessageLedger::Page revoked = ledger.pull(m_store, phone, 4, 100);
        QCOMPARE(revoked.revoked, RevokeReason::RevokedByUser);
        QVERIFY(revoked.items.isEmpty()); // 5 and 6 are there
        QCOMPARE(ledger.pull(m_store, laptop, 6, 100).revoked, RevokeReason::None);
        pruneNow();
        QCOMPARE(oldestOfBob(), quint64(0)); // empty
        QCOMPARE(m_store.inboxHead(m_bob.id), quint64(6));
        {
            // Sequences continue, never reused, also for a store that reads the head from the file.
            SqlStore reopened;
            QVERIFY(reopened.open(m_dir.filePath(u"retention.sqlite"_s)));
            QCOMPARE(reopened.inboxHead(m_bob.id), quint64(6));
        }

        // The messages themselves are history, not inbox: still there.
        const std::optional<ConversationRecord> conversation = m_store.findPrivateConversation(m_alice.id, m_bob.id);
        QVERIFY(conversation);
        QCOMPARE(m_store.messagesBefore(conversation->id, 100, 100).size(), 6);
    }

    void retentionDropsWhatAnAbsentDeviceNeverFetched()
    {
        const MessageLedger ledger(m_clock, true);
        const qint64 tablet =
            *m_store.createSession(m_bob.id, u"tablet"_s, u"ios"_s, u"Tablet"_s, "hash-3", m_clock.nowMs());
        const AuthenticatedUser laptop{m_bob.id, m_bob.uid, u"laptop"_s, u"linux"_s, m_bobLaptop};
        const AuthenticatedUser onTablet{m_bob.id, m_bob.uid, u"tablet"_s, u"ios"_s, tablet};
        ledger.pull(m_store, onTablet, 6, 100);
        sendToBob(ledger, 7);
        sendToBob(ledger, 8);
        ledger.pull(m_store, laptop, 8, 100);
        // The tablet stays away: a day later both items are still there for it...
        m_clock.advance(kDayMs);
        pruneNow();
        QCOMPARE(oldestOfBob(), quint64(7));
        // ...after the retention they are gone, and its next pull says so.
        m_clock.advance(kRetentionMs);
        sendToBob(ledger, 9);
        pruneNow();
        QCOMPARE(oldestOfBob(), quint64(9));
        const MessageLedger::Page page = ledger.pull(m_store, onTablet, 6, 100);
        QVERIFY(page.expired);
        QCOMPARE(page.items.size(), 1);
        QCOMPARE(page.items.first().seq, quint64(9));
        QCOMPARE(page.head, quint64(9));
        // A device that is up to date is not told anything expired.
        QVERIFY(!ledger.pull(m_store, laptop, 8, 100).expired);
    }
};

QTEST_GUILESS_MAIN(TestInboxRetention)
#include "tst_inboxretention.moc"
