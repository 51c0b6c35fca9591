#include "common/privatefolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr QFile::Permissions kOthers =
    QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
constexpr QFile::Permissions kOwner =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadUser | QFile::WriteUser | QFile::ExeUser;

} // namespace

Result<PrivateFolder::Outcome> PrivateFolder::make(const QString &path)
{
    if (!QDir().mkpath(path))
        return Error(ErrorCode::StorageFailure, u"cannot create the folder %1"_s.arg(path));
#ifdef Q_OS_WIN
    return Outcome::AlreadyPrivate;
#else
    const QFile::Permissions now = QFileInfo(path).permissions();
    if (!(now & kOthers))
        return Outcome::AlreadyPrivate;
    if (!QFile::setPermissions(path, kOwner) || (QFileInfo(path).permissions() & kOthers))
        return Error(ErrorCode::StorageFailure, u"others can read the folder %1, and it cannot be changed"_s.arg(path));
    return Outcome::MadePrivate;
#endif
}

} // namespace parley
