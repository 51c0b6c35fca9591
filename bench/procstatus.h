#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

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
