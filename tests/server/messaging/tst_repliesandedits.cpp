// Replies and edits over the raw protocol against a real parleyd. A quote says what the server's copy of the
// original says (never what the sender claims), on one line and cut to its limit; only a message of the same
// conversation that the sender may read can be quoted (not another chat's, not a group's history from before
// the sender joined, not a notice); recalling the original takes its text out of every reply, in history and
// in pulls alike. An edit (ME) is the sender's, of a text message, in time: every participant gets the new
// text as an edit item, history and pulls serve only the new text, and a repeat changes nothing.

#include "parley.pb.h"
#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestRepliesAndEdits : public ParleydTestCase {
    Q_OBJECT

public:
    TestRepliesAndEdits() : ParleydTestCase(social::strictServerArguments()) {}

private:
    quint32 m_uuid = 0;

    // `text` to `target`, quoting `quotedUid` with what a dishonest sender would like the quote to say.
    v1::Result reply(RawUser &from, v1::ConversationType type, const QString &target, const std::string &text,
                     qint64 quotedUid)
    {
        v1::Message m = social::text(type, target, text, ++m_uuid);
        v1::Quote *quote = m.mutable_content()->mutable_quote();
        quote->set_message_uid(quotedUid);
        quote->set_from("somebody-else");
        quote->set_excerpt("words never said");
        quote->set_conversation_seq(999);
        return social::call(*from.link, SubSignal::MS, m);
    }

    static v1::Result edit(RawUser &who, qint64 uid, const std::string &text)
    {
        return social::edit(*who.link, uid, text);
    }

    v1::Result say(RawUser &from, v1::ConversationType type, const QString &target, const std::string &text)
    {
        return social::call(*from.link, SubSignal::MS, social::text(type, target, text, ++m_uuid));
    }

