#include "bench/benchrun.h"

#include <cstdio>
#include <utility>

void BenchRun::fail(const QString &why)
{
    if (std::exchange(m_done, true))
        return;
    std::fprintf(stderr, "parley-bench: %s\n", qPrintable(why));
    Q_EMIT finished(1);
}
