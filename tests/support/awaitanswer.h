#pragma once

#include "core/api/answer.h"

#include <QTest>

// The answer to a request made through the client's API, once it is there: runs the event loop until it is
// (at most timeoutMs). A request left unanswered reads as ErrorCode::Timeout.
template <typename T>
parley::Result<T> awaitAnswer(const parley::Answer<T> &answer, int timeoutMs = 30000)
{
    if (!QTest::qWaitFor([&] { return answer.isReady(); }, timeoutMs))
        return parley::Error(parley::ErrorCode::Timeout, QStringLiteral("no answer in time"));
    return answer.result();
}
