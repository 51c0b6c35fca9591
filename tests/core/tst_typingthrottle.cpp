// TypingThrottle: a new activity is told at once, the same one again only after kTypingRepeatMs, "stopped"
// once and only after something was said; each chat on its own.

#include "core/messaging/typingthrottle.h"
#include "protocol/limits.h"

#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestTypingThrottle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tellsAtOnceThenNowAndAgain()
    {
        TypingThrottle t;
        const ConversationKey bob = ConversationKey::withUser(u"bob"_s);
        const ConversationKey carol = ConversationKey::withUser(u"carol"_s);
        QCOMPARE(t.next(bob, TypingActivity::None, 0), std::nullopt); // nothing said: nothing to stop
        QCOMPARE(t.next(bob, TypingActivity::Text, 1000), TypingActivity::Text);
        QCOMPARE(t.next(bob, TypingActivity::Text, 1000 + limits::kTypingRepeatMs - 1), std::nullopt);
        QCOMPARE(t.next(carol, TypingActivity::Text, 1500), TypingActivity::Text); // another chat
        QCOMPARE(t.next(bob, TypingActivity::Text, 1000 + limits::kTypingRepeatMs), TypingActivity::Text);
        QCOMPARE(t.next(bob, TypingActivity::Voice, 4100), TypingActivity::Voice); // another activity: at once
        QCOMPARE(t.next(bob, TypingActivity::None, 4200), TypingActivity::None);
        QCOMPARE(t.next(bob, TypingActivity::None, 4300), std::nullopt); // once
        QCOMPARE(t.next(bob, TypingActivity::Text, 4400), TypingActivity::Text); // typing again: at once
    }
};

QTEST_GUILESS_MAIN(TestTypingThrottle)
#include "tst_typingthrottle.moc"
