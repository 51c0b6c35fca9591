#include "protocol/quotes.h"

#include "protocol/contenttypes.h"
#include "protocol/limits.h"

#include <QString>

namespace parley::quotes {

namespace {

QString excerptOf(const QString &text)
{
    const QString line = text.simplified(); // one line: the quote is a single row under the sender's name
    return limits::leftCharacters(line, limits::kMaxQuoteExcerpt).toString();
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
