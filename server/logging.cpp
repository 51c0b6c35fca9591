#include "server/logging.h"

#include <sys/stat.h>
#include <unistd.h>

namespace parley::server {

Q_LOGGING_CATEGORY(lcServer, "parleyd.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "parleyd.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "parleyd.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "parleyd.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMessaging, "parleyd.msg", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDevCodes, "parleyd.devcodes", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFiles, "parleyd.files", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "parleyd.admin", QtInfoMsg)

bool stderrIsJournal(const QByteArray &journalStream)
{
    const QList<QByteArray> parts = journalStream.split(':');
    if (parts.size() != 2)
        return false;
    bool deviceOk = false, inodeOk = false;
    const qulonglong device = parts[0].toULongLong(&deviceOk);
    const qulonglong inode = parts[1].toULongLong(&inodeOk);
    struct stat status {};
    return deviceOk && inodeOk && ::fstat(STDERR_FILENO, &status) == 0 && qulonglong(status.st_dev) == device &&
           qulonglong(status.st_ino) == inode;
}

void setUpLogging()
{
    if (stderrIsJournal(qgetenv("JOURNAL_STREAM")))
        qSetMessagePattern(QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                                          "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}%{category}: %{message}"));
    else
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
}

} // namespace parley::server
