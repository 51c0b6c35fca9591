#pragma once

#include <utility> // before Asio: its awaitable.hpp uses std::exchange

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include <openssl/ssl.h>

#include <chrono>
#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

namespace parley::server {

// TLS for the files port: an Asio stream (what Beast reads requests from and writes answers to) over a TCP
// socket, with OpenSSL working on a BIO pair whose far end this class moves to and from the socket in large
// pieces. One read takes in everything the socket has (up to kInputBytes, several TLS records) and decrypts
// as much of it as the caller has room for, without going back to the event loop; one write encrypts up to
// kOutputBytes before sending. Asio's own ssl::stream moves one record (17 KiB) per socket operation, each
// through a chain of composed operations and posted completions: for a large upload that chain, not the
// cipher, was the cost (docs/BENCHMARKS.md, "Where the transfer time goes").
//
// It also keeps the connection's idle deadline (expires_after), as beast::tcp_stream did: when it passes, the
// socket is closed and the pending operation ends with an error.
//
// One operation at a time (reads and writes are not concurrent: HTTP/1.1, one request after another). All of
// it runs on the socket's executor, a strand.
class TlsStream {
public:
    using executor_type = boost::asio::ip::tcp::socket::executor_type;
    using error_code = boost::system::error_code;

    static constexpr std::size_t kInputBytes = 128 << 10;      // ciphertext taken from the socket in one read
    static constexpr std::size_t kOutputBytes = 64 << 10;      // ciphertext sent to the socket in one write
    static constexpr std::size_t kGatherBelowBytes = 16 << 10; // smaller first buffers are gathered with the rest

    TlsStream(boost::asio::ip::tcp::socket socket, SSL_CTX *context);
    ~TlsStream();
    TlsStream(const TlsStream &) = delete;
    TlsStream &operator=(const TlsStream &) = delete;

    executor_type get_executor() noexcept { return m_socket.get_executor(); }
    // The connection is closed if no operation completes before this much time has passed.
    void expires_after(std::chrono::steady_clock::duration timeout);

    template <typename MutableBuffers, typename Token>
    auto async_read_some(const MutableBuffers &buffers, Token &&token)
    {
        const boost::asio::mutable_buffer first = *boost::asio::buffer_sequence_begin(buffers);
        return start(Kind::Read, first.data(), first.size(), std::forward<Token>(token));
    }

    template <typename ConstBuffers, typename Token>
    auto async_write_some(const ConstBuffers &buffers, Token &&token)
    {
        // Beast hands a header over as one small buffer per line: gathered, they leave as one record, not one
        // each. A large first buffer (a block of a body) goes as it is.
        const auto begin = boost::asio::buffer_sequence_begin(buffers);
        const boost::asio::const_buffer first = *begin;
        if (first.size() >= kGatherBelowBytes || std::next(begin) == boost::asio::buffer_sequence_end(buffers))
            return start(Kind::Write, const_cast<void *>(first.data()), first.size(), std::forward<Token>(token));
        m_gathered.resize(std::min(boost::asio::buffer_size(buffers), kOutputBytes));
        const std::size_t n = boost::asio::buffer_copy(boost::asio::buffer(m_gathered), buffers);
        return start(Kind::Write, m_gathered.data(), n, std::forward<Token>(token));
    }

    template <typename Token>
    auto async_handshake(Token &&token)
    {
        return start(Kind::Handshake, nullptr, 0, std::forward<Token>(token));
    }

    // Sends close_notify; does not wait for the peer's.
    template <typename Token>
    auto async_shutdown(Token &&token)
    {
        return start(Kind::Shutdown, nullptr, 0, std::forward<Token>(token));
    }

private:
    enum class Kind { Read, Write, Handshake, Shutdown };
    enum class Need { Nothing, Input, Flush };
    struct Step {
        Need need = Need::Nothing;
        std::size_t bytes = 0;
        error_code error;
    };
    struct Watch;
    struct Operation;
    static void arm(const std::shared_ptr<Watch> &watch);

    // One attempt at the operation with what is buffered: done (bytes or an error), or what it waits for.
    Step attempt(Kind kind, void *data, std::size_t size);
    // `call(done, n)` (an SSL_read_ex or SSL_write_ex past the first `done` of `size` bytes) again and again
    // until all `size` are done or it stops; a stop after some progress is left for the next operation.
    template <typename Call>
    Step repeat(std::size_t size, Call call);
    Step failure(int result);
    // Ciphertext waiting to be sent, contiguous: where and how much (0: none).
    std::size_t pendingOutput(char **data);
    void consumeOutput(std::size_t n);
    // Room for ciphertext from the socket, contiguous.
    std::size_t inputRoom(char **data);
    void commitInput(std::size_t n);

    template <typename Token>
    auto start(Kind kind, void *data, std::size_t size, Token &&token);

    boost::asio::ip::tcp::socket m_socket;
    SSL *m_ssl = nullptr;
    BIO *m_network = nullptr; // our end of the pair; OpenSSL holds the other
    std::shared_ptr<Watch> m_watch;
    std::vector<char> m_gathered; // the buffers of the write in progress, gathered
};

// The state machine of one operation: attempt it; send what it produced; read more if it needs input; again.
// It completes through a post when it finishes without having waited, never inside its own initiation.
struct TlsStream::Operation {
    TlsStream &stream;
    Kind kind;
    void *data;
    std::size_t size;
    enum class Phase { Start, Reading, Writing, Posted } phase = Phase::Start;
    bool waited = false;
    bool finished = false;
    Step result;

    template <typename Handler>
    void operator()(Handler &self, error_code ec = {}, std::size_t n = 0)
    {
        switch (phase) {
        case Phase::Posted: return self.complete(result.error, result.bytes);
        case Phase::Reading:
            if (n > 0)
                stream.commitInput(n);
            else if (ec)
                return self.complete(ec, 0);
            break;
        case Phase::Writing:
            if (ec)
                return self.complete(ec, 0);
            stream.consumeOutput(n);
            break;
        case Phase::Start: break;
        }
        for (;;) {
            Step step;
            if (!finished) {
                step = stream.attempt(kind, data, size);
                if (step.need == Need::Nothing) {
                    finished = true;
                    result = step;
                }
            }
            char *out = nullptr;
            if (const std::size_t pending = stream.pendingOutput(&out); pending > 0) {
                phase = Phase::Writing;
                waited = true;
                return boost::asio::async_write(stream.m_socket, boost::asio::buffer(out, pending), std::move(self));
            }
            if (finished) {
                if (waited)
                    return self.complete(result.error, result.bytes);
                phase = Phase::Posted;
                return boost::asio::post(stream.m_socket.get_executor(), std::move(self));
            }
            if (step.need == Need::Input) {
                char *in = nullptr;
                const std::size_t room = stream.inputRoom(&in);
                if (room > 0) {
                    phase = Phase::Reading;
                    waited = true;
                    return stream.m_socket.async_read_some(boost::asio::buffer(in, room), std::move(self));
                }
            }
            // OpenSSL wants to send with nothing to send, or to read with no room: cannot go on.
            finished = true;
            result = Step{Need::Nothing, 0, boost::asio::error::make_error_code(boost::asio::error::no_buffer_space)};
        }
    }
};

template <typename Token>
auto TlsStream::start(Kind kind, void *data, std::size_t size, Token &&token)
{
    return boost::asio::async_compose<Token, void(error_code, std::size_t)>(Operation{*this, kind, data, size}, token,
                                                                            m_socket);
}

} // namespace parley::server
