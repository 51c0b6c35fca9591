#include "core/files/filehash.h"

#include "common/sha256.h"

#include <QFile>

namespace parley {

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kReadBlockBytes = 1 << 20;
}

Result<QByteArray> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    Sha256 hash;
    QByteArray block(kReadBlockBytes, Qt::Uninitialized);
    while (!file.atEnd()) {
        const qint64 read = file.read(block.data(), block.size());
        if (read < 0)
            return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
        hash.add(QByteArrayView(block.constData(), read));
    }
    return hash.result();
}

} // namespace parley
