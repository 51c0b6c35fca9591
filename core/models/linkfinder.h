#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace parley {

// Finds what can be opened in a message's text: web addresses (http://, https://, or starting with "www.")
// and e-mail addresses (opened as mailto:). An address ends at a space, at a character outside ASCII (so
// "看https://example.com/a这个" links only the address), and before trailing punctuation that is the
// sentence's, not the address's (a closing bracket is kept when the address opened one). Any thread.
class LinkFinder {
public:
    struct Link {
        qsizetype start = 0; // in UTF-16 code units, as QString counts
        qsizetype length = 0;
        QUrl url;
    };

    static QList<Link> find(const QString &text);

private:
    static qsizetype trimmedEnd(const QString &text, qsizetype start, qsizetype end);
};

} // namespace parley
