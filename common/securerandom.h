#pragma once

#include <QByteArray>

namespace parley {

// `count` bytes from the operating system's cryptographic random source (QRandomGenerator::system()).
QByteArray secureRandomBytes(int count);

} // namespace parley
