#pragma once

#include <QtGlobal>

#include <functional>

namespace parley::server {

class IoWorker;
class Session;

// A thread-safe handle to a Session: the long-lived worker that owns it and the session's id.
// post() runs `fn` on the worker's thread if the session still exists then; a closed session simply
// drops it. This is how storage results and pushes reach sessions without touching them across threads.
struct SessionRef {
    IoWorker *worker = nullptr;
    quint64 id = 0;

    void post(std::function<void(Session &)> fn) const;
    bool isNull() const { return worker == nullptr; }
};

} // namespace parley::server
