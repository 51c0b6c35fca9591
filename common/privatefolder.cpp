#include "common/privatefolder.h"

#include <QDir>
#include <QFile>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace parley {

using namespace Qt::StringLiterals;

Result<PrivateFolder::Outcome> PrivateFolder::make(const QString &path)
{
    if (!QDir().mkpath(path))
        return Error(ErrorCode::StorageFailure, u"cannot create the folder %1"_s.arg(path));
#ifdef Q_OS_WIN
    return Outcome::AlreadyPrivate;
#else
    constexpr mode_t kGroupAndOthers = S_IRWXG | S_IRWXO;
    const QByteArray name = QFile::encodeName(path);
    struct stat status {};
    if (::stat(name.constData(), &status) != 0)
        return Error(ErrorCode::StorageFailure, u"cannot read the mode of the folder %1"_s.arg(path));
    if ((status.st_mode & kGroupAndOthers) == 0)
        return Outcome::AlreadyPrivate;
    if (status.st_uid != ::geteuid() || (status.st_mode & S_ISVTX))
        return Outcome::LeftShared;
    if (::chmod(name.constData(), status.st_mode & 07777 & ~kGroupAndOthers) != 0)
        return Error(ErrorCode::StorageFailure, u"cannot close the folder %1 to other users"_s.arg(path));
    return Outcome::MadePrivate;
#endif
}

Result<Done> PrivateFolder::makeAndSay(const QString &path, const char *what, const QLoggingCategory &category)
{
    const Result<Outcome> made = make(path);
    if (!made)
        return made.error();
    if (*made == Outcome::MadePrivate)
        qCWarning(category).noquote() << what << path << "was open to other users; now it is not";
    else if (*made == Outcome::LeftShared)
        qCWarning(category).noquote() << what << path << "is open to other users and not ours to close";
    return Done{};
}

} // namespace parley
