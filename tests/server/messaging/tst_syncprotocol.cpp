// parleyd's sync protocol through raw frames: delivered and read receipts (MDR, MRD) become inbox items for
// the sender and for the reader's other devices, monotone and clipped; pulls are idempotent; recall (MR)
// rules and the recall item; older history (LRM) pages; the device list (DVL), revoking a device (DVR) and
// the per-platform device policy, with the DISCONNECT and CONNECT_ACK codes each case gives.

#include "parley.pb.h"
#include "protocol/frame.h"
#include "protocol/protobufbytes.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/testphones.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QtEndian>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

v1::ProgressReport report(const QString &target, quint64 seq, quint64 inboxSeq = 0)
{
    v1::ProgressReport r;
    v1::ConversationPoint *p = r.add_points();
    p->set_conversation_type(v1::CONVERSATION_PRIVATE);
    p->set_target(target.toStdString());
    p->set_seq(seq);
    r.set_inbox_seq(inboxSeq);
    return r;
}

v1::HistoryRequest historyOf(const QString &peer, quint64 beforeSeq, quint32 limit)
{
    v1::HistoryRequest h;
    h.set_conversation_type(v1::CONVERSATION_PRIVATE);
    h.set_target(peer.toStdString());
    h.set_before_seq(beforeSeq);
    h.set_limit(limit);
    return h;
}

std::optional<v1::InboxItem> nextPush(RawClient &client)
{
    const std::optional<Frame> push = client.waitFor(Signal::Push);
    if (!push)
        return std::nullopt;
    return fromBytes<v1::InboxItem>(push->payload);
}

v1::PullResult pull(RawClient &client, quint64 afterSeq)
{
    v1::PullRequest request;
    request.set_after_seq(afterSeq);
    request.set_limit(100);
    const auto result = client.call(SubSignal::MP, request);
    return result ? result->pulled() : v1::PullResult();
}

} // namespace

