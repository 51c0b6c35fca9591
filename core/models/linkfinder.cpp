#include "core/models/linkfinder.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace parley {

namespace {

// The ASCII characters an address may hold (RFC 3986's, without the quote marks and angle brackets that
// usually surround one in text).
const QRegularExpression &webPattern()
{
    static const QRegularExpression pattern(
        uR"((?<![A-Za-z0-9@._-])(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

const QRegularExpression &mailPattern()
{
    static const QRegularExpression pattern(
        uR"((?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-]))"_s);
    return pattern;
}

} // namespace

qsizetype LinkFinder::trimmedEnd(const QString &text, qsizetype start, qsizetype end)
{
    while (end > start) {
        const QChar last = text.at(end - 1);
        if (u".,;:!?'*"_s.contains(last)) {
            --end;
            continue;
        }
        // A closing bracket is the address's only when the address opened one.
        const auto closes = [&](QChar open, QChar close) {
            const QStringView inside = QStringView(text).mid(start, end - start);
            return last == close && inside.count(open) < inside.count(close);
        };
        if (closes(u'(', u')') || closes(u'[', u']')) {
            --end;
            continue;
        }
        break;
    }
    return end;
}

QList<LinkFinder::Link> LinkFinder::find(const QString &text)
{
    QList<Link> links;
    // Cheap refusals first: most messages hold no address at all.
    const bool web = text.contains(u"://"_s) || text.contains(u"www."_s, Qt::CaseInsensitive);
    const bool mail = text.contains(u'@');
    if (!web && !mail)
        return links;
    if (web) {
        for (auto it = webPattern().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const qsizetype start = m.capturedStart();
            const qsizetype end = trimmedEnd(text, start, m.capturedEnd());
            QString address = text.mid(start, end - start);
            if (address.startsWith(u"www."_s, Qt::CaseInsensitive))
                address.prepend(u"https://"_s);
            const QUrl url(address, QUrl::TolerantMode);
            if (url.isValid() && !url.host().isEmpty())
                links.append({start, end - start, url});
        }
    }
    if (mail) {
        for (auto it = mailPattern().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const qsizetype start = m.capturedStart(), end = m.capturedEnd();
            // Inside a web address ("https://user@example.com/") it is that address's.
            const bool inside = std::any_of(links.cbegin(), links.cend(),
                                            [&](const Link &l) { return start < l.start + l.length && l.start < end; });
            if (!inside)
                links.append({start, end - start, QUrl(u"mailto:"_s + m.captured())});
        }
        std::sort(links.begin(), links.end(), [](const Link &a, const Link &b) { return a.start < b.start; });
    }
    return links;
}

} // namespace parley
