#pragma once

#include <QByteArray>
#include <QString>

namespace parley {

// `count` bytes from the operating system's cryptographic random source (QRandomGenerator::system()).
QByteArray secureRandomBytes(int count);

// A public identifier of `length` characters from an alphabet people can read aloud (no l, o, 0, 1).
QString secureRandomId(int length);

} // namespace parley
