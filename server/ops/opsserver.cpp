#include "server/ops/opsserver.h"

#include "server/logging.h"

#include <utility> // before Asio: its awaitable.hpp uses std::exchange

#include <boost/asio.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/beast.hpp>

#include <pthread.h>
#include <thread>

namespace parley::server {

using namespace Qt::StringLiterals;

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct OpsServer::Impl {
    Options options;
    asio::io_context io{1};
    std::unique_ptr<tcp::acceptor> acceptor;
    std::thread thread;
    int port = 0;

    explicit Impl(Options o) : options(std::move(o)) {}

    http::response<http::string_body> answer(const http::request<http::empty_body> &req) const
    {
        http::response<http::string_body> res;
        res.version(req.version());
        res.keep_alive(req.keep_alive());
        res.set(http::field::server, "parleyd");
        res.set(http::field::cache_control, "no-store");
        const std::string_view target(req.target().data(), req.target().size());
        const std::string_view path = target.substr(0, target.find('?'));
        const bool get = req.method() == http::verb::get || req.method() == http::verb::head;
        if ((path == "/metrics" || path == "/healthz") && !get) {
            res.result(http::status::method_not_allowed);
            res.set(http::field::allow, "GET, HEAD");
            res.set(http::field::content_type, "text/plain; charset=utf-8");
            res.body() = "use GET\n";
        } else if (path == "/metrics") {
            res.result(http::status::ok);
            res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            res.body() = options.metrics().toStdString();
        } else if (path == "/healthz") {
            const Health health = options.health();
            res.result(health.ok ? http::status::ok : http::status::service_unavailable);
            res.set(http::field::content_type, "text/plain; charset=utf-8");
            res.body() = health.ok ? std::string("ok\n") : health.reason.toStdString() + '\n';
        } else {
            res.result(http::status::not_found);
            res.set(http::field::content_type, "text/plain; charset=utf-8");
            res.body() = "not found: this port serves /metrics and /healthz\n";
        }
        res.prepare_payload();
        return res;
    }

    asio::awaitable<void> serve(tcp::socket socket)
    {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        for (;;) {
            beast::error_code ec;
            http::request_parser<http::empty_body> parser;
            parser.header_limit(kMaxHeaderBytes);
            stream.expires_after(std::chrono::seconds(kIdleTimeoutS));
            co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
                    ec != asio::error::operation_aborted) {
                    http::response<http::string_body> bad{http::status::bad_request, 11};
                    bad.set(http::field::content_type, "text/plain; charset=utf-8");
                    bad.body() = "bad request\n";
                    bad.keep_alive(false);
                    bad.prepare_payload();
                    co_await http::async_write(stream, bad, asio::redirect_error(asio::use_awaitable, ec));
                }
                break;
            }
            http::response<http::string_body> res = answer(parser.get());
            const bool keepAlive = res.keep_alive();
            if (parser.get().method() == http::verb::head) { // the GET's header, Content-Length included, alone
                http::response<http::empty_body> head(std::move(res.base()));
                co_await http::async_write(stream, head, asio::redirect_error(asio::use_awaitable, ec));
            } else {
                co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
            }
            if (ec || !keepAlive)
                break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    asio::awaitable<void> acceptLoop()
    {
        for (;;) {
            beast::error_code ec;
            tcp::socket socket = co_await acceptor->async_accept(io, asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor->is_open())
                co_return;
            if (ec) { // out of descriptors, most likely: let the scrapes already in finish first
                asio::steady_timer pause(io, std::chrono::milliseconds(kAcceptRetryMs));
                co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                continue;
            }
            asio::co_spawn(io, serve(std::move(socket)), asio::detached);
        }
    }
};

OpsServer::OpsServer(Options options) : d(std::make_unique<Impl>(std::move(options)))
{
}

OpsServer::~OpsServer()
{
    stop();
}

Result<int> OpsServer::start()
{
    try {
        const auto address = asio::ip::make_address(d->options.address.toString().toStdString());
        d->acceptor = std::make_unique<tcp::acceptor>(d->io, tcp::endpoint(address, quint16(d->options.port)));
        d->port = d->acceptor->local_endpoint().port();
    } catch (const std::exception &e) {
        return Error(ErrorCode::Unavailable,
                     u"cannot listen for the ops port on %1 port %2: %3"_s.arg(d->options.address.toString())
                         .arg(d->options.port)
                         .arg(QString::fromLocal8Bit(e.what())));
    }
    asio::co_spawn(d->io, d->acceptLoop(), asio::detached);
    d->thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "parleyd-ops");
        d->io.run();
    });
    qCInfo(lcServer) << "metrics and health on port" << d->port;
    return d->port;
}

void OpsServer::stop()
{
    if (!d->thread.joinable())
        return;
    d->io.stop();
    d->thread.join();
}

} // namespace parley::server
