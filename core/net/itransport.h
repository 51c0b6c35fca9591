#pragma once

#include "protocol/error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace parley {

// A byte stream to the server. The real one is TLS over TCP (TlsTransport); tests use fakes that
// inject and record bytes. Single-threaded: used on the engine thread.
class ITransport : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ITransport() override = default;

    // Starts connecting; opened() or closed() follows.
    virtual void open(const QString &host, quint16 port) = 0;
    // Drops the connection. closed() is not emitted for a close the owner asked for.
    virtual void close() = 0;
    virtual void write(const QByteArray &bytes) = 0;

Q_SIGNALS:
    void opened();
    void received(const QByteArray &bytes);
    // The connection failed to open or was lost.
    void closed(const parley::Error &reason);
};

} // namespace parley
