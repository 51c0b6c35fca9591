#include "server/net/tcplink.h"

#include "server/logging.h"

#include <QMetaObject>
#include <QTimer>

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
    if (!SSL_is_init_finished(m_ssl)) {
        finish(); // nothing can be said to a peer that has not finished the handshake
        return;
    }
    m_closing = true;
    m_writable.setEnabled(true); // flush() sends what is queued, then the close_notify, then closes
    QTimer::singleShot(kCloseLingerMs, this, &TcpLink::finish); // a peer that does not read is not waited for
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
    for (int reads = 0; reads < kReadsPerWake || SSL_pending(m_ssl) > 0; ++reads) {
        ERR_clear_error();
        const int n = SSL_read(m_ssl, buffer, sizeof buffer);
        if (n > 0) {
            m_decoder.append(QByteArray(buffer, n));
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_READ)
            break;
        if (error == SSL_ERROR_WANT_WRITE) { // the handshake has more to say than the socket takes now
            m_writable.setEnabled(true);
            break;
        }
        lost(error);
        return;
    }
    if (m_outOffset < m_out.size())
        m_writable.setEnabled(true); // queued before the handshake was done
    while (std::optional<Frame> frame = m_decoder.next()) {
        Q_EMIT frameReceived(*frame);
        if (m_closed || m_closing)
            return;
    }
    if (m_decoder.hasError()) {
        const bool connectVersion = m_decoder.error() == FrameDecoder::Error::UnsupportedVersion &&
                                    m_decoder.rejectedSignal() == quint8(Signal::Connect);
        Q_EMIT protocolViolation(QString::fromLatin1(frameDecoderErrorName(m_decoder.error())), connectVersion);
    }
}

void TcpLink::flush()
{
    if (m_closed)
        return;
    while (m_outOffset < m_out.size()) {
        ERR_clear_error();
        const int n = SSL_write(m_ssl, m_out.constData() + m_outOffset,
                                int(std::min<qsizetype>(m_out.size() - m_outOffset, std::numeric_limits<int>::max())));
        if (n > 0) {
            m_outOffset += n;
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_WRITE)
            return; // the notifier stays on
        if (error == SSL_ERROR_WANT_READ) {
            m_writable.setEnabled(false); // the handshake waits for the peer; onReadable() comes back here
            return;
        }
        lost(error);
        return;
    }
    m_out = QByteArray(); // an idle link keeps no buffer
    m_outOffset = 0;
    m_writable.setEnabled(false);
    if (m_closing) {
        if (SSL_is_init_finished(m_ssl))
            SSL_shutdown(m_ssl); // close_notify, without waiting for the peer's
        finish();
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
