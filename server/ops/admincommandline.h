#pragma once

#include <QStringList>

namespace parley::server {

// `parleyd admin [--data-dir DIR | --config FILE] COMMAND [ARGS…]`: sends one command to the parleyd running on
// that data directory (AdminService, its Unix socket) and prints the answer as JSON. Exit status: 0 done, 1
// refused or failed (the reason on stderr), 2 a usage error, 3 no parleyd answers there (or it is stopping).
class AdminCommandLine {
public:
    static constexpr int kAnswerTimeoutMs = 30000;
    enum Exit { Done = 0, Refused = 1, Usage = 2, Unreachable = 3 };

    // `arguments`: as the process got them, "parleyd" and "admin" first.
    static int run(const QStringList &arguments);
};

} // namespace parley::server
