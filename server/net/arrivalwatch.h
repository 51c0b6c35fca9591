#pragma once

#include <QtGlobal>

namespace parley::server {

class SessionRegistry;

// A session on its way in: from the moment its CONNECT's answer reads the user's inbox head (storage thread)
// until the session is added to the registry (its network thread), a push to the user reaches none of its
// sessions, and the head it is told does not cover it. The watch counts such pushes, so that the session is
// told to pull once added (SessionRegistry::add). It ends when the session is added, or when it is destroyed
// (the link closed first, or the answer was made again). Thread-safe; the registry must outlive it.
class ArrivalWatch {
public:
    ArrivalWatch(SessionRegistry &registry, qint64 userId);
    ~ArrivalWatch();
    ArrivalWatch(const ArrivalWatch &) = delete;
    ArrivalWatch &operator=(const ArrivalWatch &) = delete;

    qint64 userId() const { return m_userId; }

private:
    friend class SessionRegistry;
    // Whether the user was pushed anything since the watch began; the first call ends it.
    bool end();

    SessionRegistry &m_registry;
    qint64 m_userId;
    quint64 m_pushesBefore;
    bool m_ended = false;
};

} // namespace parley::server
