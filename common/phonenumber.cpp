#include "common/phonenumber.h"

namespace parley {

std::optional<QString> PhoneNumber::normalize(QStringView input)
{
    QString out;
    out.reserve(kMaxDigits + 1);
    bool seenPlus = false;
    for (const QChar c : input.trimmed()) {
        if (c == u'+' && !seenPlus && out.isEmpty()) {
            seenPlus = true;
            out.append(c);
        } else if (c >= u'0' && c <= u'9') {
            if (!seenPlus)
                return std::nullopt;
            out.append(c);
        } else if (c == u' ' || c == u'-' || c == u'.' || c == u'(' || c == u')') {
            continue;
        } else {
            return std::nullopt;
        }
    }
    const qsizetype digits = out.size() - 1;
    if (!seenPlus || digits < kMinDigits || digits > kMaxDigits || out.at(1) == u'0')
        return std::nullopt;
    return out;
}

} // namespace parley
