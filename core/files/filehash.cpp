#include "core/files/filehash.h"

#include <QCryptographicHash>
#include <QFile>

namespace parley {

using namespace Qt::StringLiterals;

Result<QByteArray> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    return hash.result();
}

} // namespace parley
