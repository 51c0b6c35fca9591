#include "server/files/tlsstream.h"

#include <openssl/err.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace parley::server {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

struct TlsStream::Watch {
    explicit Watch(const executor_type &executor) : timer(executor) {}
    asio::steady_timer timer;
    Clock::time_point deadline = Clock::time_point::max(); // when the connection is closed
    Clock::time_point expiry = Clock::time_point::max();   // when the timer fires next (max: not waiting)
    asio::ip::tcp::socket *socket = nullptr;               // null once the stream is gone
    unsigned generation = 0;
};

// Waits until the watch's deadline; closes the socket if nothing moved it meanwhile. The deadline mostly moves
// later (every block of a transfer), so the timer is set again only when it fires, not at every operation.
void TlsStream::arm(const std::shared_ptr<Watch> &watch)
{
    watch->expiry = watch->deadline;
    watch->timer.expires_at(watch->deadline);
    const unsigned generation = ++watch->generation;
    watch->timer.async_wait([watch, generation](const boost::system::error_code &ec) {
        if (ec || generation != watch->generation || !watch->socket)
            return; // set again, or the stream is gone
        watch->expiry = Clock::time_point::max();
        if (Clock::now() < watch->deadline)
            return arm(watch);
        boost::system::error_code ignored;
        watch->socket->close(ignored); // the pending operation ends with operation_aborted
    });
}

TlsStream::TlsStream(asio::ip::tcp::socket socket, SSL_CTX *context)
    : m_socket(std::move(socket)), m_ssl(SSL_new(context)), m_watch(std::make_shared<Watch>(m_socket.get_executor()))
{
    m_watch->socket = &m_socket;
    if (!m_ssl)
        return;
    BIO *inner = nullptr;
    if (BIO_new_bio_pair(&inner, kOutputBytes, &m_network, kInputBytes) != 1) {
        m_network = nullptr;
        return;
    }
    SSL_set_bio(m_ssl, inner, inner); // the SSL owns its end
    SSL_set_accept_state(m_ssl);
    SSL_set_mode(m_ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS);
}

TlsStream::~TlsStream()
{
    m_watch->socket = nullptr;
    m_watch->timer.cancel();
    SSL_free(m_ssl);
    BIO_free(m_network);
}

void TlsStream::expires_after(Clock::duration timeout)
{
    m_watch->deadline = Clock::now() + timeout;
    if (m_watch->deadline < m_watch->expiry)
        arm(m_watch);
}

TlsStream::Step TlsStream::attempt(Kind kind, void *data, std::size_t size)
{
    if (!m_ssl || !m_network)
        return Step{Need::Nothing, 0, asio::error::make_error_code(asio::error::no_memory)};
    ERR_clear_error(); // SSL_get_error reads the thread's queue: only this call's errors may be in it
    switch (kind) {
    case Kind::Read:
        // Every record already here, as far as the caller has room: one socket read serves many records.
        return repeat(size, [&](std::size_t done, std::size_t &n) {
            return SSL_read_ex(m_ssl, static_cast<char *>(data) + done, size - done, &n);
        });
    case Kind::Write:
        // Records until the pair is full (each SSL_write_ex of partial-write mode stops after one): they leave
        // in one socket write. Bytes of a record that did not fit are not counted, and so come again first in
        // the caller's next write, as OpenSSL requires.
        return repeat(size, [&](std::size_t done, std::size_t &n) {
            return SSL_write_ex(m_ssl, static_cast<const char *>(data) + done, size - done, &n);
        });
    case Kind::Handshake: {
        const int r = SSL_do_handshake(m_ssl);
        return r == 1 ? Step{} : failure(r);
    }
    case Kind::Shutdown: {
        const int r = SSL_shutdown(m_ssl); // 0: our close_notify is written; the peer's is not awaited
        return r >= 0 ? Step{} : failure(r);
    }
    }
    return Step{};
}

template <typename Call>
TlsStream::Step TlsStream::repeat(std::size_t size, Call call)
{
    std::size_t total = 0;
    while (total < size) {
        std::size_t n = 0;
        const int r = call(total, n);
        if (r == 1) {
            total += n;
            continue;
        }
        if (total > 0) { // what stopped it is seen again by the next call
            ERR_clear_error();
            break;
        }
        return failure(r);
    }
    return Step{Need::Nothing, total, {}};
}

TlsStream::Step TlsStream::failure(int result)
{
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ: return Step{Need::Input, 0, {}};
    case SSL_ERROR_WANT_WRITE: return Step{Need::Flush, 0, {}};
    case SSL_ERROR_ZERO_RETURN: // the peer's close_notify
        return Step{Need::Nothing, 0, asio::error::make_error_code(asio::error::eof)};
    case SSL_ERROR_SYSCALL:
        return Step{Need::Nothing, 0, asio::ssl::error::make_error_code(asio::ssl::error::stream_truncated)};
    default: {
        const unsigned long error = ERR_get_error();
        ERR_clear_error();
        return Step{
            Need::Nothing, 0,
            boost::system::error_code(int(error ? error : SSL_R_UNEXPECTED_RECORD), asio::error::get_ssl_category())};
    }
    }
}

std::size_t TlsStream::pendingOutput(char **data)
{
    if (!m_network || BIO_ctrl_pending(m_network) == 0)
        return 0;
    const int n = BIO_nread0(m_network, data);
    return n > 0 ? std::size_t(n) : 0;
}

void TlsStream::consumeOutput(std::size_t n)
{
    char *ignored = nullptr;
    BIO_nread(m_network, &ignored, int(n));
}

std::size_t TlsStream::inputRoom(char **data)
{
    if (!m_network)
        return 0;
    const int n = BIO_nwrite0(m_network, data);
    return n > 0 ? std::size_t(n) : 0;
}

void TlsStream::commitInput(std::size_t n)
{
    char *ignored = nullptr;
    BIO_nwrite(m_network, &ignored, int(n));
#ifdef TCP_QUICKACK
    // Acknowledge what came in at once, not after the delayed-ACK timer (40 ms on Linux): a client that
    // leaves Nagle's algorithm on (Qt's HTTP stack does) holds the short last segment of a request body until
    // its previous ones are acknowledged, and every such request would wait that long. Linux clears the flag
    // by itself now and then, so it is set again after every read.
    const int on = 1;
    ::setsockopt(m_socket.native_handle(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
}

} // namespace parley::server
