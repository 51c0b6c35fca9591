#pragma once

#include "protocol/error.h"

#include <QCoreApplication>
#include <QString>

namespace parley {

// What went wrong, in words for people (translated). Error codes are for code; this is for the window.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(parley::ErrorText)

public:
    static QString of(const Error &error);
};

inline QString errorText(const Error &error)
{
    return ErrorText::of(error);
}

} // namespace parley
