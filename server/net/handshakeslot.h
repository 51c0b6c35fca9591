#pragma once

#include "server/net/handshakeslots.h"

#include <QObject>
#include <QTimer>

namespace parley::server {

// One link's slot, given back when this is destroyed: a child of the link's socket or link, so that every way
// a link ends gives it back; the session deletes it when its handshake ends, and it lapses after kLeaseMs
// whatever the link does, so that links that hold their handshake open (idle, or slowed on purpose) cannot keep
// the others out for longer. On the link's thread.
class HandshakeSlot final : public QObject {
    Q_OBJECT

public:
    static constexpr int kLeaseMs = 3000;

    HandshakeSlot(HandshakeSlots &pool, QObject *link) : QObject(link), m_slots(pool)
    {
        QTimer::singleShot(kLeaseMs, this, &QObject::deleteLater);
    }
    ~HandshakeSlot() override { m_slots.give(); }

private:
    HandshakeSlots &m_slots;
};

} // namespace parley::server