class TestSyncProtocol : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ParleydProcess>(QStringList{u"--code-address-per-hour"_s, u"0"_s,
                                                                u"--code-phone-interval"_s, u"0"_s,
                                                                u"--max-devices-per-platform"_s, u"1"_s,
                                                                // the pull's own way, not RevocationWatch's
                                                                u"--revocation-check"_s, u"3600"_s});
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void receiptsAreInboxItems()
    {
        const TestLogin alice = logInRaw(*m_server, nextPhone(), u"alice-laptop"_s, u"linux"_s);
        const TestLogin bob = logInRaw(*m_server, nextPhone(), u"bob-laptop"_s, u"linux"_s);
        auto a = connectRaw(*m_server, alice);
        auto b = connectRaw(*m_server, bob);
        QVERIFY(a && b);
        for (int i = 1; i <= 3; ++i) {
            QCOMPARE(a->call(SubSignal::MS, textTo(bob.userId, "receipt me", testUuid(i)))->code(), v1::ERR_NONE);
            QVERIFY(nextPush(*b));
            const std::optional<v1::InboxItem> own = nextPush(*a); // her own copy, after the PUB_ACK
            QVERIFY(own && own->has_message());
            QCOMPARE(own->seq(), quint64(i));
        }
        const quint64 aliceHead = 3; // her own three messages

        QCOMPARE(b->call(SubSignal::MDR, report(alice.userId, 3, 3))->code(), v1::ERR_NONE);
        std::optional<v1::InboxItem> item = nextPush(*a);
        QVERIFY(item && item->has_progress());
        QCOMPARE(item->seq(), aliceHead + 1);
        QCOMPARE(QString::fromStdString(item->progress().user()), bob.userId);
        QCOMPARE(QString::fromStdString(item->progress().target()), bob.userId);
        QCOMPARE(item->progress().delivered_seq(), quint64(3));
        QCOMPARE(item->progress().read_seq(), quint64(0));

        QCOMPARE(b->call(SubSignal::MRD, report(alice.userId, 2))->code(), v1::ERR_NONE);
        item = nextPush(*a);
        QVERIFY(item && item->has_progress());
        QCOMPARE(item->progress().read_seq(), quint64(2));
        QCOMPARE(item->progress().delivered_seq(), quint64(3));

        // Monotone: going back changes nothing; beyond the end is clipped to the last message.
        QCOMPARE(b->call(SubSignal::MRD, report(alice.userId, 1))->code(), v1::ERR_NONE);
        QCOMPARE(b->call(SubSignal::MRD, report(alice.userId, 99))->code(), v1::ERR_NONE);
        item = nextPush(*a);
        QVERIFY(item && item->has_progress());
        QCOMPARE(item->progress().read_seq(), quint64(3));
        QCOMPARE(item->seq(), aliceHead + 3); // nothing in between for the step back

        // Bob's own read horizon went into his inbox too, for his other devices; pulls repeat exactly.
        const v1::PullResult first = pull(*b, 0);
        const v1::PullResult again = pull(*b, 0);
        QCOMPARE(first.SerializeAsString(), again.SerializeAsString());
        QCOMPARE(first.items_size(), 5); // three messages, read 2, read 3
        QVERIFY(first.items(3).has_progress());
        QCOMPARE(QString::fromStdString(first.items(3).progress().user()), bob.userId);
        QCOMPARE(QString::fromStdString(first.items(3).progress().target()), alice.userId);
        QCOMPARE(first.items(4).progress().read_seq(), quint64(3));
        QVERIFY(!first.has_more());
        QVERIFY(!first.items_expired());

        // A report about a conversation that does not exist is accepted and ignored.
        QCOMPARE(b->call(SubSignal::MRD, report(u"nobody"_s, 5))->code(), v1::ERR_NONE);
        QCOMPARE(pull(*b, 5).items_size(), 0);
    }

    void recallRulesAndTheNotice()
    {
        const TestLogin alice = logInRaw(*m_server, nextPhone(), u"alice"_s, u"linux"_s);
        const TestLogin bob = logInRaw(*m_server, nextPhone(), u"bob"_s, u"linux"_s);
        const TestLogin carol = logInRaw(*m_server, nextPhone(), u"carol"_s, u"linux"_s);
        auto a = connectRaw(*m_server, alice);
        auto b = connectRaw(*m_server, bob);
        auto c = connectRaw(*m_server, carol);
        QVERIFY(a && b && c);
        const auto sent = a->call(SubSignal::MS, textTo(bob.userId, "I take this back", testUuid(1)));
        QVERIFY(sent && sent->code() == v1::ERR_NONE);
        QVERIFY(nextPush(*b));
        v1::RecallRequest recall;
        recall.set_message_uid(sent->sent().message_uid());

        QCOMPARE(b->call(SubSignal::MR, recall)->code(), v1::ERR_PERMISSION_DENIED); // not his
        QCOMPARE(c->call(SubSignal::MR, recall)->code(), v1::ERR_NOT_FOUND);         // not even visible
        const auto done = a->call(SubSignal::MR, recall);
        QVERIFY(done);
        QCOMPARE(done->code(), v1::ERR_NONE);
        QCOMPARE(done->recalled().message_uid(), sent->sent().message_uid());
        QCOMPARE(done->recalled().conversation_seq(), quint64(1));
        const std::optional<v1::InboxItem> notice = nextPush(*b);
        QVERIFY(notice && notice->has_recall());
        QCOMPARE(notice->recall().message_uid(), sent->sent().message_uid());
        QVERIFY(notice->recall().recalled_at() > 0);
        QCOMPARE(a->call(SubSignal::MR, recall)->code(), v1::ERR_NONE); // again: the same answer

        // The message keeps its place; its text is gone from history and from pulls.
        const auto history = b->call(SubSignal::LRM, historyOf(alice.userId, 0, 10));
        QVERIFY(history);
        QCOMPARE(history->history().messages_size(), 1);
        QCOMPARE(history->history().messages(0).content().type(), v1::CONTENT_NOTICE_RECALLED);
        QVERIFY(history->history().messages(0).content().searchable_content().empty());
        const v1::PullResult pulled = pull(*b, 0);
        QVERIFY(pulled.items_size() >= 1);
        QVERIFY(pulled.items(0).message().content().searchable_content().empty());

        recall.set_message_uid(987654321);
        QCOMPARE(a->call(SubSignal::MR, recall)->code(), v1::ERR_NOT_FOUND);
    }

    void historyPagesBackwards()
    {
        const TestLogin alice = logInRaw(*m_server, nextPhone(), u"alice"_s, u"linux"_s);
        const TestLogin bob = logInRaw(*m_server, nextPhone(), u"bob"_s, u"linux"_s);
        const TestLogin carol = logInRaw(*m_server, nextPhone(), u"carol"_s, u"linux"_s);
        auto a = connectRaw(*m_server, alice);
        auto c = connectRaw(*m_server, carol);
        QVERIFY(a && c);
        for (int i = 1; i <= 7; ++i)
            QCOMPARE(a->call(SubSignal::MS, textTo(bob.userId, "page " + std::to_string(i), testUuid(i)))->code(),
                     v1::ERR_NONE);

        auto page = a->call(SubSignal::LRM, historyOf(bob.userId, 0, 3));
        QVERIFY(page && page->code() == v1::ERR_NONE);
        QCOMPARE(page->history().messages_size(), 3);
        QCOMPARE(page->history().messages(0).conversation_seq(), quint64(5)); // ascending: 5, 6, 7
        QCOMPARE(page->history().messages(2).conversation_seq(), quint64(7));
        QVERIFY(page->history().has_more());
        QCOMPARE(QString::fromStdString(page->history().mine().user()), alice.userId);
        QCOMPARE(QString::fromStdString(page->history().peer().user()), bob.userId);

        page = a->call(SubSignal::LRM, historyOf(bob.userId, 5, 10));
        QCOMPARE(page->history().messages_size(), 4);
        QCOMPARE(page->history().messages(0).conversation_seq(), quint64(1));
        QCOMPARE(page->history().messages(0).content().searchable_content(), std::string("page 1"));
        QVERIFY(!page->history().has_more());

        // Carol sees only her own conversation with Bob: there is none.
        page = c->call(SubSignal::LRM, historyOf(bob.userId, 0, 10));
        QCOMPARE(page->code(), v1::ERR_NONE);
        QCOMPARE(page->history().messages_size(), 0);
        QVERIFY(page->history().has_mine() && page->history().has_peer()); // both at 0, as documented
        QCOMPARE(QString::fromStdString(page->history().peer().user()), bob.userId);
        QCOMPARE(page->history().mine().read_seq(), quint64(0));
        QCOMPARE(c->call(SubSignal::LRM, historyOf(u"nobody"_s, 0, 10))->code(), v1::ERR_NOT_FOUND);
    }

    void devicesAreListedRevokedAndReplaced()
    {
        const QString phone = nextPhone();
        const TestLogin laptop = logInRaw(*m_server, phone, u"laptop"_s, u"linux"_s);
        const TestLogin desktop = logInRaw(*m_server, phone, u"desktop"_s, u"windows"_s);
        QCOMPARE(laptop.userId, desktop.userId);
        auto l = connectRaw(*m_server, laptop);
        auto d = connectRaw(*m_server, desktop);
        QVERIFY(l && d);

        const auto listed = l->call(SubSignal::DVL, v1::DeviceListRequest());
        QVERIFY(listed && listed->code() == v1::ERR_NONE);
        QCOMPARE(listed->devices().devices_size(), 2);
        for (const v1::Device &device : listed->devices().devices()) {
            QVERIFY(device.online());
            QCOMPARE(device.current(), device.device_id() == "laptop");
            QCOMPARE(device.platform(), device.device_id() == "laptop" ? std::string("linux") : std::string("windows"));
            QVERIFY(device.logged_in_at() > 0);
        }

        v1::RevokeDeviceRequest revoke;
        QCOMPARE(l->call(SubSignal::DVR, revoke)->code(), v1::ERR_MALFORMED_REQUEST); // which?
        revoke.set_device_id("desktop");
        revoke.set_all_others(true);
        QCOMPARE(l->call(SubSignal::DVR, revoke)->code(), v1::ERR_MALFORMED_REQUEST); // which?
        revoke.set_all_others(false);
        revoke.set_device_id("laptop");
        QCOMPARE(l->call(SubSignal::DVR, revoke)->code(), v1::ERR_MALFORMED_REQUEST); // itself: that is LGO
        revoke.set_device_id("no-such-device");
        QCOMPARE(l->call(SubSignal::DVR, revoke)->code(), v1::ERR_NOT_FOUND);
        revoke.set_device_id("desktop");
        QCOMPARE(l->call(SubSignal::DVR, revoke)->code(), v1::ERR_NONE);
        QVERIFY(d->waitClosed());
        QVERIFY(d->lastDisconnect());
        QCOMPARE(d->lastDisconnect()->reason(), v1::DISCONNECT_DEVICE_REVOKED);
        QCOMPARE(connectCode(*m_server, desktop), v1::CONNECTION_REFUSED_NOT_AUTHORIZED);

        // One device per platform on this server: a new Linux login replaces the laptop.
        const TestLogin newLaptop = logInRaw(*m_server, phone, u"new-laptop"_s, u"linux"_s);
        QVERIFY(!newLaptop.token.isEmpty());
        QVERIFY(l->waitClosed());
        QVERIFY(l->lastDisconnect());
        QCOMPARE(l->lastDisconnect()->reason(), v1::DISCONNECT_KICKED);
        QCOMPARE(connectCode(*m_server, laptop), v1::CONNECTION_REFUSED_KICKED);
        QCOMPARE(connectCode(*m_server, newLaptop), v1::CONNECTION_ACCEPTED);
    }

    // A device logged out by another node whose word never came here (Redis away, that node killed) learns it at
    // its next pull: answered ERR_NOT_AUTHENTICATED, then the DISCONNECT the word would have brought.
    void aPullTellsADeviceRevokedWhereItsNodeDidNotHear()
    {
        const TestLogin tablet = logInRaw(*m_server, nextPhone(), u"tablet"_s, u"android"_s);
        const auto link = connectRaw(*m_server, tablet);
        QVERIFY(link);
        {
            QSqlDatabase db = m_server->openDatabase(u"elsewhere"_s);
            QVERIFY(db.isOpen());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(u"UPDATE sessions SET revoked_at = %1, revoked_reason = 2 WHERE device_id = 'tablet' AND "
                       "user_id = (SELECT id FROM users WHERE uid = '%2')"_s.arg(QDateTime::currentMSecsSinceEpoch())
                           .arg(tablet.userId)));
            QCOMPARE(q.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(u"elsewhere"_s);
        v1::PullRequest pull;
        pull.set_after_seq(0);
        const auto page = link->call(SubSignal::MP, pull);
        QVERIFY(page);
        QCOMPARE(page->code(), v1::ERR_NOT_AUTHENTICATED);
        QVERIFY(link->waitClosed());
        QVERIFY(link->lastDisconnect());
        QCOMPARE(link->lastDisconnect()->reason(), v1::DISCONNECT_DEVICE_REVOKED);
    }
};

QTEST_GUILESS_MAIN(TestSyncProtocol)
#include "tst_syncprotocol.moc"
