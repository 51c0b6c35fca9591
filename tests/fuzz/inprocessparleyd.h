#pragma once

#include "parley.pb.h"
#include "protocol/signaltypes.h"
#include "server/authenticateduser.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

class QCoreApplication;
class QTemporaryDir;

namespace parley::server {
class Server;
}

// parleyd in the fuzzing process, for the targets that fuzz what it does with requests: a real SQLite store in
// a temporary directory (on tmpfs where there is one), its storage thread, its network and files threads, no
// limit on codes, grants good for longer than any run, two users logged in. Requests go to its route table the way a
// Session hands them over (IRequestHandler::dispatch), behind a fake session. Main thread only; made once and kept for
// the process.
class InProcessParleyd {
public:
    InProcessParleyd(int &argc, char **argv);
    ~InProcessParleyd();

    // Dispatches a PUBLISH from `user` (none: a link before CONNECT) and waits for its reply on the main thread's
    // event loop. Traps (a finding) when there is no reply in time, when a request is replied twice (then or
    // later) and when the reply's code is not in the schema.
    parley::v1::Result ask(const std::optional<parley::server::AuthenticatedUser> &user, parley::SubSignal subSignal,
                           const QByteArray &payload);

    // Logs both users in again, on their same devices: after a request of theirs that logged them out.
    void renewSessions();

    const parley::server::AuthenticatedUser &a() const { return *m_a; }
    const parley::server::AuthenticatedUser &b() const { return *m_b; }
    const parley::server::Server &server() const { return *m_server; }
    int filesPort() const;

private:
    std::optional<parley::server::AuthenticatedUser> logIn(const char *phone, const char *device);

    std::unique_ptr<QCoreApplication> m_app;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<parley::server::Server> m_server;
    std::optional<parley::server::AuthenticatedUser> m_a, m_b;
};
