#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace parley {

// SHA-256 of a file, read in blocks (never the whole file in memory). Blocking: call it on a pool thread.
// Once `stop` (if given) is set it ends early with Cancelled.
Result<QByteArray> sha256OfFile(const QString &path, const std::atomic_bool *stop = nullptr);

} // namespace parley
