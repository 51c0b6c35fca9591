#pragma once

#include "server/net/addresslimiter.h"

#include <QObject>
#include <QString>

namespace parley::server {

// One link counted against its address (AddressLimiter) for as long as this lives: a child of the link's socket,
// or of the WebSocket link once upgraded, so that every way a link ends releases it. (Not a connection to the
// socket's destroyed(): QWebSocketServer drops the socket's connections when it upgrades it.)
class AddressTicket final : public QObject {
    Q_OBJECT

public:
    AddressTicket(AddressLimiter &limiter, QString address, QObject *link)
        : QObject(link), m_limiter(limiter), m_address(std::move(address))
    {
    }
    ~AddressTicket() override { m_limiter.release(m_address); }

private:
    AddressLimiter &m_limiter;
    const QString m_address;
};

} // namespace parley::server
