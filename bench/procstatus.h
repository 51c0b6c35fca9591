#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <unistd.h>

#include <algorithm>

// A field of /proc/PID/status in KB ("VmRSS:", "VmHWM:"), 0 if unknown. `pid` "self" is this process.
inline qint64 procStatusKb(const QString &pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

inline double selfResidentMb()
{
    return double(procStatusKb(QStringLiteral("self"), "VmRSS:")) / 1024.0;
}

// The CPU time a process has used, user and system, in microseconds (/proc/PID/stat, clock ticks); -1 if
// unknown.
inline qint64 procCpuUs(const QString &pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // After "pid (comm) ": state is field 3, utime 14, stime 15; comm may hold spaces, so count from ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    constexpr int kUtime = 14 - 3;
    if (fields.size() <= kUtime + 1)
        return -1;
    const qint64 ticks = fields[kUtime].toLongLong() + fields[kUtime + 1].toLongLong();
    return ticks * 1000000 / sysconf(_SC_CLK_TCK);
}

// The CPU time, user and system, in microseconds, of every process whose name (/proc/PID/comm) is one of
// `names` (comma-separated): a database server's processes, counted with the server that uses them. Processes
// that ended are not counted.
inline qint64 processesCpuUs(const QByteArray &names)
{
    const QList<QByteArray> wanted = names.split(',');
    qint64 total = 0;
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!pid.front().isDigit())
            continue;
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (comm.open(QIODevice::ReadOnly) && wanted.contains(comm.readAll().trimmed()))
            total += std::max<qint64>(0, procCpuUs(pid));
    }
    return total;
}
