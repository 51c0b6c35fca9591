#pragma once

#include <QString>

#include <optional>

namespace parley {

// Phone numbers in E.164 form: '+', a country code and subscriber number, 8 to 15 digits in all, no
// leading zero. normalize() accepts the spaces, dashes, dots and parentheses people type and returns
// "+8613800138000", or nothing if the result is not E.164.
class PhoneNumber {
public:
    static constexpr int kMinDigits = 8;
    static constexpr int kMaxDigits = 15;

    static std::optional<QString> normalize(QStringView input);
};

} // namespace parley
