#pragma once

#include "server/net/handshakeslots.h"

#include <QObject>
#include <QTimer>

namespace parley::server {

// One link's slot, given back when this is destroyed: a child of the link's socket or link, so that every way
// a link ends gives it back; the session deletes it when its handshake ends. Until its CONNECT comes (keep()),
// it lapses after the pool's lease, so that links that hold their handshake open (idle, or slowed on purpose)
// cannot keep the others out for longer; a sent CONNECT keeps it until its answer, however long the store takes
// (Session bounds that). On the link's thread.
class HandshakeSlot final : public QObject {
    Q_OBJECT

public:
    HandshakeSlot(HandshakeSlots &pool, QObject *link) : QObject(link), m_slots(pool)
    {
        m_lease.setSingleShot(true);
        connect(&m_lease, &QTimer::timeout, this, &QObject::deleteLater);
        m_lease.start(pool.leaseMs());
    }
    ~HandshakeSlot() override { m_slots.give(); }

    void keep() { m_lease.stop(); }

private:
    HandshakeSlots &m_slots;
    QTimer m_lease;
};

} // namespace parley::server
