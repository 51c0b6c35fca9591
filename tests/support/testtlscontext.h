#pragma once

#include "server/tls/tlscontext.h"

#include <QString>

#include <memory>

// parleyd's TLS context for binary links around a fresh self-signed certificate written into dir; null (and a
// test warning) if it cannot be made.
std::shared_ptr<parley::server::TlsContext> testTlsContext(const QString &dir);
