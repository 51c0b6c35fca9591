// The outbox against a fake server: a message is sent with its client uuid and marked sent by the
// acknowledgement; resent with the same uuid after a timeout and after a reconnection; failed after its tries
// or at once when the server refuses it; an acknowledgement that comes twice changes nothing.

#include "core/messaging/outbox.h"
#include "tests/support/cachefixture.h"
#include "tests/support/fakeserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kAttemptMs = 100; // instead of Outbox::kAttemptTimeoutMs

v1::Result sent(qint64 uid, quint64 seq, bool duplicate = false)
{
    v1::Result r;
    r.mutable_sent()->set_message_uid(uid);
    r.mutable_sent()->set_conversation_seq(seq);
    r.mutable_sent()->set_timestamp(1700000000000 + uid);
    r.mutable_sent()->set_duplicate(duplicate);
    return r;
}

v1::Result refused(ErrorCode code)
{
    v1::Result r;
    r.set_code(v1::ErrorCode(int(code)));
    return r;
}

} // namespace

class TestOutbox : public QObject {
    Q_OBJECT

    std::unique_ptr<CacheFixture> m_cache;
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<Outbox> m_outbox;
    int m_next = 0;

    // Writes a message as the composer does: stored first, then handed to the outbox.
    ChatMessage write(const QString &text)
    {
        const QByteArray uuid(16, char('a' + m_next++));
        const Result<ChatMessage> stored =
            m_cache->messages->addOutgoing(ConversationKey::withUser(u"bob"_s), uuid, text, 1700000000000);
        m_outbox->enqueue(stored.value());
        return stored.value();
    }
    MessageState stateOf(const ChatMessage &m) { return m_cache->messages->byLocalId(m.localId)->state; }

private Q_SLOTS:
    void init()
    {
        m_cache = std::make_unique<CacheFixture>();
        QVERIFY(m_cache->open());
        m_server = std::make_unique<FakeServer>();
        m_outbox = std::make_unique<Outbox>(*m_cache->messages, m_server->connection());
        m_outbox->setAttemptTimeoutMs(kAttemptMs);
        QVERIFY(m_server->goOnline());
    }

    void cleanup()
    {
        m_server.reset(); // as Engine does: the connection stops (answering what is in flight) before the account goes
        m_outbox.reset();
        m_cache.reset();
    }

    void sentOnceAndAcknowledged()
    {
        const ChatMessage m = write(u"hello"_s);
        const std::optional<Frame> request = m_server->nextRequest();
        QVERIFY(request);
        QCOMPARE(request->subSignal, SubSignal::MS);
        const auto wire = FakeServer::payloadOf<v1::Message>(*request);
        QCOMPARE(QByteArray::fromStdString(wire->client_uuid()), m.clientUuid);
        QCOMPARE(wire->content().searchable_content(), "hello");
        m_server->reply(*request, sent(77, 1));
        QTRY_COMPARE(stateOf(m), MessageState::Sent);
        QCOMPARE(m_cache->messages->byLocalId(m.localId)->serverUid, 77);
        QVERIFY(m_server->silentFor(3 * kAttemptMs)); // nothing is sent again
        QCOMPARE(m_outbox->pendingCount(), 0);
    }

    void resentWithTheSameIdAfterATimeoutThenFailed()
    {
        const ChatMessage m = write(u"anyone there?"_s);
        QList<QByteArray> uuids;
        for (int attempt = 0; attempt < Outbox::kMaxTries; ++attempt) {
            const std::optional<Frame> request = m_server->nextRequest();
            QVERIFY2(request, qPrintable(u"attempt %1"_s.arg(attempt + 1)));
            uuids.append(QByteArray::fromStdString(FakeServer::payloadOf<v1::Message>(*request)->client_uuid()));
        }
        QCOMPARE(uuids, QList<QByteArray>(Outbox::kMaxTries, m.clientUuid));
        QTRY_COMPARE(stateOf(m), MessageState::Failed);
        QCOMPARE(m_cache->messages->byLocalId(m.localId)->failure, ErrorCode::Timeout);
        QVERIFY(m_server->silentFor(3 * kAttemptMs)); // no fourth try while connected
        // The user asks again: the same message, the same id.
        m_outbox->retry(m.localId);
        const std::optional<Frame> again = m_server->nextRequest();
        QVERIFY(again);
        QCOMPARE(QByteArray::fromStdString(FakeServer::payloadOf<v1::Message>(*again)->client_uuid()), m.clientUuid);
    }

    void aDuplicateAcknowledgementChangesNothing()
    {
        // The first attempt's answer was lost; the resend is acknowledged as a duplicate with the original ids.
        QSignalSpy changed(m_outbox.get(), &Outbox::messageChanged);
        const ChatMessage m = write(u"twice?"_s);
        QVERIFY(m_server->nextRequest());
        const std::optional<Frame> resend = m_server->nextRequest();
        QVERIFY(resend);
        m_server->reply(*resend, sent(90, 4, true));
        QTRY_COMPARE(stateOf(m), MessageState::Sent);
        QCOMPARE(m_cache->messages->byLocalId(m.localId)->conversationSeq, quint64(4));
        m_server->reply(*resend, sent(90, 4, true)); // and once more: no such request any more
        QVERIFY(m_server->silentFor(3 * kAttemptMs));
        QCOMPARE(std::count_if(
                     changed.cbegin(), changed.cend(),
                     [](const QList<QVariant> &a) { return a.at(0).value<ChatMessage>().state == MessageState::Sent; }),
                 1);
        QCOMPARE(m_cache->messages->latest(ConversationKey::withUser(u"bob"_s), 10).size(), 1);
    }

    void aLostLinkKeepsItSendingAndTheReconnectionSendsItAgain()
    {
        const ChatMessage first = write(u"one"_s);
        const ChatMessage second = write(u"two"_s);
        QVERIFY(m_server->nextRequest());
        QVERIFY(m_server->nextRequest());
        m_server->drop();
        QTRY_VERIFY(!m_server->connection().isOnline());
        QCOMPARE(stateOf(first), MessageState::Sending); // not failed: it waits
        QVERIFY(m_server->goOnline());
        m_outbox->onOnline();
        // Both again, in the order written, with their ids.
        const std::optional<Frame> a = m_server->nextRequest();
        const std::optional<Frame> b = m_server->nextRequest();
        QVERIFY(a && b);
        QCOMPARE(QByteArray::fromStdString(FakeServer::payloadOf<v1::Message>(*a)->client_uuid()), first.clientUuid);
        QCOMPARE(QByteArray::fromStdString(FakeServer::payloadOf<v1::Message>(*b)->client_uuid()), second.clientUuid);
        m_server->reply(*a, sent(1, 1));
        m_server->reply(*b, sent(2, 2));
        QTRY_COMPARE(stateOf(second), MessageState::Sent);
    }

    void aRefusalFailsAtOnce()
    {
        const ChatMessage m = write(u"hi stranger"_s);
        const std::optional<Frame> request = m_server->nextRequest();
        QVERIFY(request);
        m_server->reply(*request, refused(ErrorCode::NotFriends));
        QTRY_COMPARE(stateOf(m), MessageState::Failed);
        QCOMPARE(m_cache->messages->byLocalId(m.localId)->failure, ErrorCode::NotFriends);
        QVERIFY(m_server->silentFor(3 * kAttemptMs)); // not retried: the user must act
        m_outbox->onOnline();                         // nor at the next connection
        QVERIFY(m_server->silentFor(3 * kAttemptMs));
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
