#pragma once

#include "protocol/error.h"
#include "protocol/limits.h"

#include <QString>
#include <QStringView>

#include <algorithm>
#include <optional>

namespace parley::limits {

// What a one-line name may not contain, on both sides: a nickname, a remark, a group name, a greeting, a signature,
// a file name, a chat history's title. parleyd refuses such a name (ERR_MALFORMED_REQUEST); the client cleans the
// names it makes itself (a file's, from the disk) with cleanName().
//
// Refused: control characters (line breaks and tabs included, C0 and C1), the Unicode line and paragraph separators,
// and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name read as
// something it is not: "invoice<U+202E>fdp.exe" shows as "invoiceexe.pdf". The marks U+200E and U+200F stay allowed:
// they only help mixed-direction text read as written. All of these are in the Basic Multilingual Plane, so looking at
// UTF-16 units one by one is enough.
inline bool isUnwantedInName(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029 || (u >= 0x202a && u <= 0x202e) ||
           (u >= 0x2066 && u <= 0x2069);
}

inline bool isCleanName(QStringView text)
{
    return std::none_of(text.begin(), text.end(), isUnwantedInName);
}

// parleyd's refusal of an unclean name; `what` names it ("a nickname").
inline std::optional<Error> uncleanNameError(QStringView text, const QString &what)
{
    if (isCleanName(text))
        return std::nullopt;
    return Error(ErrorCode::MalformedRequest,
                 what + QStringLiteral(" cannot contain line breaks, control characters or direction overrides"));
}

// parleyd's refusal of a name longer than `maxCharacters` (ERR_TOO_LARGE) or not clean (ERR_MALFORMED_REQUEST).
inline std::optional<Error> nameError(QStringView text, int maxCharacters, const QString &what)
{
    if (characters(text) > maxCharacters)
        return Error(ErrorCode::TooLarge, QStringLiteral("%1 has at most %2 characters").arg(what).arg(maxCharacters));
    return uncleanNameError(text, what);
}

// A media type as RFC 6838 writes one, "type/subtype" of letters, digits and !#$&^_.+-, without parameters: what a
// file's type may be (parleyd refuses others, so none can carry a line break into an HTTP header).
inline bool isMimeType(QStringView text)
{
    const auto restricted = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               QStringView(u"!#$&^_.+-").contains(c);
    };
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0 || slash == text.size() - 1)
        return false;
    const QStringView type = text.first(slash), subtype = text.sliced(slash + 1);
    return std::all_of(type.begin(), type.end(), restricted) && std::all_of(subtype.begin(), subtype.end(), restricted);
}

// `text` itself when it is clean; otherwise with each unwanted character as a space, trimmed, runs of spaces one.
inline QString cleanName(QStringView text)
{
    QString cleaned = text.toString();
    if (isCleanName(text))
        return cleaned;
    std::replace_if(cleaned.begin(), cleaned.end(), isUnwantedInName, QChar(u' '));
    return cleaned.simplified();
}

// A name parleyd takes, made of `text` (a file's name on the disk, a host name): cleanName(), then its first
// `maxCharacters` characters.
inline QString fittedName(QStringView text, qsizetype maxCharacters)
{
    return leftCharacters(cleanName(text), maxCharacters).toString();
}

} // namespace parley::limits
