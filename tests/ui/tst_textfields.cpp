// The fields people type names and codes in keep what parleyd takes: a name's limit counts characters as parleyd
// does (an emoji is one, though it is two UTF-16 units), and a code field takes six digits and nothing else.

#include "protocol/limits.h"
#include "protocol/textrules.h"
#include "ui/codefield.h"
#include "ui/namevalidator.h"

#include <QLineEdit>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

class TestTextFields : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aNameHoldsItsLimitInCharacters()
    {
        // insert() is what typing and pasting do: the validator sees each edit.
        QLineEdit nickname;
        NameValidator::apply(&nickname, limits::kMaxNickname);
        const QString mountain = u"🏔"_s;
        for (int i = 0; i < limits::kMaxNickname - 1; ++i)
            nickname.insert(mountain);
        nickname.insert(u"x"_s);
        QCOMPARE(limits::characters(nickname.text()), limits::kMaxNickname); // 31 emoji and an x: 63 units
        nickname.insert(u"y"_s);
        nickname.insert(mountain);
        QCOMPARE(nickname.text(), mountain.repeated(limits::kMaxNickname - 1) + u"x"_s); // nothing past the limit
        QTest::keyClick(&nickname, Qt::Key_Backspace);
        nickname.insert(mountain);
        QCOMPARE(nickname.text(), mountain.repeated(limits::kMaxNickname));

        QLineEdit remark; // a paste that is too long is refused whole (setMaxLength would cut it)
        NameValidator::apply(&remark, limits::kMaxRemark);
        remark.insert(QString(limits::kMaxRemark + 1, u'r'));
        QCOMPARE(remark.text(), QString());
        remark.insert(QString(limits::kMaxRemark, u'r'));
        QCOMPARE(remark.text().size(), limits::kMaxRemark);
    }

    void aNameIsOneCleanLine()
    {
        // What parleyd refuses in a name never gets into the field: a paste loses its direction overrides and
        // control characters, and its line breaks become spaces.
        QLineEdit group;
        NameValidator::apply(&group, limits::kDefaultMaxGroupName);
        group.insert(u"Bob\u202Enimda"_s);
        QCOMPARE(group.text(), u"Bobnimda"_s);
        group.insert(u"\nand\tco\u0007"_s);
        QCOMPARE(group.text(), u"Bobnimda and co"_s);
        QCOMPARE(group.cursorPosition(), group.text().size());
        QVERIFY(limits::isCleanName(group.text()));
        group.setCursorPosition(3);
        group.insert(u"\u2066 "_s);
        QCOMPARE(group.text(), u"Bob nimda and co"_s);
        QCOMPARE(group.cursorPosition(), 4);
    }

    void aCodeFieldTakesSixDigits()
    {
        CodeField code;
        QVERIFY(!code.isComplete());
        QTest::keyClicks(&code, u"12a3-45"_s);
        QCOMPARE(code.text(), u"12345"_s);
        QVERIFY(!code.isComplete());
        QTest::keyClicks(&code, u"678"_s);
        QCOMPARE(code.text(), u"123456"_s);
        QVERIFY(code.isComplete());
    }
};

QTEST_MAIN(TestTextFields)
#include "tst_textfields.moc"
