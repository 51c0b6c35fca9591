#pragma once

#include "server/net/handshakeslots.h"

#include <QObject>

namespace parley::server {

// One link's slot, given back when this is destroyed: a child of the link's socket or link, so that every way
// a link ends gives it back; the session deletes it when its handshake ends.
class HandshakeSlot final : public QObject {
    Q_OBJECT

public:
    HandshakeSlot(HandshakeSlots &pool, QObject *link) : QObject(link), m_slots(pool) {}
    ~HandshakeSlot() override { m_slots.give(); }

private:
    HandshakeSlots &m_slots;
};

} // namespace parley::server
