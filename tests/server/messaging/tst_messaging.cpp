// Messages through parleyd as a process on 127.0.0.1, over the raw protocol: server-assigned ids,
// idempotent send, order per conversation, offline delivery, copies to the sender's other devices, typed errors.

#include "parley.pb.h"
#include "protocol/frame.h"
#include "protocol/limits.h"
#include "protocol/protobufbytes.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/testphones.h"

#include <QTest>
#include <QtEndian>

using namespace parley;
using namespace Qt::StringLiterals;

class TestMessaging : public ParleydTestCase {
    Q_OBJECT

private Q_SLOTS:

    void serverAssignsIdsAndIgnoresTheClients()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = connectRaw(*m_server, alice);
        auto b = connectRaw(*m_server, bob);
        QVERIFY(a && b);
        v1::Message forged = textTo(bob.userId, "hello", testUuid(1));
        forged.set_from(bob.userId.toStdString()); // pretends to be Bob
        forged.set_message_uid(999999);
        forged.set_timestamp(1);
        forged.set_conversation_seq(77);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto sent = a->call(SubSignal::MS, forged);
        QVERIFY(sent);
        QCOMPARE(sent->code(), v1::ERR_NONE);
        QVERIFY(sent->sent().message_uid() != 999999);
        QCOMPARE(sent->sent().conversation_seq(), quint64(1));
        QVERIFY(sent->sent().timestamp() >= before - 1000);
        QVERIFY(!sent->sent().duplicate());

