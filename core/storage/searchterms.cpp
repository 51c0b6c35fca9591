#include "core/storage/searchterms.h"

#include <QStringList>

namespace parley {

using namespace Qt::StringLiterals;

bool SearchTerms::isCjk(QChar c)
{
    switch (c.script()) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul: return true;
    default: return false;
    }
}

QString SearchTerms::of(const QString &text)
{
    QStringList terms;
    QString latin;
    QString run; // CJK characters in a row
    const auto flushRun = [&] {
        for (qsizetype i = 0; i < run.size(); ++i) {
            terms.append(run.mid(i, 1));
            if (i + 1 < run.size())
                terms.append(run.mid(i, 2));
        }
        run.clear();
    };
    for (const QChar c : text.toLower()) {
        if (isCjk(c)) {
            run.append(c);
            latin.append(u' ');
        } else {
            flushRun();
            latin.append(c);
        }
    }
    flushRun();
    return latin.simplified() + u' ' + terms.join(u' ');
}

std::optional<QString> SearchTerms::query(const QString &typed)
{
    QStringList parts;
    QString word;
    QString run;
    const auto flushWord = [&] {
        // Letters and digits only: the query language's own characters never reach FTS5.
        QString clean;
        for (const QChar c : std::as_const(word))
            if (c.isLetterOrNumber())
                clean.append(c);
        if (!clean.isEmpty())
            parts.append(u"\"%1\""_s.arg(clean)); // the last word becomes a prefix below
        word.clear();
    };
    const auto flushRun = [&] {
        if (run.size() == 1)
            parts.append(u"\"%1\""_s.arg(run));
        for (qsizetype i = 0; i + 1 < run.size(); ++i)
            parts.append(u"\"%1\""_s.arg(run.mid(i, 2)));
        run.clear();
    };
    for (const QChar c : typed.toLower()) {
        if (isCjk(c)) {
            flushWord();
            run.append(c);
        } else if (c.isLetterOrNumber()) {
            flushRun();
            word.append(c);
        } else {
            flushWord();
            flushRun();
        }
    }
    const bool endsInWord = !word.isEmpty();
    flushWord();
    flushRun();
    if (parts.isEmpty())
        return std::nullopt;
    // The word being typed may be unfinished: it matches by prefix; the words before it are whole.
    if (endsInWord)
        parts.last().append(u'*');
    return parts.join(u" AND "_s);
}

} // namespace parley
