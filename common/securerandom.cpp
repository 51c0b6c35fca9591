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

QString secureRandomId(int length)
{
    static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 characters
    static_assert(sizeof kAlphabet - 1 == 32);
    const QByteArray random = secureRandomBytes(length);
    QString id;
    id.reserve(length);
    for (const char byte : random)
        id.append(QLatin1Char(kAlphabet[uchar(byte) % 32]));
    return id;
}

} // namespace parley
