#pragma once

#include "protocol/error.h"
#include "protocol/frame.h"

#include <QHostAddress>
#include <QObject>

namespace parley::server {

// One client connection as a stream of frames, whatever the encoding (binary over TLS, JSON over
// WebSocket). Lives on an IoWorker thread. Session drives it.
class ILink : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ILink() override = default;

    virtual void send(const Frame &frame) = 0;
    // Flushes what is queued, then closes. closed() follows.
    virtual void close() = 0;
    // Drops the connection at once. closed() follows.
    virtual void abort() = 0;
    virtual qint64 pendingWriteBytes() const = 0;
    virtual QHostAddress peerAddress() const = 0;
    virtual const char *transportName() const = 0;

Q_SIGNALS:
    void frameReceived(const parley::Frame &frame);
    // A request whose envelope was fine but whose payload could not be read (JSON content that does
    // not fit the schema). The frame has no payload; the session answers it with `error`.
    void requestRejected(const parley::Frame &frame, const parley::Error &error);
    // The peer broke the framing; the link closes. connectVersionRejected: the first bytes were a
    // CONNECT of another protocol version (with `messageId`), which deserves a CONNECT_ACK saying so.
    void protocolViolation(const QString &reason, bool connectVersionRejected, quint16 messageId);
    void closed();
};

} // namespace parley::server