        const auto push = b->waitFor(Signal::Push);
        QVERIFY(push);
        QCOMPARE(push->subSignal, SubSignal::MN);
        const v1::InboxItem item = inboxItemOf(*push);
        QCOMPARE(item.seq(), quint64(1));
        QCOMPARE(QString::fromStdString(item.message().from()), alice.userId); // not Bob
        QCOMPARE(item.message().message_uid(), sent->sent().message_uid());
        QCOMPARE(item.message().timestamp(), sent->sent().timestamp());
        QCOMPARE(item.message().content().searchable_content(), "hello");
    }

    void repeatedSendReturnsTheOriginal()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = connectRaw(*m_server, alice);
        auto b = connectRaw(*m_server, bob);
        QVERIFY(a && b);
        const auto first = a->call(SubSignal::MS, textTo(bob.userId, "once", testUuid(7)));
        const auto second = a->call(SubSignal::MS, textTo(bob.userId, "once", testUuid(7)));
        QVERIFY(first && second);
        QVERIFY(!first->sent().duplicate());
        QVERIFY(second->sent().duplicate());
        QCOMPARE(second->sent().message_uid(), first->sent().message_uid());
        QCOMPARE(second->sent().conversation_seq(), first->sent().conversation_seq());
        QCOMPARE(second->sent().timestamp(), first->sent().timestamp());
        const auto next = a->call(SubSignal::MS, textTo(bob.userId, "twice", testUuid(8)));
        QVERIFY(next);
        QCOMPARE(next->sent().conversation_seq(), first->sent().conversation_seq() + 1);

        // Bob got "once" a single time: his next push after it is "twice".
        const auto p1 = b->waitFor(Signal::Push);
        const auto p2 = b->waitFor(Signal::Push);
        QVERIFY(p1 && p2);
        QCOMPARE(inboxItemOf(*p1).message().content().searchable_content(), "once");
        QCOMPARE(inboxItemOf(*p2).message().content().searchable_content(), "twice");
        QCOMPARE(inboxItemOf(*p2).seq(), inboxItemOf(*p1).seq() + 1);
    }

    void webPeersWithoutUuidAreKeyedByMessageId()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = connectRaw(*m_server, alice);
        QVERIFY(a);
        v1::Message m = textTo(bob.userId, "legacy", {});
        m.set_message_id(1589955328518);
        const auto first = a->call(SubSignal::MS, m);
        const auto second = a->call(SubSignal::MS, m);
        QVERIFY(first && second);
        QCOMPARE(first->code(), v1::ERR_NONE);
        QVERIFY(second->sent().duplicate());
        m.set_message_id(0);
        const auto neither = a->call(SubSignal::MS, m);
        QCOMPARE(neither->code(), v1::ERR_MALFORMED_REQUEST);
    }

    void orderIsPerConversationAndBothWays()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = connectRaw(*m_server, alice);
        auto b = connectRaw(*m_server, bob);
        QVERIFY(a && b);
        for (int i = 0; i < 10; ++i) {
            auto &sender = i % 2 ? b : a;
            const QString target = i % 2 ? alice.userId : bob.userId;
            const auto sent = sender->call(SubSignal::MS, textTo(target, std::to_string(i), testUuid(100 + i)));
            QVERIFY(sent);
            QCOMPARE(sent->sent().conversation_seq(), quint64(i + 1));
        }
        // Each side's inbox holds all ten in the same order, its own messages included.
        for (auto *client : {a.get(), b.get()}) {
            v1::PullRequest pull;
            pull.set_after_seq(0);
            const auto page = client->call(SubSignal::MP, pull);
            QVERIFY(page);
            QCOMPARE(page->pulled().items_size(), 10);
            for (int i = 0; i < 10; ++i) {
                QCOMPARE(page->pulled().items(i).seq(), quint64(i + 1));
                QCOMPARE(page->pulled().items(i).message().conversation_seq(), quint64(i + 1));
                QCOMPARE(page->pulled().items(i).message().content().searchable_content(), std::to_string(i));
            }
            QVERIFY(!page->pulled().has_more());
        }
    }

    void offlineRecipientGetsMessagesWhenItConnects()
    {
        const TestLogin alice = newUser(), bob = newUser();
        auto a = connectRaw(*m_server, alice);
        QVERIFY(a);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(a->call(SubSignal::MS, textTo(bob.userId, "while you were out", testUuid(200 + i)))->code(),
                     v1::ERR_NONE);
        RawClient b(m_server->fingerprint());
        QVERIFY(b.connectTo(m_server->tlsPort()));
        const auto ack = b.connectSession(bob.userId, bob.token, bob.deviceId);
        QCOMPARE(ack->inbox_head(), quint64(5));
        v1::PullRequest pull;
        pull.set_after_seq(2);
        pull.set_limit(2);
        const auto page = b.call(SubSignal::MP, pull);
        QCOMPARE(page->pulled().items_size(), 2);
        QCOMPARE(page->pulled().items(0).seq(), quint64(3));
        QVERIFY(page->pulled().has_more());
        QCOMPARE(page->pulled().head_seq(), quint64(5));
    }

    void sendersOtherDevicesGetACopy()
    {
        const QString phone = nextPhone();
        const TestLogin laptop = logInRaw(*m_server, phone, u"laptop"_s);
        const TestLogin bob = newUser();
        auto a1 = connectRaw(*m_server, laptop);
        QVERIFY(a1);
        // The second device of the same user (rate limit: a second code needs the interval; reuse by
        // connecting the same session from another link would be the same device, so log in again later).
        RawClient a2(m_server->fingerprint());
        QVERIFY(a2.connectTo(m_server->tlsPort()));
        QCOMPARE(a2.connectSession(laptop.userId, laptop.token, laptop.deviceId)->code(), v1::CONNECTION_ACCEPTED);
        const auto sent = a1->call(SubSignal::MS, textTo(bob.userId, "from the laptop", testUuid(300)));
        QVERIFY(sent);
        const auto copy = a2.waitFor(Signal::Push);
        QVERIFY(copy);
        QCOMPARE(inboxItemOf(*copy).message().message_uid(), sent->sent().message_uid());
        QCOMPARE(QString::fromStdString(inboxItemOf(*copy).message().from()), laptop.userId);
    }

    void typedErrors()
    {
        const TestLogin alice = newUser();
        auto a = connectRaw(*m_server, alice);
        QVERIFY(a);
        QCOMPARE(a->call(SubSignal::FRN, v1::LogoutRequest())->code(), v1::ERR_NOT_IMPLEMENTED);
        QCOMPARE(a->call(SubSignal::MNH, v1::LogoutRequest())->code(), v1::ERR_MALFORMED_REQUEST); // push only
        QCOMPARE(a->call(SubSignal::GQNUT, v1::UploadTokenRequest())->code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(a->call(SubSignal::US, v1::UserSearchRequest())->code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(a->call(SubSignal(200), v1::LogoutRequest())->code(), v1::ERR_UNKNOWN_SUB_SIGNAL);
        QCOMPARE(a->call(SubSignal::MS, textTo(u"nobody-here"_s, "x", testUuid(400)))->code(), v1::ERR_NOT_FOUND);
        QCOMPARE(a->call(SubSignal::MS, textTo(alice.userId, std::string(17 * 1024, 'x'), testUuid(401)))->code(),
                 v1::ERR_TOO_LARGE);
        v1::Message notice = textTo(alice.userId, "fake notice", testUuid(402));
        notice.mutable_content()->set_type(v1::CONTENT_NOTICE_RECALLED);
        QCOMPARE(a->call(SubSignal::MS, notice)->code(), v1::ERR_PERMISSION_DENIED);
        // A target is an id: at most 64 bytes, for a message, a typing notice and conversation settings alike.
        const std::string longId(65, 'u');
        QCOMPARE(a->call(SubSignal::MS, textTo(QString::fromStdString(longId), "x", testUuid(405)))->code(),
                 v1::ERR_MALFORMED_REQUEST);
        v1::TypingRequest typing;
        typing.set_target(longId);
        QCOMPARE(a->call(SubSignal::MT, typing)->code(), v1::ERR_MALFORMED_REQUEST);
        v1::ConversationSettingsRequest pin;
        pin.set_target(longId);
        pin.set_pinned(true);
        QCOMPARE(a->call(SubSignal::CSS, pin)->code(), v1::ERR_MALFORMED_REQUEST);
        // A content type the server does not know is refused: it cannot check what such a message carries.
        for (const int unknown : {7, 10, 12, 99, 199, 1000}) {
            v1::Message odd = textTo(alice.userId, "odd", testUuid(406 + unknown));
            odd.mutable_content()->set_type(unknown);
            const auto refused = a->call(SubSignal::MS, odd);
            QCOMPARE(refused->code(), v1::ERR_MALFORMED_REQUEST);
            QCOMPARE(refused->message(), "content type " + std::to_string(unknown) + " is not one of its values");
        }
        v1::Message group = textTo(u"g1"_s, "x", testUuid(403));
        group.set_conversation_type(v1::CONVERSATION_GROUP);
        QCOMPARE(a->call(SubSignal::MS, group)->code(), v1::ERR_NOT_MEMBER);
        // A conversation type that does not exist is not taken for one-to-one (proto3 keeps any number).
        v1::Message channel = textTo(alice.userId, "x", testUuid(405));
        channel.set_conversation_type(v1::ConversationType(7));
        const auto undefined = a->call(SubSignal::MS, channel);
        QCOMPARE(undefined->code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(undefined->message(), "conversationType: 7 is not one of its values");
        // A missing field is malformed, not "not found"; a report of more conversations than allowed, too large.
        QCOMPARE(a->call(SubSignal::MR, v1::RecallRequest())->code(), v1::ERR_MALFORMED_REQUEST);
        v1::ProgressReport tooMany;
        for (int i = 0; i <= limits::kMaxProgressPoints; ++i)
            tooMany.add_points()->set_target(alice.userId.toStdString());
        QCOMPARE(a->call(SubSignal::MRD, tooMany)->code(), v1::ERR_TOO_LARGE);
        QCOMPARE(a->call(SubSignal::LGN, v1::LoginRequest())->code(), v1::ERR_ALREADY_AUTHENTICATED);

        // Garbage where a Message should be: an error for that request, and the link stays usable.
        a->sendFrame(Frame{Signal::Publish, SubSignal::MS, 999, QByteArray("\xff\xff\xff\xff", 4)});
        const auto bad = a->waitFor(Signal::PubAck);
        QVERIFY(bad);
        QCOMPARE(bad->messageId, quint16(999));
        const v1::Result r = fromBytes<v1::Result>(bad->payload).value_or(v1::Result());
        QCOMPARE(r.code(), v1::ERR_MALFORMED_REQUEST);
        QVERIFY(!r.message().empty());
        QCOMPARE(a->call(SubSignal::MS, textTo(alice.userId, "still here", testUuid(404)))->code(), v1::ERR_NONE);
    }
};

QTEST_GUILESS_MAIN(TestMessaging)
#include "tst_messaging.moc"
