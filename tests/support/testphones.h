#pragma once

#include <QString>

// A phone number that no user of this test program has had yet. Each test program runs its own parleyd, so
// the numbers only have to differ within one program.
inline QString nextPhone()
{
    static int counter = 0;
    return QStringLiteral("+86130%1").arg(++counter, 8, 10, QChar(u'0'));
}
