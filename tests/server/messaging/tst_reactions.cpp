// Reactions over the raw protocol against a real parleyd (MRE): a member of a conversation reacts with one of
// a few emoji, one reaction per user and message (a new one replaces it, an empty one takes it back); every
// participant gets the message's reactions as a whole, history and pulls carry them, and a repeat changes
// nothing. Outsiders, members who joined a group after the message, recalled messages, notices and other
// emoji are refused.

#include "parley.pb.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

// "👍:alice,bob ❤️:carol" for comparing.
QString describe(const google::protobuf::RepeatedPtrField<v1::Reaction> &reactions,
                 const QHash<QString, QString> &names)
{
    QStringList out;
    for (const v1::Reaction &r : reactions) {
        QStringList users;
        for (const std::string &u : r.users())
            users.append(names.value(QString::fromStdString(u)));
        out.append(QString::fromStdString(r.emoji()) + u':' + users.join(u','));
    }
    return out.join(u' ');
}

} // namespace

class TestReactions : public ParleydTestCase {
    Q_OBJECT

public:
    TestReactions() : ParleydTestCase(social::strictServerArguments()) {}

private:
    quint32 m_uuid = 0;

    static v1::Result react(RawUser &who, qint64 uid, const std::string &emoji)
    {
        return social::react(*who.link, uid, emoji);
    }

    v1::Result say(RawUser &from, v1::ConversationType type, const QString &target, const std::string &text)
    {
        return social::call(*from.link, SubSignal::MS, social::text(type, target, text, ++m_uuid));
    }

private Q_SLOTS:
    void oneReactionEachAndEveryoneSeesThemAll()
    {
        RawUser alice = person();
        RawUser bob = person();
        RawUser carol = person();
        const QHash<QString, QString> names{{alice.id(), u"alice"_s}, {bob.id(), u"bob"_s}};
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        const v1::Result sent = say(alice, v1::CONVERSATION_PRIVATE, bob.id(), "the tickets are booked");
        const qint64 uid = sent.sent().message_uid();

        v1::Result r = react(bob, uid, "👍");
        QCOMPARE(r.code(), v1::ERR_NONE);
        QCOMPARE(describe(r.reacted().reactions(), names), u"👍:bob"_s);
        const auto item = alice.link->waitForItem([](const v1::InboxItem &i) { return i.has_reaction(); });
        QVERIFY(item);
        QCOMPARE(item->reaction().message_uid(), uid);
        QCOMPARE(QString::fromStdString(item->reaction().target()), bob.id()); // as Alice sees the chat
        QCOMPARE(describe(item->reaction().reactions(), names), u"👍:bob"_s);

        // A new one replaces Bob's; Alice adds hers; Bob takes his back.
        QCOMPARE(describe(react(bob, uid, "❤️").reacted().reactions(), names), u"❤️:bob"_s);
        QCOMPARE(describe(react(alice, uid, "❤️").reacted().reactions(), names), u"❤️:bob,alice"_s);
        QCOMPARE(describe(react(bob, uid, "❤️").reacted().reactions(), names),
                 u"❤️:bob,alice"_s); // his already
        QCOMPARE(describe(react(alice, uid, "😂").reacted().reactions(), names), u"❤️:bob 😂:alice"_s);
        QCOMPARE(describe(react(bob, uid, "").reacted().reactions(), names), u"😂:alice"_s);

        // History carries them; a repeat answers the same and adds nothing to anyone's inbox.
        const v1::HistoryResult history = social::history(*bob.link, v1::CONVERSATION_PRIVATE, alice.id());
        QCOMPARE(describe(history.messages(0).reactions(), names), u"😂:alice"_s);
        v1::PullRequest pull;
        pull.set_limit(100);
        const quint64 head = social::call(*bob.link, SubSignal::MP, pull).pulled().head_seq();
        QCOMPARE(describe(react(alice, uid, "😂").reacted().reactions(), names), u"😂:alice"_s);
        QCOMPARE(social::call(*bob.link, SubSignal::MP, pull).pulled().head_seq(), head);

        QCOMPARE(react(bob, uid, "🐍").code(), v1::ERR_MALFORMED_REQUEST); // not one of the reactions
        QCOMPARE(react(carol, uid, "👍").code(), v1::ERR_NOT_FOUND);       // not her conversation
        QCOMPARE(react(carol, 987654321, "👍").code(), v1::ERR_NOT_FOUND);
        // Blocked by Bob, Alice's reactions reach him no more.
        v1::BlockRequest block;
        block.set_user_id(alice.id().toStdString());
        block.set_blocked(true);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);
        QCOMPARE(react(alice, uid, "👍").code(), v1::ERR_REFUSED);
        block.set_blocked(false);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);
        v1::RecallRequest recall;
        recall.set_message_uid(uid);
        QCOMPARE(social::call(*alice.link, SubSignal::MR, recall).code(), v1::ERR_NONE);
        QCOMPARE(react(bob, uid, "👍").code(), v1::ERR_NOT_FOUND);
    }

    void inAGroupOnlyWhatTheMemberCanRead()
    {
        RawUser owner = person();
        RawUser early = person();
        RawUser late = person();
        QVERIFY(social::befriend(*owner.link, *early.link, early.id()));
        QVERIFY(social::befriend(*owner.link, *late.link, late.id()));
        const v1::Result created = social::createGroup(*owner.link, u"hiking"_s, {early.id()});
        const QString gid = QString::fromStdString(created.group().group_id());
        const v1::Result before = say(owner, v1::CONVERSATION_GROUP, gid, "before you came");
        QCOMPARE(social::groupMembers(*owner.link, SubSignal::GAM, gid, {late.id()}).code(), v1::ERR_NONE);
        const v1::Result after = say(owner, v1::CONVERSATION_GROUP, gid, "welcome");

        QCOMPARE(react(early, before.sent().message_uid(), "👍").code(), v1::ERR_NONE);
        QCOMPARE(react(late, before.sent().message_uid(), "👍").code(), v1::ERR_NOT_FOUND);
        // Nor does the late member hear of reactions to it.
        v1::PullRequest pull;
        pull.set_limit(200);
        const v1::PullResult pulledByLate = social::call(*late.link, SubSignal::MP, pull).pulled();
        for (const v1::InboxItem &i : pulledByLate.items())
            QVERIFY(!i.has_reaction() || i.reaction().message_uid() != before.sent().message_uid());
        QCOMPARE(react(late, after.sent().message_uid(), "🙏").code(), v1::ERR_NONE);
        // Every member hears of it, the reacting one's other devices too (the owner has this one).
        const auto item = owner.link->waitForItem([&](const v1::InboxItem &i) {
            return i.has_reaction() && i.reaction().message_uid() == after.sent().message_uid();
        });
        QVERIFY(item);
        QCOMPARE(QString::fromStdString(item->reaction().target()), gid);
        const v1::HistoryResult history = social::history(*owner.link, v1::CONVERSATION_GROUP, gid);
        QCOMPARE(react(early, history.messages(0).message_uid(), "👍").code(), v1::ERR_MALFORMED_REQUEST); // a notice
    }
};

QTEST_GUILESS_MAIN(TestReactions)
#include "tst_reactions.moc"
