#include "common/securerandom.h"

#include <QRandomGenerator>

#include <cstring>

namespace parley {

QByteArray secureRandomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    for (int offset = 0; offset < count; offset += int(sizeof(quint64))) {
        const quint64 word = QRandomGenerator::system()->generate64();
        memcpy(bytes.data() + offset, &word, std::min<size_t>(sizeof word, size_t(count - offset)));
    }
    return bytes;
}

} // namespace parley
