#include "server/net/tcplink.h"

#include "server/logging.h"
#include "server/tls/tlsrecordlayer.h"
#include "server/tls/tlstrafficsecrets.h"

#include <QMetaObject>

#include <utility>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cerrno>
#include <optional>

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

void logSslError(int sslError)
{
    if (sslError == SSL_ERROR_SSL)
        qCDebug(lcNet) << "tls link error:" << ERR_reason_error_string(ERR_peek_error());
    ERR_clear_error();
}

} // namespace

TcpLink::TcpLink(qintptr descriptor, ssl_ctx_st *tls, QObject *parent)
    : ILink(parent),
      m_fd(int(descriptor)),
      m_ssl(SSL_new(tls)),
      m_secrets(std::make_unique<TlsTrafficSecrets>()),
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
    m_secrets->watch(m_ssl);
    SSL_set_accept_state(m_ssl); // the handshake runs when the client's first bytes come
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
    if (!handshakeDone()) {
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

bool TcpLink::handshakeDone() const
{
    return m_records || (m_ssl && SSL_is_init_finished(m_ssl));
}

void TcpLink::handshake()
{
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result == 1) {
        // SSL_do_handshake, unlike SSL_read, stops at the client's Finished, and OpenSSL reads no further than the
        // record it needs (no read-ahead). As no session tickets are issued, it wrote nothing after its Finished
        // either: both sequence numbers start at 0 in the record layer, which reads the socket from here.
        m_records = TlsRecordLayer::takeOver(m_ssl, *m_secrets);
        TlsTrafficSecrets::unwatch(m_ssl);
        m_secrets.reset();
        if (m_records) {
            SSL_free(m_ssl);
            m_ssl = nullptr;
        }
        return;
    }
    const int error = SSL_get_error(m_ssl, result);
    if (error == SSL_ERROR_WANT_READ)
        return;
    if (error == SSL_ERROR_WANT_WRITE) {
        // The handshake has more to say than the socket takes now: flush() goes on with it once there is room.
        m_readWantsWrite = true;
        m_writable.setEnabled(true);
        return;
    }
    lost(error);
}

