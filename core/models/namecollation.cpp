#include "core/models/namecollation.h"

#include <array>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

// The first character, in pinyin order, of each initial letter: a name that sorts at or after one of them
// and before the next starts with that letter. (No Chinese reading starts with I, U or V.)
constexpr std::array<std::pair<char16_t, char>, 23> kPinyinBoundaries{{
    {u'阿', 'A'}, {u'八', 'B'}, {u'嚓', 'C'}, {u'哒', 'D'}, {u'妸', 'E'}, {u'发', 'F'}, {u'旮', 'G'}, {u'哈', 'H'},
    {u'讥', 'J'}, {u'咔', 'K'}, {u'垃', 'L'}, {u'痳', 'M'}, {u'拏', 'N'}, {u'噢', 'O'}, {u'妑', 'P'}, {u'七', 'Q'},
    {u'呥', 'R'}, {u'扨', 'S'}, {u'它', 'T'}, {u'穵', 'W'}, {u'夕', 'X'}, {u'丫', 'Y'}, {u'帀', 'Z'},
}};

} // namespace

NameCollation::NameCollation() : m_collator(QLocale(QLocale::Chinese, QLocale::China))
{
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_collator.setNumericMode(true);
}

QString NameCollation::indexLetter(const QString &name) const
{
    if (name.isEmpty())
        return u"#"_s;
    const QChar first = name.front();
    if (first.isLetter() && first.unicode() < 0x80)
        return QString(first.toUpper());
    if (first.script() != QChar::Script_Han)
        return u"#"_s;
    char letter = '#';
    for (const auto &[boundary, initial] : kPinyinBoundaries) {
        if (m_collator.compare(QString(QChar(boundary)), QString(first)) > 0)
            break;
        letter = initial;
    }
    return letter == '#' ? u"#"_s : QString(QLatin1Char(letter));
}

} // namespace parley
