#pragma once

#include "server/iclock.h"

#include <QDateTime>

namespace parley::server {

class SystemClock final : public IClock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

} // namespace parley::server
