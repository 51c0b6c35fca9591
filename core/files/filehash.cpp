#include "core/files/filehash.h"

#include "common/sha256.h"

#include <QFile>

namespace parley {

using namespace Qt::StringLiterals;

Result<QByteArray> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    Sha256 hash;
    if (!hash.addFrom(file))
        return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    return hash.result();
}

} // namespace parley
