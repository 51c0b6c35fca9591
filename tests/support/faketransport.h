#pragma once

#include "core/net/itransport.h"
#include "protocol/framedecoder.h"

#include <QList>

// An ITransport for unit tests of the link layer: records the frames the client writes and lets the
// test open, feed and drop the connection. Like QXmpp's TestClient inject()/expect().
class FakeTransport final : public parley::ITransport {
    Q_OBJECT

public:
    using ITransport::ITransport;

    void open(const QString &host, quint16 port) override
    {
        lastHost = host;
        lastPort = port;
        ++opens;
    }
    void close() override { ++closes; }
    void write(const QByteArray &bytes) override
    {
        m_decoder.append(bytes);
        while (std::optional<parley::Frame> f = m_decoder.next())
            written.append(*f);
    }

    // Test side.
    void acceptOpen()
    {
        m_opened = true;
        Q_EMIT opened();
    }
    bool isOpen() const { return m_opened; }
    void inject(const parley::Frame &frame) { Q_EMIT received(frame.encode()); }
    void injectBytes(const QByteArray &bytes) { Q_EMIT received(bytes); }
    void drop(const parley::Error &reason) { Q_EMIT closed(reason); }
    parley::Frame takeFirst() { return written.takeFirst(); }

    QList<parley::Frame> written;
    QString lastHost;
    quint16 lastPort = 0;
    int opens = 0;
    int closes = 0;

private:
    parley::FrameDecoder m_decoder;
    bool m_opened = false;
};
