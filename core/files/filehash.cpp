#include "core/files/filehash.h"

#include "common/sha256.h"

#include <QFile>

#include <algorithm>

namespace parley {

using namespace Qt::StringLiterals;

Result<QByteArray> sha256OfFile(const QString &path, const std::atomic_bool *stop)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    Sha256 hash;
    for (qint64 left = file.size(); left > 0; left -= Sha256::kReadBlockBytes) {
        if (stop && stop->load(std::memory_order_relaxed))
            return Error(ErrorCode::Cancelled, u"stopped"_s);
        if (!hash.addFrom(file, std::min(Sha256::kReadBlockBytes, left)))
            return Error(ErrorCode::FileUnreadable, u"cannot read the file"_s);
    }
    return hash.result();
}

} // namespace parley
