// Typing over the raw protocol against a real parleyd (MT → MTN): the notice reaches the peer and is not
// stored (the peer's inbox does not move); a stranger is refused (ERR_NOT_FRIENDS), and someone the peer
// blocked is answered as usual while the peer hears nothing.

#include "parley.pb.h"
#include "protocol/protobufbytes.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

v1::TypingRequest typing(const QString &target, v1::TypingActivity activity)
{
    v1::TypingRequest r;
    r.set_target(target.toStdString());
    r.set_activity(activity);
    return r;
}

} // namespace

class TestTyping : public ParleydTestCase {
    Q_OBJECT

public:
    TestTyping() : ParleydTestCase(social::strictServerArguments()) {}

private Q_SLOTS:
    void thePeerSeesItAndNothingIsKept()
    {
        RawUser alice = person();
        RawUser bob = person();
        RawUser carol = person();
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        v1::PullRequest pull;
        pull.set_limit(100);
        const quint64 bobsHead = social::call(*bob.link, SubSignal::MP, pull).pulled().head_seq();

        QCOMPARE(social::call(*alice.link, SubSignal::MT, typing(bob.id(), v1::TYPING_TEXT)).code(), v1::ERR_NONE);
        std::optional<v1::TypingNotice> seen = social::nextTyping(*bob.link);
        QVERIFY(seen);
        QCOMPARE(QString::fromStdString(seen->from()), alice.id());
        QCOMPARE(seen->activity(), v1::TYPING_TEXT);
        QCOMPARE(social::call(*alice.link, SubSignal::MT, typing(bob.id(), v1::TYPING_NONE)).code(), v1::ERR_NONE);
        seen = social::nextTyping(*bob.link);
        QVERIFY(seen);
        QCOMPARE(seen->activity(), v1::TYPING_NONE);
        QCOMPARE(social::call(*bob.link, SubSignal::MP, pull).pulled().head_seq(), bobsHead); // nothing stored

        QCOMPARE(social::call(*carol.link, SubSignal::MT, typing(bob.id(), v1::TYPING_TEXT)).code(),
                 v1::ERR_NOT_FRIENDS);
        QCOMPARE(social::call(*carol.link, SubSignal::MT, typing(u"nobody"_s, v1::TYPING_TEXT)).code(),
                 v1::ERR_NOT_FOUND);
        QCOMPARE(social::call(*carol.link, SubSignal::MT, typing({}, v1::TYPING_TEXT)).code(),
                 v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(social::call(*carol.link, SubSignal::MT, typing(bob.id(), v1::TypingActivity(9))).code(),
                 v1::ERR_MALFORMED_REQUEST);

        // Blocked: Alice is answered as before, Bob hears nothing — the next push he gets is a message.
        v1::BlockRequest block;
        block.set_user_id(alice.id().toStdString());
        block.set_blocked(true);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);
        QCOMPARE(social::call(*alice.link, SubSignal::MT, typing(bob.id(), v1::TYPING_VOICE)).code(), v1::ERR_NONE);
        block.set_blocked(false);
        QCOMPARE(social::call(*bob.link, SubSignal::BLK, block).code(), v1::ERR_NONE);
        QCOMPARE(social::call(*alice.link, SubSignal::MS, social::text(v1::CONVERSATION_PRIVATE, bob.id(), "hi", 1))
                     .code(),
                 v1::ERR_NONE);
        for (;;) {
            const std::optional<Frame> push = bob.link->waitFor(Signal::Push);
            QVERIFY(push);
            QVERIFY(push->subSignal != SubSignal::MTN);
            const v1::InboxItem item = fromBytes<v1::InboxItem>(push->payload).value_or(v1::InboxItem());
            if (item.has_message())
                break; // contacts changed by the block came first
        }
    }
};

QTEST_GUILESS_MAIN(TestTyping)
#include "tst_typing.moc"
