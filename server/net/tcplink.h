#pragma once

#include "protocol/framedecoder.h"
#include "server/net/ilink.h"

#include <QByteArray>
#include <QHostAddress>
#include <QSocketNotifier>

#include <memory>

struct ssl_st;
struct ssl_ctx_st;

namespace parley::server {

class TlsRecordLayer;
class TlsTrafficSecrets;

// Binary frames over TLS, on an accepted descriptor, with two socket notifiers on the thread's loop saying when
// to read and write. OpenSSL runs the handshake on the non-blocking socket itself. A TLS 1.3 link then hands its
// records to a TlsRecordLayer and frees its SSL (13.8 KB under OpenSSL 3.0): an idle link is this object, two
// cipher contexts and its session. A TLS 1.2 link stays with OpenSSL, whose record buffers are given back while
// idle. No QSslSocket, which kept read and write buffers, a plain socket and memory BIOs per link (70 KB each).
//
// Frames sent in one pass of the event loop leave together: send() queues and asks for writability, and
// the next pass encrypts everything queued, so a burst of pushes costs one write, not one per frame.
class TcpLink final : public ILink {
    Q_OBJECT

public:
    static constexpr int kReadChunk = 16 * 1024; // one read: of plaintext from OpenSSL, of records from the socket
    static constexpr int kReadsPerWake = 8;      // then other links get their turn (the notifier fires again)
    static constexpr qsizetype kCompactBytes = 64 * 1024; // sent bytes dropped from the queue's front past this

    TcpLink(qintptr descriptor, ssl_ctx_st *tls, QObject *parent = nullptr);
    ~TcpLink() override;

    void send(const Frame &frame) override;
    void close() override;
    void abort() override;
    qint64 pendingWriteBytes() const override { return m_out.size() - m_outOffset + m_sealed.size() - m_sealedOffset; }
    QHostAddress peerAddress() const override { return m_peer; }
    const char *transportName() const override { return "tls"; }

    // After a TLS 1.3 handshake: the records are this link's, and OpenSSL's state is gone (for tests).
    bool recordsTakenOver() const { return m_records != nullptr; }

private:
    void onReadable();
    void flush();
    // Runs the handshake as far as the socket lets it; once it is done, takes the records over if it can.
    void handshake();
    bool handshakeDone() const;
    // What the socket has, through OpenSSL or the record layer: true when the stream ended or broke.
    bool readSsl();
    bool readRecords();
    void flushSsl();
    void flushRecords();
    // Drops the sent bytes at buffer's front once they are many, so that a reader who never quite catches up
    // does not keep all it was sent.
    static void compact(QByteArray &buffer, qsizetype &offset);
    // The descriptor is closed and closed() emitted, once.
    void finish();
    // An SSL call's failure other than "try again": the link is over.
    void lost(int sslError);

    int m_fd;
    ssl_st *m_ssl;                                // until the record layer takes over
    std::unique_ptr<TlsTrafficSecrets> m_secrets; // during the handshake
    std::unique_ptr<TlsRecordLayer> m_records;
    QSocketNotifier m_readable;
    QSocketNotifier m_writable;
    QHostAddress m_peer;
    FrameDecoder m_decoder;
    QByteArray m_out; // frames to send, not yet encrypted
    qsizetype m_outOffset = 0;
    QByteArray m_in;     // with the record layer: the start of a record not yet complete
    QByteArray m_sealed; // with the record layer: records to write
    qsizetype m_sealedOffset = 0;
    bool m_closing = false;
    bool m_closeNotifySealed = false;
    bool m_shutdownSent = false;   // close_notify and FIN sent; waiting for the peer's end
    bool m_readWantsWrite = false; // SSL_do_handshake or SSL_read stopped on WANT_WRITE: flush() resumes it
    bool m_closed = false;
};

} // namespace parley::server
