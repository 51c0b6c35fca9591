#include "server/net/tcplink.h"

#include "server/logging.h"

#include <QMetaObject>

#include <utility>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace {

QHostAddress peerOf(int fd)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

} // namespace

TcpLink::TcpLink(qintptr descriptor, ssl_ctx_st *tls, QObject *parent)
    : ILink(parent),
      m_fd(int(descriptor)),
      m_ssl(SSL_new(tls)),
      m_readable(descriptor, QSocketNotifier::Read),
      m_writable(descriptor, QSocketNotifier::Write),
      m_peer(peerOf(m_fd))
{
    m_writable.setEnabled(false);
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    connect(&m_readable, &QSocketNotifier::activated, this, &TcpLink::onReadable);
    connect(&m_writable, &QSocketNotifier::activated, this, &TcpLink::flush);
    if (!m_ssl || SSL_set_fd(m_ssl, m_fd) != 1) {
        qCWarning(lcNet) << "cannot start TLS on a link";
        ERR_clear_error();
        m_readable.setEnabled(false);
        // closed() must reach whoever connects to it first.
        QMetaObject::invokeMethod(this, &TcpLink::finish, Qt::QueuedConnection);
        return;
    }
    SSL_set_accept_state(m_ssl); // the handshake runs inside the first reads and writes
}

TcpLink::~TcpLink()
{
    if (!m_closed) {
        m_readable.setEnabled(false);
        m_writable.setEnabled(false);
        ::close(m_fd);
    }
    SSL_free(m_ssl);
}

void TcpLink::send(const Frame &frame)
{
    if (m_closed || m_closing)
        return;
    m_out += frame.encode();
    m_writable.setEnabled(true); // the next pass of the loop sends it, with whatever else is queued by then
}

void TcpLink::close()
{
    if (m_closed || m_closing)
        return;
    if (!m_ssl || !SSL_is_init_finished(m_ssl)) {
        finish(); // nothing can be said to a peer that has not finished the handshake
        return;
    }
    m_closing = true;
    m_decoder = FrameDecoder(); // what the peer sent but the session did not take is not read any more
    // flush() sends what is queued, then close_notify and a FIN; onReadable() waits for the peer's end. A peer
    // that neither reads nor ends is not waited for: Session aborts a link still closing after its grace.
    m_writable.setEnabled(true);
}

void TcpLink::abort()
{
    finish();
}

void TcpLink::onReadable()
{
    if (m_closed)
        return;
    char buffer[kReadChunk];
    int endError = SSL_ERROR_NONE; // set when the stream ended or broke: after the frames read before it
    for (int reads = 0; reads < kReadsPerWake || SSL_pending(m_ssl) > 0; ++reads) {
        ERR_clear_error();
        const int n = SSL_read(m_ssl, buffer, sizeof buffer);
        if (n > 0) {
            if (!m_closing) // a closing link reads only to see the peer's end
                m_decoder.append(QByteArray(buffer, n));
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_READ)
            break;
        if (error == SSL_ERROR_WANT_WRITE) {
            // The handshake (or a key update) has more to say than the socket takes now: flush() goes on with
            // this read once the socket has room.
            m_readWantsWrite = true;
            m_writable.setEnabled(true);
            break;
        }
        endError = error;
        break;
    }
    if (!m_closing) {
        if (m_outOffset < m_out.size())
            m_writable.setEnabled(true); // queued before the handshake was done
        while (std::optional<Frame> frame = m_decoder.next()) {
            Q_EMIT frameReceived(*frame);
            if (m_closed)
                return;
            if (m_closing)
                break;
        }
        if (!m_closing && m_decoder.hasError()) {
            const bool connectVersion = m_decoder.error() == FrameDecoder::Error::UnsupportedVersion &&
                                        m_decoder.rejectedSignal() == quint8(Signal::Connect);
            Q_EMIT protocolViolation(QString::fromLatin1(frameDecoderErrorName(m_decoder.error())), connectVersion,
                                     m_decoder.rejectedMessageId());
        }
    }
    if (endError != SSL_ERROR_NONE && !m_closed)
        lost(endError);
}

void TcpLink::flush()
{
    if (m_closed)
        return;
    if (std::exchange(m_readWantsWrite, false)) {
        onReadable();
        if (m_closed)
            return;
    }
    while (m_outOffset < m_out.size()) {
        ERR_clear_error();
        const int n = SSL_write(m_ssl, m_out.constData() + m_outOffset,
                                int(std::min<qsizetype>(m_out.size() - m_outOffset, std::numeric_limits<int>::max())));
        if (n > 0) {
            m_outOffset += n;
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_WRITE) {
            // The notifier stays on. A reader that never quite catches up must not keep what it has been sent.
            if (m_outOffset >= kCompactBytes && m_outOffset * 2 >= m_out.size()) {
                m_out.remove(0, m_outOffset); // SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER: the rest may move
                m_outOffset = 0;
            }
            return;
        }
        if (error == SSL_ERROR_WANT_READ) {
            if (!m_readWantsWrite)
                m_writable.setEnabled(false); // the handshake waits for the peer; onReadable() comes back here
            return;
        }
        lost(error);
        return;
    }
    m_out = QByteArray(); // an idle link keeps no buffer
    m_outOffset = 0;
    if (!m_readWantsWrite)
        m_writable.setEnabled(false);
    if (m_closing && !m_shutdownSent) {
        // close_notify and a FIN, but no close() yet: closing a socket with unread input resets it, and the
        // reset can overtake what was just sent (the DISCONNECT). The peer's end finishes it (onReadable).
        m_shutdownSent = true;
        SSL_shutdown(m_ssl);
        ::shutdown(m_fd, SHUT_WR);
    }
}

void TcpLink::lost(int sslError)
{
    if (sslError == SSL_ERROR_SSL)
        qCDebug(lcNet) << "tls link error:" << ERR_reason_error_string(ERR_peek_error());
    ERR_clear_error();
    finish();
}

void TcpLink::finish()
{
    if (m_closed)
        return;
    m_closed = true;
    m_readable.setEnabled(false);
    m_writable.setEnabled(false);
    ::close(m_fd);
    m_out = QByteArray();
    Q_EMIT closed();
}

} // namespace parley::server
