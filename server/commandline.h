#pragma once

#include "protocol/result.h"
#include "server/serverconfig.h"

#include <QStringList>

namespace parley::server {

// Parses parleyd's command line (and the INI file named by --config; command-line options win).
// Returns the config, or an Error whose message is the usage problem. --help and --version are handled
// by QCommandLineParser (they print and exit).
class CommandLine {
public:
    static Result<ServerConfig> parse(const QStringList &arguments);
};

} // namespace parley::server
