// Forwarding against a real parleyd, over the raw protocol and real HTTPS: a forwarded copy
// (MessageContent.forwardedUid) is written from the server's copy of the original, whatever the request
// says, and its file needs no upload — the recipient may fetch it; a chat history (CONTENT_CHAT_HISTORY) is
// written from the server's copies in conversation order, with names and times, and its files become the
// recipient's to fetch; what the sender may not read, recalled messages, notices, mixed chats and too many
// are refused; a chat history forwarded again keeps its messages.

#include "parley.pb.h"
#include "protocol/limits.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/rawmessages.h"
#include "tests/support/socialcalls.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestForwarding : public ParleydTestCase {
    Q_OBJECT

    quint32 m_uuid = 100;
    quint32 m_seed = 7;

    qint64 say(RawUser &from, const QString &to, const std::string &text)
    {
        const v1::Result r = social::call(*from.link, SubSignal::MS,
                                          social::text(v1::CONVERSATION_PRIVATE, to, text, ++m_uuid));
        return r.code() == v1::ERR_NONE ? r.sent().message_uid() : 0;
    }

    // MS to `to` with `content`; the answer.
    v1::Result send(RawUser &from, const QString &to, const v1::MessageContent &content)
    {
        v1::Message m = social::text(v1::CONVERSATION_PRIVATE, to, "", ++m_uuid);
        *m.mutable_content() = content;
        return social::call(*from.link, SubSignal::MS, m);
    }

    static v1::MessageContent copyOf(qint64 uid, const std::string &claimed = "forged words")
    {
        v1::MessageContent c;
        c.set_type(v1::CONTENT_TEXT);
        c.set_searchable_content(claimed); // what the request says is not what is sent
        c.set_forwarded_uid(uid);
        return c;
    }

    static v1::MessageContent historyOf(const QList<qint64> &uids)
    {
        v1::MessageContent c;
        c.set_type(v1::CONTENT_CHAT_HISTORY);
        c.set_searchable_content("Chat history of Alice and Bob");
        c.mutable_chat_history()->set_title("Chat history of Alice and Bob");
        for (const qint64 uid : uids)
            c.mutable_chat_history()->add_message_uids(uid);
        v1::ForwardedMessage *forged = c.mutable_chat_history()->add_messages(); // replaced by the server's
        forged->set_sender_name("Someone else");
        forged->mutable_content()->set_searchable_content("never said");
        return c;
    }

    // The message the server pushed to `to` whose uid is `uid`.
    static std::optional<v1::Message> received(RawUser &to, qint64 uid)
    {
        const auto item = to.link->waitForItem(
            [uid](const v1::InboxItem &i) { return i.has_message() && i.message().message_uid() == uid; });
        return item ? std::optional(item->message()) : std::nullopt;
    }