void TcpLink::onReadable()
{
    if (m_closed)
        return;
    if (!handshakeDone()) {
        handshake();
        if (m_closed || !handshakeDone())
            return;
    }
    const bool ended = m_records ? readRecords() : readSsl(); // after the frames read before the end
    if (!m_closing) {
        // Frames queued before the handshake was done, or a flush that waited for the peer (flushSsl), go on.
        if (m_outOffset < m_out.size())
            m_writable.setEnabled(true);
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
    if (ended && !m_closed)
        finish();
}

bool TcpLink::readSsl()
{
    char buffer[kReadChunk];
    for (int reads = 0; reads < kReadsPerWake || SSL_pending(m_ssl) > 0; ++reads) {
        ERR_clear_error();
        const int n = SSL_read(m_ssl, buffer, sizeof buffer);
        if (n > 0) {
            if (!m_closing) // a closing link reads only to see the peer's end
                m_decoder.append(QByteArrayView(buffer, n));
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_READ)
            return false;
        if (error == SSL_ERROR_WANT_WRITE) {
            // A key update has more to say than the socket takes now: flush() goes on with this read.
            m_readWantsWrite = true;
            m_writable.setEnabled(true);
            return false;
        }
        logSslError(error);
        return true;
    }
    return false;
}

bool TcpLink::readRecords()
{
    for (int reads = 0; reads < kReadsPerWake; ++reads) {
        const qsizetype had = m_in.size();
        m_in.resize(had + kReadChunk);
        const ssize_t n = ::read(m_fd, m_in.data() + had, kReadChunk);
        const int readError = errno; // before the buffer's memory is touched again
        m_in.resize(had + std::max<ssize_t>(n, 0));
        if (n == 0)
            return true;
        if (n < 0) {
            if (readError == EINTR)
                continue;
            if (m_in.isEmpty())
                m_in = QByteArray(); // an idle link keeps no buffer
            else
                m_in.squeeze(); // nor more than the part of a record it waits for
            return readError != EAGAIN && readError != EWOULDBLOCK;
        }
        TlsRecordLayer::Opened opened = m_records->open(m_in);
        if (!m_closing && !opened.plaintext.isEmpty()) // a closing link reads only to see the peer's end
            m_decoder.append(opened.plaintext);
        if (opened.status == TlsRecordLayer::Status::PeerClosed)
            return true;
        if (opened.status == TlsRecordLayer::Status::Broken) {
            qCDebug(lcNet) << "tls link error:" << m_records->brokenReason();
            // The alert that says why, when it can go right after what was sent before it (and that was not
            // close_notify).
            if (m_sealedOffset == m_sealed.size() && !m_closeNotifySealed)
                if (const std::optional<QByteArray> alert = m_records->sealFatalAlert())
                    ::send(m_fd, alert->constData(), size_t(alert->size()), MSG_NOSIGNAL);
            return true;
        }
    }
    return false;
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
    if (!handshakeDone()) {
        if (!m_readWantsWrite)
            m_writable.setEnabled(false); // onReadable() goes on with the handshake; what is queued waits for it
        return;
    }
    if (m_records)
        flushRecords();
    else
        flushSsl();
}

void TcpLink::compact(QByteArray &buffer, qsizetype &offset)
{
    if (offset >= kCompactBytes && offset * 2 >= buffer.size()) {
        buffer.remove(0, offset);
        offset = 0;
    }
}

void TcpLink::flushSsl()
{
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
            compact(m_out, m_outOffset); // SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER: the rest may move
            return;                      // the notifier stays on
        }
        if (error == SSL_ERROR_WANT_READ) {
            if (!m_readWantsWrite)
                m_writable.setEnabled(false); // a key update waits for the peer; onReadable() comes back here
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

void TcpLink::flushRecords()
{
    // Everything queued in this pass of the loop becomes as few records as it fits in, and one write; then, when
    // closing, close_notify.
    const bool closeNotifyDue = m_closing && !m_closeNotifySealed;
    if (!m_out.isEmpty() || closeNotifyDue) {
        std::optional<QByteArray> records = m_out.isEmpty() ? QByteArray() : m_records->seal(m_out);
        m_out = QByteArray();
        if (records && closeNotifyDue) {
            m_closeNotifySealed = true;
            if (const std::optional<QByteArray> closeNotify = m_records->sealCloseNotify())
                *records += *closeNotify;
            else
                records.reset();
        }
        if (!records) {
            qCWarning(lcNet) << "tls link error:" << m_records->brokenReason();
            finish();
            return;
        }
        if (m_sealed.isEmpty())
            m_sealed = std::move(*records);
        else
            m_sealed += *records;
    }
    while (m_sealedOffset < m_sealed.size()) {
        const ssize_t n =
            ::send(m_fd, m_sealed.constData() + m_sealedOffset, size_t(m_sealed.size() - m_sealedOffset), MSG_NOSIGNAL);
        if (n > 0) {
            m_sealedOffset += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            compact(m_sealed, m_sealedOffset);
            return; // the notifier stays on
        }
        finish();
        return;
    }
    m_sealed = QByteArray(); // an idle link keeps no buffer
    m_sealedOffset = 0;
    m_writable.setEnabled(false);
    if (m_closing && !m_shutdownSent) {
        // A FIN, but no close() yet: see flushSsl().
        m_shutdownSent = true;
        ::shutdown(m_fd, SHUT_WR);
    }
}

void TcpLink::lost(int sslError)
{
    logSslError(sslError);
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
    m_in = QByteArray();
    m_sealed = QByteArray();
    m_sealedOffset = 0;
    m_records.reset(); // and its keys
    Q_EMIT closed();
}

} // namespace parley::server
