#pragma once

#include <QByteArray>
#include <QString>

namespace parley {

// `count` bytes from the operating system's cryptographic random source (QRandomGenerator::system()).
QByteArray secureRandomBytes(int count);

// A UUID of version 7 (RFC 9562) as its 16 bytes: `unixMs` in the first six, big-endian, then 74 random bits.
// Keys drawn one after another sort by time, so an index on them grows at its end instead of touching a page
// anywhere in it for every insert (a message's idempotency key: parleyd indexes it per sender).
QByteArray timeOrderedUuid(qint64 unixMs);

// A public identifier of `length` characters from an alphabet people can read aloud (no l, o, 0, 1).
QString secureRandomId(int length);

} // namespace parley
