#pragma once

#include "bench/procstatus.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

// The table of the idle-connection programs: at every `kStep` connections (and the last), wall ms and server
// CPU ms per connection since the previous line, and server KB per connection so far (RSS over what it had
// before the first).
class ConnectCheckpoints {
public:
    static constexpr int kStep = 5000;

    ConnectCheckpoints(qint64 serverPid, int total) : m_pid(QString::number(serverPid)), m_total(total) {}

    void start()
    {
        m_clock.start();
        m_rssBeforeKb = procStatusKb(m_pid, "VmRSS:");
        m_lastCpuUs = procCpuUs(m_pid);
        printf("  server memory before: %.1f MB\n", double(m_rssBeforeKb) / 1024);
        printf("  %11s %14s %14s %12s\n", "connections", "wall ms/conn", "cpu ms/conn", "KB/conn");
    }

    // After each connection; prints a line at a checkpoint.
    void connected(int count)
    {
        if (count % kStep != 0 && count != m_total)
            return;
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 cpuUs = procCpuUs(m_pid);
        const int since = count - m_last;
        printf("  %11d %14.3f %14.3f %12.1f\n", count, double(now - m_lastNs) / 1e6 / since,
               double(cpuUs - m_lastCpuUs) / 1e3 / since,
               double(procStatusKb(m_pid, "VmRSS:") - m_rssBeforeKb) / count);
        fflush(stdout);
        m_last = count;
        m_lastNs = now;
        m_lastCpuUs = cpuUs;
    }

private:
    QString m_pid;
    int m_total;
    QElapsedTimer m_clock;
    qint64 m_rssBeforeKb = 0;
    int m_last = 0;
    qint64 m_lastNs = 0;
    qint64 m_lastCpuUs = 0;
};
