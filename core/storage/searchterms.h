#pragma once

#include <QString>

#include <optional>

namespace parley {

// The words a message is found by in the local search index (SQLite FTS5, unicode61 tokenizer). Latin
// text stays words; Chinese, Japanese and Korean text, which has no spaces between words, becomes each
// character and each pair of neighbouring characters, so a search for "爬山" finds "周末去爬山吧".
class SearchTerms {
public:
    // What to index for a message's text.
    static QString of(const QString &text);
    // The FTS5 query for what the user typed (every term must match; the last Latin word, perhaps still being
    // typed, by prefix), or nothing if there is nothing to search for.
    static std::optional<QString> query(const QString &typed);

private:
    static bool isCjk(QChar c);
};

} // namespace parley
