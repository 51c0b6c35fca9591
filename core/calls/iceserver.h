#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace parley {

// A STUN or TURN server for a call's peer connection, as parleyd hands it out (parley.v1.IceServer).
struct IceServer {
    QStringList urls; // "stun:host:3478", "turn:host:3478?transport=udp"
    QString username; // TURN: short-lived (TURN REST scheme)
    QString credential;

    friend bool operator==(const IceServer &, const IceServer &) = default;
};

} // namespace parley