private Q_SLOTS:
    void aQuoteSaysWhatTheServerHas()
    {
        RawUser alice = person();
        RawUser bob = person();
        RawUser carol = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        QVERIFY(social::befriend(*alice.link, *carol.link, carol.id()));
        const v1::Result original = say(alice, v1::CONVERSATION_PRIVATE, bob.id(), "明天见\n  at the   station");
        QCOMPARE(original.code(), v1::ERR_NONE);
        const qint64 uid = original.sent().message_uid();

        const v1::Result answered = reply(bob, v1::CONVERSATION_PRIVATE, alice.id(), "OK", uid);
        QCOMPARE(answered.code(), v1::ERR_NONE);
        const auto pushed = alice.link->waitForItem([&](const v1::InboxItem &i) {
            return i.has_message() && i.message().message_uid() == answered.sent().message_uid();
        });
        QVERIFY(pushed);
        const v1::Quote &quote = pushed->message().content().quote();
        QCOMPARE(quote.message_uid(), uid);
        QCOMPARE(QString::fromStdString(quote.from()), alice.id());
        QCOMPARE(quote.conversation_seq(), original.sent().conversation_seq());
        QCOMPARE(quote.type(), int(v1::CONTENT_TEXT));
        QCOMPARE(QString::fromStdString(quote.excerpt()), u"明天见 at the station"_s); // one line

        // A long original is cut to the limit in characters (an emoji is one), never inside one.
        QString longText;
        while (longText.size() < 2 * limits::kMaxQuoteExcerpt)
            longText += u"多语言 text 😀 "_s;
        const v1::Result longOne = say(alice, v1::CONVERSATION_PRIVATE, bob.id(), longText.toStdString());
        const v1::Result cut = reply(bob, v1::CONVERSATION_PRIVATE, alice.id(), "long", longOne.sent().message_uid());
        QCOMPARE(cut.code(), v1::ERR_NONE);
        const v1::HistoryResult history = social::history(*bob.link, v1::CONVERSATION_PRIVATE, alice.id());
        QCOMPARE(history.messages_size(), 4);
        const QString excerpt = QString::fromStdString(history.messages(3).content().quote().excerpt());
        QCOMPARE(limits::characters(excerpt), limits::kMaxQuoteExcerpt);
        QVERIFY(longText.startsWith(excerpt));
        QVERIFY(!excerpt.back().isHighSurrogate());

        // Carol may not quote Alice and Bob's chat in hers, nor anything that does not exist.
        QCOMPARE(reply(carol, v1::CONVERSATION_PRIVATE, alice.id(), "leak", uid).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(reply(carol, v1::CONVERSATION_PRIVATE, alice.id(), "void", 987654321).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(reply(carol, v1::CONVERSATION_PRIVATE, alice.id(), "none", 0).code(), v1::ERR_NOT_FOUND);
    }

    void recallingTheOriginalEmptiesItsQuotes()
    {
        RawUser alice = person();
        RawUser bob = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        const v1::Result original = say(alice, v1::CONVERSATION_PRIVATE, bob.id(), "a secret");
        const qint64 uid = original.sent().message_uid();
        const v1::Result first = reply(bob, v1::CONVERSATION_PRIVATE, alice.id(), "what secret?", uid);
        QCOMPARE(first.code(), v1::ERR_NONE);

        v1::RecallRequest recall;
        recall.set_message_uid(uid);
        QCOMPARE(social::call(*alice.link, SubSignal::MR, recall).code(), v1::ERR_NONE);

        // In history, and in the inbox a device that syncs now pulls: recalled, no text.
        const v1::HistoryResult history = social::history(*bob.link, v1::CONVERSATION_PRIVATE, alice.id());
        QCOMPARE(history.messages_size(), 2);
        QCOMPARE(history.messages(1).content().quote().type(), content::kRecalled);
        QVERIFY(history.messages(1).content().quote().excerpt().empty());
        QCOMPARE(history.messages(1).content().quote().message_uid(), uid);
        v1::PullRequest pull;
        pull.set_limit(100);
        const v1::PullResult pulled = social::call(*alice.link, SubSignal::MP, pull).pulled();
        bool seen = false;
        for (const v1::InboxItem &item : pulled.items()) {
            if (item.has_message() && item.message().message_uid() == first.sent().message_uid()) {
                seen = true;
                QCOMPARE(item.message().content().quote().type(), content::kRecalled);
                QVERIFY(item.message().content().quote().excerpt().empty());
            }
        }
        QVERIFY(seen);
        // A reply to a message already recalled says so from the start.
        const v1::Result late = reply(bob, v1::CONVERSATION_PRIVATE, alice.id(), "too late", uid);
        QCOMPARE(late.code(), v1::ERR_NONE);
        const v1::HistoryResult after = social::history(*alice.link, v1::CONVERSATION_PRIVATE, bob.id());
        QCOMPARE(after.messages(2).content().quote().type(), content::kRecalled);
        QVERIFY(after.messages(2).content().quote().excerpt().empty());
    }

    void inAGroupOnlyWhatTheSenderCanRead()
    {
        RawUser owner = person();
        RawUser early = person();
        RawUser late = person();
        QVERIFY(social::befriend(*owner.link, *early.link, early.id()));
        QVERIFY(social::befriend(*owner.link, *late.link, late.id()));
        const v1::Result created = social::createGroup(*owner.link, u"hiking"_s, {early.id()});
        QCOMPARE(created.code(), v1::ERR_NONE);
        const QString gid = QString::fromStdString(created.group().group_id());
        const v1::Result before = say(owner, v1::CONVERSATION_GROUP, gid, "before you came");
        QCOMPARE(before.code(), v1::ERR_NONE);
        QCOMPARE(social::groupMembers(*owner.link, SubSignal::GAM, gid, {late.id()}).code(), v1::ERR_NONE);
        const v1::Result after = say(owner, v1::CONVERSATION_GROUP, gid, "welcome");

        QCOMPARE(reply(early, v1::CONVERSATION_GROUP, gid, "I was there", before.sent().message_uid()).code(),
                 v1::ERR_NONE);
        // An edit of it reaches those who may read it, not the member who joined after it.
        QCOMPARE(edit(owner, before.sent().message_uid(), "before you came, we planned").code(), v1::ERR_NONE);
        QVERIFY(early.link->waitForItem([](const v1::InboxItem &i) { return i.has_edit(); }));
        v1::PullRequest pull;
        pull.set_limit(200);
        const v1::PullResult pulledByLate = social::call(*late.link, SubSignal::MP, pull).pulled();
        for (const v1::InboxItem &i : pulledByLate.items())
            QVERIFY(!i.has_edit());
        QCOMPARE(reply(late, v1::CONVERSATION_GROUP, gid, "what was it?", before.sent().message_uid()).code(),
                 v1::ERR_NOT_FOUND);
        const v1::Result thanks = reply(late, v1::CONVERSATION_GROUP, gid, "thanks", after.sent().message_uid());
        QCOMPARE(thanks.code(), v1::ERR_NONE);
        const auto got = early.link->waitForItem([&](const v1::InboxItem &i) {
            return i.has_message() && i.message().message_uid() == thanks.sent().message_uid();
        });
        QVERIFY(got);
        QCOMPARE(got->message().content().quote().excerpt(), std::string("welcome"));
        QCOMPARE(QString::fromStdString(got->message().content().quote().from()), owner.id());

        // The group's first message is the notice that created it: notices are not replied to.
        const v1::HistoryResult history = social::history(*owner.link, v1::CONVERSATION_GROUP, gid);
        QCOMPARE(history.messages(0).content().type(), int(v1::CONTENT_NOTICE_GROUP_CREATED));
        QCOMPARE(reply(early, v1::CONVERSATION_GROUP, gid, "?", history.messages(0).message_uid()).code(),
                 v1::ERR_MALFORMED_REQUEST);
    }

    void theSenderEditsInTimeAndEveryoneSeesTheNewText()
    {
        RawUser alice = person();
        RawUser bob = person();
        RawUser carol = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        const v1::Result sent = say(alice, v1::CONVERSATION_PRIVATE, bob.id(), "meet at 6");
        const qint64 uid = sent.sent().message_uid();
        QCOMPARE(edit(bob, uid, "meet at 9").code(), v1::ERR_PERMISSION_DENIED); // not his
        QCOMPARE(edit(carol, uid, "meet at 9").code(), v1::ERR_NOT_FOUND);       // not even visible
        QCOMPARE(edit(alice, uid, "   ").code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(edit(alice, uid, std::string(limits::kMaxTextBytes + 1, 'x')).code(), v1::ERR_TOO_LARGE);

        const v1::Result edited = edit(alice, uid, "meet at 7");
        QCOMPARE(edited.code(), v1::ERR_NONE);
        QCOMPARE(edited.edited().message_uid(), uid);
        QCOMPARE(edited.edited().conversation_seq(), sent.sent().conversation_seq());
        QVERIFY(edited.edited().edited_at() >= sent.sent().timestamp());
        const auto item = bob.link->waitForItem([](const v1::InboxItem &i) { return i.has_edit(); });
        QVERIFY(item);
        QCOMPARE(item->edit().message_uid(), uid);
        QCOMPARE(item->edit().text(), std::string("meet at 7"));
        QCOMPARE(QString::fromStdString(item->edit().target()), alice.id()); // as Bob sees the chat
        QCOMPARE(item->edit().edited_at(), edited.edited().edited_at());

        // History and a fresh pull serve the new text only, marked edited.
        const v1::HistoryResult history = social::history(*bob.link, v1::CONVERSATION_PRIVATE, alice.id());
        QCOMPARE(history.messages(0).content().searchable_content(), std::string("meet at 7"));
        QCOMPARE(history.messages(0).edited_at(), edited.edited().edited_at());
        v1::PullRequest pull;
        pull.set_limit(100);
        const v1::PullResult pulled = social::call(*bob.link, SubSignal::MP, pull).pulled();
        for (const v1::InboxItem &i : pulled.items()) {
            if (i.has_message())
                QVERIFY(i.message().content().searchable_content() != "meet at 6");
        }

        // The same text again: the same answer, nothing new for anyone.
        const v1::Result again = edit(alice, uid, "meet at 7");
        QCOMPARE(again.code(), v1::ERR_NONE);
        QCOMPARE(again.edited().edited_at(), edited.edited().edited_at());
        QCOMPARE(social::call(*bob.link, SubSignal::MP, pull).pulled().head_seq(), pulled.head_seq());

        // Blocked by Bob, Alice's edits reach him no more.
        v1::BlockRequest block;
        block.set_user_id(alice.id().toStdString());
        block.set_blocked(true);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);
        QCOMPARE(edit(alice, uid, "meet at 8").code(), v1::ERR_REFUSED);
        block.set_blocked(false);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);

        // Recalled, it cannot be edited, and the edit items still in inboxes keep none of its text.
        v1::RecallRequest recall;
        recall.set_message_uid(uid);
        QCOMPARE(social::call(*alice.link, SubSignal::MR, recall).code(), v1::ERR_NONE);
        QCOMPARE(edit(alice, uid, "meet at 8").code(), v1::ERR_NOT_FOUND);
        int edits = 0;
        const v1::PullResult pulledByBob = social::call(*bob.link, SubSignal::MP, pull).pulled();
        for (const v1::InboxItem &i : pulledByBob.items()) {
            if (i.has_edit() && i.edit().message_uid() == uid) {
                ++edits;
                QVERIFY(i.edit().text().empty());
            }
        }
        QCOMPARE(edits, 1);
    }

    void onlyTextAndOnlyInTime()
    {
        // With editing switched off on a server (--edit-limit 0) every edit is too late.
        ParleydProcess strict(social::strictServerArguments({u"--edit-limit"_s, u"0"_s}));
        QVERIFY(strict.start());
        {
            RawUser alice = rawUser(strict, nextPhone());
            RawUser bob = rawUser(strict, nextPhone());
            QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
            const v1::Result sent = say(alice, v1::CONVERSATION_PRIVATE, bob.id(), "final");
            QCOMPARE(edit(alice, sent.sent().message_uid(), "not final").code(), v1::ERR_TOO_LATE);
        }
        QCOMPARE(strict.stop(), 0);
        // A group notice is not a text of mine: the group's creator cannot edit it.
        RawUser owner = person();
        RawUser member = person();
        QVERIFY(social::befriend(*owner.link, *member.link, member.id()));
        const v1::Result created = social::createGroup(*owner.link, u"g"_s, {member.id()});
        const QString gid = QString::fromStdString(created.group().group_id());
        const v1::HistoryResult history = social::history(*owner.link, v1::CONVERSATION_GROUP, gid);
        QCOMPARE(edit(owner, history.messages(0).message_uid(), "rewritten").code(), v1::ERR_MALFORMED_REQUEST);
    }
};

QTEST_GUILESS_MAIN(TestRepliesAndEdits)
#include "tst_repliesandedits.moc"
