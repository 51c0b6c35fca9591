#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QString>

namespace parley {

// SHA-256 of a file, read in blocks (never the whole file in memory). Blocking: call it on a pool thread.
Result<QByteArray> sha256OfFile(const QString &path);

} // namespace parley