private Q_SLOTS:
    void aCopyIsTheServersAndItsFileIsNotUploadedAgain()
    {
        RawUser alice = person(), bob = person(), carol = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QVERIFY(social::befriend(*bob.link, *carol.link, carol.id()));
        HttpsPeer peer(m_server->fingerprint(), m_server->filesPort());
        const QByteArray bytes = files::randomBytes(30000, m_seed++);
        const QString fileId = peer.upload(files::uploadGrant(*alice.link, bytes), bytes);
        QVERIFY(!fileId.isEmpty());
        const v1::Result picture = social::call(
            *alice.link, SubSignal::MS, files::mediaTo(bob.id(), v1::CONTENT_IMAGE, fileId, testUuid(int(++m_uuid))));
        QCOMPARE(picture.code(), v1::ERR_NONE);
        const qint64 hello = say(alice, bob.id(), "hello bob");
        QVERIFY(hello != 0);
        QCOMPARE(peer.get(files::downloadGrant(*carol.link), fileId).status, 404); // not Carol's yet

        const v1::Result text = send(bob, carol.id(), copyOf(hello));
        QCOMPARE(text.code(), v1::ERR_NONE);
        std::optional<v1::Message> copy = received(carol, text.sent().message_uid());
        QVERIFY(copy);
        QCOMPARE(copy->content().searchable_content(), "hello bob");
        QCOMPARE(copy->content().forwarded_uid(), hello);
        QCOMPARE(QString::fromStdString(copy->from()), bob.id());

        const v1::Result photo = send(bob, carol.id(), copyOf(picture.sent().message_uid()));
        QCOMPARE(photo.code(), v1::ERR_NONE);
        copy = received(carol, photo.sent().message_uid());
        QVERIFY(copy);
        QCOMPARE(copy->content().type(), v1::CONTENT_IMAGE);
        QCOMPARE(QString::fromStdString(copy->content().media().file_id()), fileId);
        const HttpsPeer::Response fetched = peer.get(files::downloadGrant(*carol.link), fileId);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.body, bytes);

        // Carol cannot read Alice and Bob's chat: to her that message does not exist.
        QCOMPARE(send(carol, bob.id(), copyOf(hello)).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(send(bob, carol.id(), copyOf(-1)).code(), v1::ERR_MALFORMED_REQUEST);
    }

    void aChatHistoryIsWrittenFromTheServersCopies()
    {
        RawUser alice = person(), bob = person(), carol = person(), dave = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QVERIFY(social::befriend(*bob.link, *carol.link, carol.id()));
        QVERIFY(social::befriend(*carol.link, *dave.link, dave.id()));
        HttpsPeer peer(m_server->fingerprint(), m_server->filesPort());
        const QByteArray bytes = files::randomBytes(20000, m_seed++);
        const QString fileId = peer.upload(files::uploadGrant(*bob.link, bytes), bytes);
        const qint64 one = say(alice, bob.id(), "one");
        const qint64 two = say(bob, alice.id(), "two");
        const v1::Result picture = social::call(
            *bob.link, SubSignal::MS, files::mediaTo(alice.id(), v1::CONTENT_FILE, fileId, testUuid(int(++m_uuid))));
        QCOMPARE(picture.code(), v1::ERR_NONE);

        // Named in any order; written in the order they were said, by who said them.
        const v1::Result sent = send(bob, carol.id(), historyOf({picture.sent().message_uid(), two, one}));
        QCOMPARE(sent.code(), v1::ERR_NONE);
        const std::optional<v1::Message> got = received(carol, sent.sent().message_uid());
        QVERIFY(got);
        QCOMPARE(got->content().type(), v1::CONTENT_CHAT_HISTORY);
        const v1::ChatHistory &history = got->content().chat_history();
        QCOMPARE(history.title(), "Chat history of Alice and Bob");
        QCOMPARE(history.messages_size(), 3);
        QCOMPARE(QString::fromStdString(history.messages(0).from()), alice.id());
        QCOMPARE(history.messages(0).content().searchable_content(), "one");
        QCOMPARE(QString::fromStdString(history.messages(1).from()), bob.id());
        QCOMPARE(history.messages(1).content().searchable_content(), "two");
        QVERIFY(history.messages(1).timestamp() >= history.messages(0).timestamp());
        QCOMPARE(history.messages(2).content().type(), v1::CONTENT_FILE);
        QCOMPARE(peer.get(files::downloadGrant(*carol.link), fileId).status, 200); // the file came with it

        // Carol forwards it on to Dave, who was in neither chat: it keeps its messages, and its file is his too.
        const v1::Result again = send(carol, dave.id(), copyOf(sent.sent().message_uid()));
        QCOMPARE(again.code(), v1::ERR_NONE);
        const std::optional<v1::Message> daves = received(dave, again.sent().message_uid());
        QVERIFY(daves);
        QCOMPARE(daves->content().chat_history().messages_size(), 3);
        QCOMPARE(peer.get(files::downloadGrant(*dave.link), fileId).status, 200);

        // Refused: two chats in one history, a recalled message, a notice, none, too many.
        const qint64 elsewhere = say(bob, carol.id(), "elsewhere");
        QCOMPARE(send(bob, carol.id(), historyOf({one, elsewhere})).code(), v1::ERR_MALFORMED_REQUEST);
        v1::RecallRequest recall;
        recall.set_message_uid(two);
        QCOMPARE(social::call(*bob.link, SubSignal::MR, recall).code(), v1::ERR_NONE);
        QCOMPARE(send(bob, carol.id(), historyOf({one, two})).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(send(bob, carol.id(), copyOf(two)).code(), v1::ERR_NOT_FOUND);
        const v1::Result group = social::createGroup(*bob.link, u"Weekend"_s, {carol.id()});
        QCOMPARE(group.code(), v1::ERR_NONE);
        const QString gid = QString::fromStdString(group.group().group_id());
        const v1::HistoryResult notices = social::history(*bob.link, v1::CONVERSATION_GROUP, gid);
        QVERIFY(notices.messages_size() > 0);
        QCOMPARE(send(bob, carol.id(), copyOf(notices.messages(0).message_uid())).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(send(bob, carol.id(), historyOf({})).code(), v1::ERR_MALFORMED_REQUEST);
        QList<qint64> many;
        for (int i = 0; i <= limits::kMaxForwardedMessages; ++i)
            many.append(one);
        QCOMPARE(send(bob, carol.id(), historyOf(many)).code(), v1::ERR_TOO_LARGE);
    }
};

QTEST_GUILESS_MAIN(TestForwarding)
#include "tst_forwarding.moc"
