#pragma once

#include <QList>
#include <QString>

namespace parley {

// Where a node of the service listens for the long connection.
struct ServerAddress {
    QString host;
    quint16 port = 0;

    // "host:port[, host:port ...]" (a host without a port gets `defaultPort`; IPv6 as [addr]:port or a bare
    // address); empty entries and ones that are not an address (a port out of range) are left out.
    static QList<ServerAddress> parseList(const QString &text, quint16 defaultPort);
    QString toString() const;
    friend bool operator==(const ServerAddress &, const ServerAddress &) = default;
};

} // namespace parley
