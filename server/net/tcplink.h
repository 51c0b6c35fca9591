#pragma once

#include "protocol/framedecoder.h"
#include "server/net/ilink.h"

#include <QByteArray>
#include <QHostAddress>
#include <QSocketNotifier>

struct ssl_st;
struct ssl_ctx_st;

namespace parley::server {

// Binary frames over TLS, on an accepted descriptor: OpenSSL reads and writes the non-blocking socket
// itself, and two socket notifiers on the thread's loop say when to let it. No QSslSocket: an idle link is
// this object, its SSL state (whose record buffers are given back while idle) and a few hundred bytes,
// where QSslSocket kept read and write buffers, a plain socket and memory BIOs per link (70 KB each).
//
// Frames sent in one pass of the event loop leave together: send() queues and asks for writability, and
// the next pass encrypts everything queued, so a burst of pushes costs one write, not one per frame.
class TcpLink final : public ILink {
    Q_OBJECT

public:
    static constexpr int kReadChunk = 16 * 1024; // one TLS record's plaintext at most
    static constexpr int kReadsPerWake = 8;      // then other links get their turn (the notifier fires again)
    static constexpr qsizetype kCompactBytes = 64 * 1024; // sent bytes dropped from the queue's front past this

    TcpLink(qintptr descriptor, ssl_ctx_st *tls, QObject *parent = nullptr);
    ~TcpLink() override;

    void send(const Frame &frame) override;
    void close() override;
    void abort() override;
    qint64 pendingWriteBytes() const override { return m_out.size() - m_outOffset; }
    QHostAddress peerAddress() const override { return m_peer; }
    const char *transportName() const override { return "tls"; }

private:
    void onReadable();
    void flush();
    // The descriptor is closed and closed() emitted, once.
    void finish();
    // An SSL call's failure other than "try again": the link is over.
    void lost(int sslError);

    int m_fd;
    ssl_st *m_ssl;
    QSocketNotifier m_readable;
    QSocketNotifier m_writable;
    QHostAddress m_peer;
    FrameDecoder m_decoder;
    QByteArray m_out;
    qsizetype m_outOffset = 0;
    bool m_closing = false;
    bool m_shutdownSent = false;   // close_notify and FIN sent; waiting for the peer's end
    bool m_readWantsWrite = false; // an SSL_read stopped on WANT_WRITE: flush() resumes it
    bool m_closed = false;
};

} // namespace parley::server
