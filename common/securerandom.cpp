#include "common/securerandom.h"

#include <QRandomGenerator>
#include <QtEndian>

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

QByteArray timeOrderedUuid(qint64 unixMs)
{
    static constexpr int kBytes = 16;    // a UUID's
    static constexpr int kTimeBytes = 6; // the low 48 bits of the milliseconds
    QByteArray uuid = secureRandomBytes(kBytes);
    const quint64 time = qToBigEndian(quint64(unixMs));
    memcpy(uuid.data(), reinterpret_cast<const char *>(&time) + sizeof time - kTimeBytes, kTimeBytes);
    uuid[6] = char(0x70 | (uchar(uuid[6]) & 0x0f)); // version 7
    uuid[8] = char(0x80 | (uchar(uuid[8]) & 0x3f)); // variant 10
    return uuid;
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
