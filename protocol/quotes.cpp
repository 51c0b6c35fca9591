#include "protocol/quotes.h"

#include "protocol/contenttypes.h"
#include "protocol/limits.h"

#include <QString>

namespace parley::quotes {

namespace {

QString excerptOf(const QString &text)
{
    QString line = text.simplified(); // one line: the quote is a single row under the sender's name
    if (line.size() <= limits::kMaxQuoteExcerpt)
        return line;
    qsizetype end = limits::kMaxQuoteExcerpt;
    if (line.at(end - 1).isHighSurrogate()) // never half a character
        --end;
    return line.left(end);
}

} // namespace

void describe(const v1::MessageContent &original, v1::Quote &quote)
{
    quote.set_type(original.type());
    quote.clear_excerpt();
    if (original.type() == content::kRecalled)
        return;
    if (original.type() == content::kFile)
        quote.set_excerpt(excerptOf(QString::fromStdString(original.media().file_name())).toStdString());
    else if (!content::isMedia(original.type()))
        quote.set_excerpt(excerptOf(QString::fromStdString(original.searchable_content())).toStdString());
}

void markRecalled(v1::Quote &quote)
{
    quote.set_type(content::kRecalled);
    quote.clear_excerpt();
}

} // namespace parley::quotes
