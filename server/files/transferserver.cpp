#include "server/files/transferserver.h"

#include "common/sha256.h"
#include "common/trailinghasher.h"
#include "protocol/textrules.h"
#include "server/files/blobstore.h"
#include "server/files/filegrants.h"
#include "server/files/fileledger.h"
#include "server/files/httpfields.h"
#include "server/files/tlsstream.h"
#include "server/files/transferpacer.h"
#include "server/files/uploadcheckpoints.h"
#include "server/files/uploadhashes.h"
#include "server/iclock.h"
#include "server/logging.h"
#include "server/ops/metrics.h"
#include "server/steadyclock.h"
#include "server/storage/istore.h"
#include "server/storage/lockkey.h"
#include "server/storage/storeexecutor.h"
#include "server/tls/tlspolicy.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <utility> // before Asio: its awaitable.hpp uses std::exchange

#include <boost/asio.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>

#include <mutex>
#include <pthread.h>
#include <set>
#include <thread>
#include <vector>

namespace parley::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Stream = TlsStream;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kTusVersion = "1.0.0";
constexpr auto kTusExtensions = "creation,checksum,termination";
constexpr char kFilesPath[] = "/files";
constexpr char kUploadsPrefix[] = "/files/uploads/";
constexpr char kFilesPrefix[] = "/files/";

// A transfer in progress as the operator counts it (Metrics), for as long as it lives.
class CountedTransfer {
public:
    CountedTransfer(Metrics *metrics, Metrics::Direction direction) : m_metrics(metrics), m_direction(direction)
    {
        if (m_metrics)
            m_metrics->transferStarted(m_direction);
    }
    ~CountedTransfer()
    {
        if (m_metrics)
            m_metrics->transferEnded(m_direction);
    }
    CountedTransfer(const CountedTransfer &) = delete;
    CountedTransfer &operator=(const CountedTransfer &) = delete;
    void moved(quint64 bytes) const
    {
        if (m_metrics)
            m_metrics->transferred(m_direction, bytes);
    }

private:
    Metrics *m_metrics;
    Metrics::Direction m_direction;
};

// The Content-Type a download is served with. A file's type is what its sender said; only kinds that no browser
// runs as a page or a script are served as said (SVG is not one of them); the rest as plain bytes. With nosniff
// and "attachment", a file fetched where a browser might show it stays a file.
std::string servedType(const QString &declared)
{
    static const QStringList kShownAsSaid{u"image/jpeg"_s, u"image/png"_s, u"image/gif"_s, u"image/webp"_s};
    const QString type = declared.toLower();
    const bool media = (type.startsWith(u"audio/"_s) || type.startsWith(u"video/"_s)) && limits::isMimeType(type);
    return media || kShownAsSaid.contains(type) ? type.toStdString() : std::string("application/octet-stream");
}

} // namespace

// What is left of a request's body after its header.
struct Body {
    std::optional<quint64> left;   // bytes not read yet; none: of unknown length (chunked), never read
    bool keepAlive = false;        // the request asked to keep the link open
    bool awaitingContinue = false; // the client sends the body only after a "100 Continue"
};

struct TransferServer::Impl {
    Options options;
    StoreExecutor &store;
    const FileLedger &ledger;
    const FileGrants &grants;
    const BlobStore &blobs;
    const IClock &clock;

    // Declared before the io_context: transfers still suspended when it is destroyed release their locks and
    // their TLS state into these.
    std::mutex tlsMutex;
    std::shared_ptr<asio::ssl::context> tls; // the certificate now; a connection keeps the one it began with
    std::mutex busyMutex;
    std::set<QString> busyUploads; // an upload is written by one request at a time
    // Hashing runs here, not on the transfer threads: uploads' running hashes, behind their writers, and a
    // whole file's at the end of an upload whose running hash was lost.
    asio::thread_pool hashing{1};
    UploadHashes hashes{[this](std::function<void()> slice) { asio::post(hashing, std::move(slice)); }};
    UploadCheckpoints checkpoints{store, clock};
    int port = 0;

    asio::io_context io;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::vector<std::thread> threads;

    Impl(Options o, StoreExecutor &s, const FileLedger &l, const FileGrants &g, const BlobStore &b, const IClock &c)
        : options(std::move(o)), store(s), ledger(l), grants(g), blobs(b), clock(c), io(std::max(1, options.threads))
    {
        asio::post(hashing, [] { pthread_setname_np(pthread_self(), "parleyd-hash"); });
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    // Runs `work` on the storage thread (in a batch's transaction) and resumes with its result on the
    // awaiting coroutine's strand. `work` must be a named lambda (it is moved from): GCC 12 destroys a lambda
    // that is a temporary of a co_await expression twice, so the lvalue reference keeps temporaries out.
    template <typename T, typename Work>
    auto onStorage(Work &work, QList<qint64> lockKeys = {})
    {
        return asio::async_initiate<decltype(asio::use_awaitable), void(Result<T>)>(
            [this, lockKeys = std::move(lockKeys)](auto handler, Work work) {
                auto executor = asio::get_associated_executor(handler);
                auto shared = std::make_shared<decltype(handler)>(std::move(handler));
                store.submit<Result<T>>(
                    std::function<Result<T>(IStore &)>(std::move(work)),
                    [executor, shared](Result<T> result) {
                        asio::post(executor,
                                   [shared, result = std::move(result)]() mutable { (*shared)(std::move(result)); });
                    },
                    [executor, shared](const Error &error) {
                        asio::post(executor, [shared, error]() mutable { (*shared)(Result<T>(error)); });
                    },
                    lockKeys);
            },
            asio::use_awaitable, std::move(work));
    }

    // Runs `work` on the hashing thread and resumes with its result; a named lambda, as for onStorage.
    template <typename T, typename Work>
    auto onWorker(Work &work)
    {
        return asio::async_initiate<decltype(asio::use_awaitable), void(Result<T>)>(
            [this](auto handler, Work work) {
                auto executor = asio::get_associated_executor(handler);
                auto shared = std::make_shared<decltype(handler)>(std::move(handler));
                asio::post(hashing, [executor, shared, work = std::move(work)]() mutable {
                    asio::post(executor, [shared, result = work()]() mutable { (*shared)(std::move(result)); });
                });
            },
            asio::use_awaitable, std::move(work));
    }

    struct UploadLock {
        Impl *impl = nullptr;
        QString id;
        ~UploadLock()
        {
            if (impl) {
                std::lock_guard guard(impl->busyMutex);
                impl->busyUploads.erase(id);
            }
        }
    };
    std::unique_ptr<UploadLock> lockUpload(const QString &id)
    {
        std::lock_guard guard(busyMutex);
        if (!busyUploads.insert(id).second)
            return nullptr;
        return std::unique_ptr<UploadLock>(new UploadLock{this, id});
    }

    template <typename Body>
    static void common(http::response<Body> &res, bool tus)
    {
        res.set(http::field::server, "parleyd");
        res.set(http::field::cache_control, "no-store");
        if (tus)
            res.set("Tus-Resumable", kTusVersion);
    }

    static http::response<http::string_body> answer(unsigned version, bool keepAlive, http::status status,
                                                    bool tus = true)
    {
        http::response<http::string_body> res{status, version};
        common(res, tus);
        res.keep_alive(keepAlive);
        res.prepare_payload();
        return res;
    }

    // An error as the status, Parley-Error: <ErrorCode>, and {"code": …, "message": …}.
    static http::response<http::string_body> noGrant(unsigned version, bool keepAlive, FileGrants::Purpose purpose)
    {
        const bool upload = purpose == FileGrants::Purpose::Upload; // tus headers on the tus side only
        return failure(
            version, keepAlive,
            Error(ErrorCode::PermissionDenied, upload ? u"no valid upload grant"_s : u"no valid download grant"_s),
            upload);
    }

    // Another request is writing this upload (tus has no word for it; 423 Locked, retried after a while).
    static http::response<http::string_body> uploadBusy(unsigned version, bool keepAlive)
    {
        return failure(version, keepAlive, Error(ErrorCode::Unavailable, u"the upload is being written"_s), true,
                       http::status::locked);
    }

    static http::response<http::string_body> failure(unsigned version, bool keepAlive, const Error &error,
                                                     bool tus = true, std::optional<http::status> status = {})
    {
        http::response<http::string_body> res{status.value_or(httpStatusOf(error.code)), version};
        common(res, tus);
        res.set("Parley-Error", std::to_string(int(error.code)));
        res.set(http::field::content_type, "application/json");
        res.body() = QJsonDocument(QJsonObject{{u"code"_s, int(error.code)}, {u"message"_s, error.message}})
                         .toJson(QJsonDocument::Compact)
                         .toStdString();
        res.keep_alive(keepAlive);
        res.prepare_payload();
        return res;
    }

    std::optional<FileGrants::Grant> bearer(const http::request_header<> &req, FileGrants::Purpose purpose) const
    {
        const QString header = text(req[http::field::authorization]);
        if (!header.startsWith(u"Bearer "_s))
            return std::nullopt;
        return grants.verify(header.mid(7).trimmed(), purpose, clock.nowMs());
    }

    std::shared_ptr<asio::ssl::context> currentTls()
    {
        const std::lock_guard lock(tlsMutex);
        return tls;
    }

    // A server context with the certificate: TLS 1.2 and 1.3, the ciphers of tlspolicy.h. Throws on bad PEM.
    static std::shared_ptr<asio::ssl::context> makeTls(const QByteArray &certificatePem, const QByteArray &keyPem)
    {
        auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
        context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
        if (SSL_CTX_set_cipher_list(context->native_handle(), tlspolicy::kTls12Ciphers) != 1)
            throw std::runtime_error("cannot set the TLS 1.2 cipher list");
        context->use_certificate_chain(asio::buffer(certificatePem.constData(), size_t(certificatePem.size())));
        context->use_private_key(asio::buffer(keyPem.constData(), size_t(keyPem.size())), asio::ssl::context::pem);
        return context;
    }

    // ---- the connection -----------------------------------------------------------------------------------

    asio::awaitable<void> serve(tcp::socket socket)
    {
        const std::shared_ptr<asio::ssl::context> context = currentTls();
        Stream stream(std::move(socket), context->native_handle());
        beast::error_code ec;
        stream.expires_after(std::chrono::seconds(kIdleTimeoutS));
        co_await stream.async_handshake(asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        // Beast reads a header with as much room as the buffer has (at least 512 bytes): room for a whole one
        // takes it in one read. Bodies are read past Beast (readBody).
        beast::flat_buffer buffer;
        buffer.reserve(kMaxHeaderBytes);
        for (;;) {
            http::request_parser<http::buffer_body> parser;
            parser.header_limit(kMaxHeaderBytes);
            // Bodies are limited by each handler (a PATCH by what its upload has left, others to a block);
            // Beast's default would refuse a PATCH of more than 1 MB at its header.
            parser.body_limit(std::numeric_limits<std::uint64_t>::max());
            stream.expires_after(std::chrono::seconds(kIdleTimeoutS));
            co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                break; // closed, timed out, or not HTTP
            Body body;
            if (parser.is_done())
                body.left = 0;
            else if (const auto length = parser.content_length())
                body.left = *length;
            body.keepAlive = parser.get().keep_alive();
            body.awaitingContinue = !parser.is_done() && parser.get().version() >= 11 &&
                                    beast::iequals(parser.get()[http::field::expect], "100-continue");
            const bool keepAlive = co_await handle(stream, buffer, parser, body);
            if (!keepAlive)
                break;
        }
        stream.expires_after(std::chrono::seconds(kShutdownTimeoutS));
        co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    }

    template <typename Response>
    asio::awaitable<bool> send(Stream &stream, Response res)
    {
        beast::error_code ec;
        const bool keepAlive = res.keep_alive();
        co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        co_return !ec && keepAlive;
    }

    // The next bytes of a request's body, at most `size`: first those read with its header, then straight from
    // the stream into `to` (Beast's parser would copy them through its buffer in pieces of at most 64 KiB).
    static asio::awaitable<std::size_t> readBody(Stream &stream, beast::flat_buffer &buffer, char *to, std::size_t size,
                                                 beast::error_code &ec)
    {
        Q_ASSERT(size > 0); // a read of nothing would return at once, and a loop around it never end
        if (buffer.size() > 0) {
            const std::size_t n = asio::buffer_copy(asio::buffer(to, size), buffer.data());
            buffer.consume(n);
            co_return n;
        }
        stream.expires_after(std::chrono::seconds(kIdleTimeoutS));
        co_return co_await stream.async_read_some(asio::buffer(to, size),
                                                  asio::redirect_error(asio::use_awaitable, ec));
    }

    // Reads and drops a body nobody asked for, so the next request on the link can be read; false if it is
    // larger than `limit`, of unknown length, not coming (its client awaits a 100 Continue it will not get), or
    // the link failed: the link is then closed after the answer.
    static asio::awaitable<bool> skipBody(Stream &stream, beast::flat_buffer &buffer, Body &body,
                                          quint64 limit = kBlockBytes)
    {
        if (body.left == quint64(0))
            co_return true;
        if (!body.left || *body.left > limit || body.awaitingContinue)
            co_return false;
        std::vector<char> scratch(static_cast<size_t>(std::min<quint64>(*body.left, kBlockBytes)));
        beast::error_code ec;
        while (*body.left > 0) {
            const std::size_t n = co_await readBody(stream, buffer, scratch.data(),
                                                    std::size_t(std::min<quint64>(*body.left, scratch.size())), ec);
            *body.left -= n;
            if (ec)
                co_return false;
        }
        co_return true;
    }

    // Answers a PATCH with an error. The rest of its body is read and dropped first (up to kMaxDrainBytes):
    // most clients read no answer while they are still sending, and would only see a closed link.
    asio::awaitable<bool> refuse(Stream &stream, beast::flat_buffer &buffer, Body &body,
                                 http::response<http::string_body> res)
    {
        const bool drained = co_await skipBody(stream, buffer, body, kMaxDrainBytes);
        res.keep_alive(drained && body.keepAlive);
        co_return co_await send(stream, std::move(res));
    }

    asio::awaitable<bool> handle(Stream &stream, beast::flat_buffer &buffer,
                                 http::request_parser<http::buffer_body> &parser, Body &body)
    {
        const auto &req = parser.get();
        const unsigned version = req.version();
        const bool keepAlive = req.keep_alive();
        const QString target = text(req.target());
        const http::verb method = req.method();

        if (method == http::verb::patch && target.startsWith(QLatin1StringView(kUploadsPrefix))) {
            // Coroutine arguments are named values, never temporaries or references to them: GCC 12 gets the
            // lifetime of temporaries in co_await expressions wrong.
            QString id = target.mid(int(qstrlen(kUploadsPrefix)));
            co_return co_await patch(stream, buffer, parser, body, std::move(id));
        }

        const bool bodyRead = co_await skipBody(stream, buffer, body);
        const bool again = keepAlive && bodyRead;
        if (method == http::verb::options && (target == QLatin1StringView(kFilesPath) || target == u"*"_s)) {
            auto res = answer(version, again, http::status::no_content);
            res.set("Tus-Version", kTusVersion);
            res.set("Tus-Extension", kTusExtensions);
            res.set("Tus-Max-Size", std::to_string(ledger.policy().maxFileSize));
            res.set("Tus-Checksum-Algorithm", "sha256");
            co_return co_await send(stream, std::move(res));
        }
        if (method == http::verb::post && target == QLatin1StringView(kFilesPath))
            co_return co_await create(stream, req, again);
        if ((method == http::verb::head || method == http::verb::delete_) &&
            target.startsWith(QLatin1StringView(kUploadsPrefix))) {
            const QString id = target.mid(int(qstrlen(kUploadsPrefix)));
            if (method == http::verb::head) // (not a conditional expression: GCC 12 mis-handles its temporaries)
                co_return co_await head(stream, req, again, id);
            co_return co_await terminate(stream, req, again, id);
        }
        if ((method == http::verb::get || method == http::verb::head) &&
            target.startsWith(QLatin1StringView(kFilesPrefix)) &&
            !target.startsWith(QLatin1StringView(kUploadsPrefix))) {
            QString id = target.mid(int(qstrlen(kFilesPrefix)));
            co_return co_await download(stream, req, again, std::move(id), method == http::verb::head);
        }
        co_return co_await send(stream, failure(version, again, Error(ErrorCode::NotFound, u"no such resource"_s)));
    }

    // POST /files: a new upload (tus creation).
    asio::awaitable<bool> create(Stream &stream, const http::request<http::buffer_body> &req, bool again)
    {
        const unsigned version = req.version();
        const std::optional<FileGrants::Grant> grant = bearer(req, FileGrants::Purpose::Upload);
        if (!grant)
            co_return co_await send(stream, noGrant(version, again, FileGrants::Purpose::Upload));
        const std::optional<quint64> length = parseNumber(req["Upload-Length"]);
        const QHash<QString, QByteArray> metadata = parseMetadata(text(req["Upload-Metadata"]));
        if (!length)
            co_return co_await send(
                stream, failure(version, again, Error(ErrorCode::MalformedRequest, u"Upload-Length is missing"_s)));
        const QByteArray sha256 = metadata.value(u"sha256"_s);
        const QString mime = QString::fromUtf8(metadata.value(u"filetype"_s));
        const QString name = QString::fromUtf8(metadata.value(u"filename"_s));
        const qint64 userId = grant->userId;
        auto create = [this, userId, size = *length, sha256, mime, name](IStore &s) {
            return ledger.createUpload(s, userId, size, sha256, mime, name, clock.nowMs());
        };
        const Result<UploadRecord> created = co_await onStorage<UploadRecord>(create);
        if (!created)
            co_return co_await send(stream, failure(version, again, created.error()));
        auto res = answer(version, again, http::status::created);
        res.set(http::field::location, std::string(kUploadsPrefix) + str(created->id));
        res.set("Upload-Offset", "0");
        co_return co_await send(stream, std::move(res));
    }

    asio::awaitable<bool> head(Stream &stream, const http::request<http::buffer_body> &req, bool again, QString id)
    {
        const unsigned version = req.version();
        const std::optional<FileGrants::Grant> grant = bearer(req, FileGrants::Purpose::Upload);
        if (!grant)
            co_return co_await send(stream, noGrant(version, again, FileGrants::Purpose::Upload));
        co_await checkpoints.settled(id);
        auto find = [userId = grant->userId, id](IStore &s) { return FileLedger::uploadOf(s, userId, id); };
        const Result<UploadRecord> upload = co_await onStorage<UploadRecord>(find);
        if (!upload)
            co_return co_await send(stream, failure(version, again, upload.error()));
        auto res = answer(version, again, http::status::ok);
        res.set("Upload-Offset", std::to_string(upload->offset));
        res.set("Upload-Length", std::to_string(upload->size));
        co_return co_await send(stream, std::move(res));
    }

    asio::awaitable<bool> terminate(Stream &stream, const http::request<http::buffer_body> &req, bool again, QString id)
    {
        const unsigned version = req.version();
        const std::optional<FileGrants::Grant> grant = bearer(req, FileGrants::Purpose::Upload);
        if (!grant)
            co_return co_await send(stream, noGrant(version, again, FileGrants::Purpose::Upload));
        const std::unique_ptr<UploadLock> lock = lockUpload(id);
        if (!lock)
            co_return co_await send(stream, uploadBusy(version, again));
        co_await checkpoints.settled(id);
        auto drop = [userId = grant->userId, id](IStore &s) {
            Result<UploadRecord> upload = FileLedger::uploadOf(s, userId, id);
            if (upload)
                s.files().deleteUpload(id);
            return upload;
        };
        const Result<UploadRecord> gone = co_await onStorage<UploadRecord>(drop);
        if (!gone)
            co_return co_await send(stream, failure(version, again, gone.error()));
        blobs.removeUpload(id);
        hashes.drop(id);
        co_return co_await send(stream, answer(version, again, http::status::no_content));
    }

    // PATCH /files/uploads/<id>: bytes at Upload-Offset, streamed to disk, durable at every checkpoint.
    asio::awaitable<bool> patch(Stream &stream, beast::flat_buffer &buffer,
                                http::request_parser<http::buffer_body> &parser, Body &body, QString id)
    {
        const auto &req = parser.get();
        const unsigned version = req.version();
        // Whatever goes wrong before the body is read is answered by refuse(): the rest of the body is read
        // and dropped first, so the client gets to see the answer.
        const std::optional<FileGrants::Grant> grant = bearer(req, FileGrants::Purpose::Upload);
        if (!grant)
            co_return co_await refuse(stream, buffer, body, noGrant(version, false, FileGrants::Purpose::Upload));
        if (text(req[http::field::content_type]) != u"application/offset+octet-stream"_s)
            co_return co_await refuse(stream, buffer, body,
                                      failure(version, false,
                                              Error(ErrorCode::MalformedRequest, u"wrong Content-Type"_s), true,
                                              http::status::unsupported_media_type));
        const std::optional<quint64> offset = parseNumber(req["Upload-Offset"]);
        const auto length = parser.content_length();
        if (!offset || !length)
            co_return co_await refuse(
                stream, buffer, body,
                failure(version, false,
                        Error(ErrorCode::MalformedRequest, u"Upload-Offset and Content-Length are needed"_s)));
        QByteArray expectedChecksum;
        if (const QString checksum = text(req["Upload-Checksum"]); !checksum.isEmpty()) {
            if (!checksum.startsWith(u"sha256 "_s))
                co_return co_await refuse(stream, buffer, body,
                                          failure(version, false,
                                                  Error(ErrorCode::MalformedRequest, u"only sha256 checksums"_s), true,
                                                  http::status::bad_request));
            expectedChecksum = QByteArray::fromBase64(checksum.mid(7).trimmed().toLatin1());
        }
        // The whole file's SHA-256, from a sender that sent while hashing (its upload was created without one).
        QByteArray declared;
        if (const QString sha256 = text(req["Parley-Sha256"]); !sha256.isEmpty()) {
            declared = QByteArray::fromBase64(sha256.toLatin1());
            if (declared.size() != FileLedger::kSha256Bytes)
                co_return co_await refuse(
                    stream, buffer, body,
                    failure(version, false, Error(ErrorCode::MalformedRequest, u"Parley-Sha256 is not 32 bytes"_s)));
        }
        std::unique_ptr<UploadLock> lock = lockUpload(id);
        if (!lock)
            co_return co_await refuse(stream, buffer, body, uploadBusy(version, false));
        // Let go of before any answer: the next request for this upload may come on another connection as
        // soon as the client has it.
        const auto unlocked = [&lock](auto response) {
            lock.reset();
            return response;
        };
        co_await checkpoints.settled(id);
        auto find = [userId = grant->userId, id](IStore &s) { return FileLedger::uploadOf(s, userId, id); };
        Result<UploadRecord> upload = co_await onStorage<UploadRecord>(find);
        if (!upload)
            co_return co_await refuse(stream, buffer, body, unlocked(failure(version, false, upload.error())));
        if (*offset != upload->offset) {
            // Answered at once and the link closed, without reading the body: this is most often a client's HTTP
            // stack replaying a PATCH cut off earlier, whose bytes the server already has; draining it would
            // send them all again. The client learns the offset from this answer or from HEAD.
            auto res =
                failure(version, false, Error(ErrorCode::MalformedRequest, u"Upload-Offset is not the upload's"_s),
                        true, http::status::conflict);
            res.set("Upload-Offset", std::to_string(upload->offset));
            res.keep_alive(false);
            co_return co_await send(stream, unlocked(std::move(res)));
        }
        if (*length > upload->size - upload->offset)
            co_return co_await refuse(
                stream, buffer, body,
                unlocked(
                    failure(version, false, Error(ErrorCode::TooLarge, u"more bytes than the upload has left"_s))));
        Result<BlobStore::Writer> writer = blobs.openUploadAt(id, upload->offset);
        if (!writer)
            co_return co_await refuse(stream, buffer, body, unlocked(failure(version, false, writer.error())));

        // The body, block by block, to the disk; a checkpoint every kCheckpointBytes. Without a checksum, what
        // arrived before a cut is kept (made durable and recorded), so a resumed upload sends nothing twice.
        // The whole file's hash runs behind, on the hashing thread (when this upload's is known up to here).
        std::shared_ptr<TrailingHasher> running = hashes.take(id, upload->offset, blobs.uploadPath(id));
        const CountedTransfer counted(options.metrics, Metrics::Direction::Upload);
        Sha256 checksum;
        std::vector<char> block(static_cast<size_t>(kBlockBytes));
        quint64 written = 0, durable = 0, hashStep = 0;
        // The checkpoint under way (one at a time, so offsets are recorded in order) and where it was taken.
        std::shared_ptr<UploadCheckpoints::Checkpoint> pending;
        quint64 marked = 0;
        const auto executor = co_await asio::this_coro::executor;
        beast::error_code ec;
        std::optional<Error> diskError;
        if (body.awaitingContinue) {
            http::response<http::empty_body> go{http::status::continue_, version};
            co_await http::async_write(stream, go, asio::redirect_error(asio::use_awaitable, ec));
            body.awaitingContinue = false;
        }
        while (!ec && *body.left > 0) {
            // Without a checksum, a read stops kCheckpointBytes past the last checkpoint taken: if that one is
            // still under way there, it is waited for. (With one there are none: nothing is kept before the end.)
            quint64 room = std::min<quint64>(*body.left, block.size());
            if (expectedChecksum.isEmpty())
                room = std::min(room, marked + kCheckpointBytes - written);
            const qint64 received = qint64(co_await readBody(stream, buffer, block.data(), std::size_t(room), ec));
            *body.left -= quint64(received);
            counted.moved(quint64(std::max<qint64>(received, 0)));
            if (received > 0) {
                if (const Result<Done> w = writer->write(block.data(), received); !w) {
                    diskError = w.error();
                    break;
                }
                if (!expectedChecksum.isEmpty())
                    checksum.add(QByteArrayView(block.data(), received));
                co_await pace(quint64(received));
                written += quint64(received);
                // Without a checksum, what is written is kept: the hasher may read it.
                if (running && expectedChecksum.isEmpty() && written - hashStep >= TrailingHasher::kSliceBytes) {
                    hashStep = written;
                    running->extendTo(upload->offset + written);
                }
            }
            if (ec) {
                qCDebug(lcFiles) << "upload cut:" << QString::fromStdString(ec.message()) << "- kept"
                                 << upload->offset + written;
                break;
            }
            // A checkpoint syncs while the next bytes are read, and the next one starts as soon as it is done,
            // so that little is left to sync when the body ends. (At the end, the last one follows the loop.)
            if (expectedChecksum.isEmpty() && *body.left > 0) {
                if (pending && (pending->result || written - marked >= kCheckpointBytes)) {
                    const Result<Done> saved = co_await UploadCheckpoints::finished(pending);
                    if (!saved) {
                        diskError = saved.error();
                        pending.reset();
                        break;
                    }
                    durable = pending->offset - upload->offset;
                    pending.reset();
                }
                if (!pending && written - marked >= kMinCheckpointBytes) {
                    pending = checkpoints.start(executor, *writer, id, upload->offset + written);
                    marked = written;
                }
            }
        }
        if (pending) {
            const Result<Done> saved = co_await UploadCheckpoints::finished(pending);
            if (saved)
                durable = pending->offset - upload->offset;
            else if (!diskError)
                diskError = saved.error();
        }
        const bool complete = !ec && !diskError && *body.left == 0;
        if (!complete || (!expectedChecksum.isEmpty() && checksum.result() != expectedChecksum)) {
            // Keep what is durable-worthy: without a checksum everything received; with one, nothing of it.
            const quint64 keep = expectedChecksum.isEmpty() && !diskError ? written : durable;
            writer->truncate(upload->offset + keep);
            if (keep > durable) {
                // (the result kept in a variable: GCC 12 destroys a discarded co_await's temporaries twice)
                const Result<Done> saved = co_await checkpoint(*writer, id, upload->offset + keep);
                if (!saved && !diskError)
                    diskError = saved.error();
            }
            if (running && keep == written && !diskError) { // the hasher may go on to what is kept
                running->extendTo(upload->offset + keep);
                hashes.put(id, std::move(running));
            }
            if (diskError)
                co_return co_await refuse(stream, buffer, body, unlocked(failure(version, false, *diskError)));
            if (complete) // the checksum did not match (tus: 460)
                co_return co_await refuse(
                    stream, buffer, body,
                    unlocked(failure(version, false, Error(ErrorCode::FileCorrupt, u"checksum mismatch"_s), true,
                                     http::status(460))));
            co_return false; // the client went away; nobody to answer
        }
        const quint64 newOffset = upload->offset + written;
        if (running) // hashed while the checkpoint syncs
            running->extendTo(newOffset);
        if (newOffset < upload->size && !options.sharedStore) {
            checkpoints.settleBehind(*writer, id, newOffset);
        } else if (const Result<Done> saved = co_await checkpoint(*writer, id, newOffset); !saved) {
            co_return co_await refuse(stream, buffer, body, unlocked(failure(version, false, saved.error())));
        }
        auto res = answer(version, req.keep_alive(), http::status::no_content);
        res.set("Upload-Offset", std::to_string(newOffset));
        // Whole but nameless (nobody said what its SHA-256 is), it waits for a PATCH (an empty one will do) that
        // says so; its hasher waits with it, as one of an unfinished upload does.
        const bool nameless = upload->sha256.isEmpty() && declared.isEmpty();
        if (running && (newOffset < upload->size || nameless))
            hashes.put(id, std::move(running));
        if (newOffset == upload->size && nameless) {
            co_return co_await send(
                stream,
                unlocked(failure(version, req.keep_alive(),
                                 Error(ErrorCode::MalformedRequest,
                                       u"the file's SHA-256 is needed with its last bytes (Parley-Sha256)"_s))));
        }
        if (newOffset == upload->size) {
            upload->offset = newOffset;
            const Result<FileRecord> file = co_await finish(*upload, running, declared);
            if (!file)
                co_return co_await send(stream, unlocked(failure(version, req.keep_alive(), file.error())));
            if (options.metrics)
                options.metrics->uploadCompleted();
            res.set("Parley-File-Id", str(file->id));
        }
        co_return co_await send(stream, unlocked(std::move(res)));
    }

    // Waits as long as the pacer asks after a transfer moved `bytes`.
    asio::awaitable<void> pace(quint64 bytes)
    {
        if (!options.pacer)
            co_return;
        const qint64 waitUs = options.pacer->reserve(steadyNowUs(), qint64(bytes));
        if (waitUs <= 0)
            co_return;
        asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::microseconds(waitUs));
        beast::error_code ec; // cancelled only when the server stops
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }

    // A checkpoint started and awaited.
    asio::awaitable<Result<Done>> checkpoint(const BlobStore::Writer &writer, QString id, quint64 offset)
    {
        const auto executor = co_await asio::this_coro::executor;
        const std::shared_ptr<UploadCheckpoints::Checkpoint> pending = checkpoints.start(executor, writer, id, offset);
        co_return co_await UploadCheckpoints::finished(pending);
    }

    // The last byte is in: the whole file's SHA-256 (the running one's, or read from the disk now) must be the
    // declared one (at creation, or with the last bytes by a sender that sent while hashing), then the content
    // is stored once (a blob per SHA-256) and the upload becomes a file.
    // (References, not copies: GCC 12 mishandles a co_await expression's temporaries.)
    asio::awaitable<Result<FileRecord>>
    finish(const UploadRecord &finished, const std::shared_ptr<TrailingHasher> &running, const QByteArray &declared)
    {
        UploadRecord upload = finished;
        if (!upload.sha256.isEmpty() && !declared.isEmpty() && declared != upload.sha256)
            co_return co_await dropCorrupt(upload);
        if (upload.sha256.isEmpty())
            upload.sha256 = declared;
        auto hash = [path = blobs.uploadPath(upload.id), size = upload.size, running]() -> Result<QByteArray> {
            if (running && running->target() == size) {
                if (QByteArray digest = running->result(); !digest.isEmpty())
                    return digest;
            }
            return BlobStore::sha256Of(path, 0, size);
        };
        const Result<QByteArray> actual = co_await onWorker<QByteArray>(hash);
        if (!actual)
            co_return actual.error();
        if (actual.value() != upload.sha256)
            co_return co_await dropCorrupt(upload);
        // On the storage thread and under the content's lock, so that collecting unused content (on this node
        // or another) cannot run between these two steps.
        auto keep = [this, upload](IStore &s) -> Result<FileRecord> {
            if (const Result<Done> promoted = blobs.promote(upload.id, upload.sha256); !promoted)
                return promoted.error();
            return FileLedger::completeUpload(s, upload, clock.nowMs());
        };
        const QList<qint64> contentLock{LockKey::ofContent(upload.sha256)}; // named, as `keep` is
        co_return co_await onStorage<FileRecord>(keep, contentLock);
    }

    // The upload's bytes are not the file its sender declared: it goes.
    asio::awaitable<Result<FileRecord>> dropCorrupt(const UploadRecord &upload)
    {
        auto drop = [id = upload.id](IStore &s) -> Result<Done> {
            s.files().deleteUpload(id);
            return Done{};
        };
        const Result<Done> dropped = co_await onStorage<Done>(drop);
        Q_UNUSED(dropped);
        blobs.removeUpload(upload.id);
        hashes.drop(upload.id);
        co_return Error(ErrorCode::FileCorrupt, u"the file's bytes do not match its SHA-256; send it again"_s);
    }

    // GET /files/<id>: the file, or the asked range of it, streamed from its blob.
    asio::awaitable<bool> download(Stream &stream, const http::request<http::buffer_body> &req, bool again,
                                   QString fileId, bool headOnly)
    {
        const unsigned version = req.version();
        const std::optional<FileGrants::Grant> grant = bearer(req, FileGrants::Purpose::Download);
        if (!grant)
            co_return co_await send(stream, noGrant(version, again, FileGrants::Purpose::Download));
        auto find = [userId = grant->userId, fileId](IStore &s) { return FileLedger::readable(s, userId, fileId); };
        const Result<FileRecord> file = co_await onStorage<FileRecord>(find);
        if (!file)
            co_return co_await send(stream, failure(version, again, file.error(), false));
        QFile blob(blobs.blobPath(file->sha256));
        if (!blob.open(QIODevice::ReadOnly))
            co_return co_await send(
                stream,
                failure(version, again, Error(ErrorCode::Unavailable, u"the file cannot be read now"_s), false));

        quint64 first = 0, last = file->size == 0 ? 0 : file->size - 1;
        http::status status = http::status::ok;
        if (const QString range = text(req[http::field::range]); !range.isEmpty()) {
            const auto r = parseRange(range, file->size);
            if (!r) {
                auto res = failure(version, again, Error(ErrorCode::MalformedRequest, u"unsatisfiable range"_s), false,
                                   http::status::range_not_satisfiable);
                res.set(http::field::content_range, "bytes */" + std::to_string(file->size));
                co_return co_await send(stream, std::move(res));
            }
            std::tie(first, last) = *r;
            status = http::status::partial_content;
        }
        const quint64 length = file->size == 0 ? 0 : last - first + 1;

        http::response<http::buffer_body> res{status, version};
        common(res, false);
        res.set(http::field::content_type, servedType(file->mimeType));
        res.set("X-Content-Type-Options", "nosniff");
        res.set(http::field::content_disposition, "attachment");
        res.set(http::field::accept_ranges, "bytes");
        res.set(http::field::etag, "\"" + file->sha256.toHex().toStdString() + "\"");
        if (status == http::status::partial_content)
            res.set(http::field::content_range,
                    "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(file->size));
        res.content_length(length);
        res.keep_alive(again);
        res.body().data = nullptr;
        res.body().more = !headOnly && length > 0;
        http::response_serializer<http::buffer_body> serializer{res};
        beast::error_code ec;
        co_await http::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || headOnly || length == 0)
            co_return !ec && again;
        if (!blob.seek(qint64(first)))
            co_return false;
        std::vector<char> block(static_cast<size_t>(kBlockBytes));
        const CountedTransfer counted(options.metrics, Metrics::Direction::Download);
        quint64 left = length;
        while (left > 0) {
            const qint64 n = blob.read(block.data(), qint64(std::min<quint64>(left, block.size())));
            if (n <= 0)
                co_return false; // the promised length cannot be kept: close the link
            co_await pace(quint64(n)); // before it goes: the last block too arrives in its time
            left -= quint64(n);
            res.body().data = block.data();
            res.body().size = size_t(n);
            res.body().more = left > 0;
            stream.expires_after(std::chrono::seconds(kIdleTimeoutS));
            co_await http::async_write(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
            if (ec == http::error::need_buffer)
                ec = {};
            if (ec)
                co_return false;
            counted.moved(quint64(n));
        }
        co_return again;
    }

    asio::awaitable<void> acceptLoop()
    {
        for (;;) {
            beast::error_code ec;
            tcp::socket socket =
                co_await acceptor->async_accept(asio::make_strand(io), asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor->is_open())
                co_return;
            if (ec)
                continue;
            // A response (an offset, a header before a body) must not wait for Nagle and the peer's delayed ACK.
            socket.set_option(tcp::no_delay(true), ec);
            auto executor = socket.get_executor();
            asio::co_spawn(executor, serve(std::move(socket)), [](std::exception_ptr e) {
                if (!e)
                    return;
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception &x) {
                    qCWarning(lcFiles) << "a transfer failed:" << x.what();
                }
            });
        }
    }
};

TransferServer::TransferServer(Options options, StoreExecutor &store, const FileLedger &ledger,
                               const FileGrants &grants, const BlobStore &blobs, const IClock &clock)
    : d(std::make_unique<Impl>(std::move(options), store, ledger, grants, blobs, clock))
{
}

TransferServer::~TransferServer()
{
    stop();
}

Result<int> TransferServer::start()
{
    try {
        d->tls = Impl::makeTls(d->options.certificatePem, d->options.privateKeyPem);
        const auto address = asio::ip::make_address(d->options.address.toString().toStdString());
        d->acceptor = std::make_unique<tcp::acceptor>(d->io, tcp::endpoint(address, quint16(d->options.port)));
        d->port = d->acceptor->local_endpoint().port();
    } catch (const std::exception &e) {
        return Error(
            ErrorCode::Unavailable,
            u"cannot listen for files on port %1: %2"_s.arg(d->options.port).arg(QString::fromLocal8Bit(e.what())));
    }
    asio::co_spawn(d->io, d->acceptLoop(), asio::detached);
    for (int i = 0; i < std::max(1, d->options.threads); ++i)
        d->threads.emplace_back([this] {
            pthread_setname_np(pthread_self(), "parleyd-files");
            d->io.run();
        });
    qCInfo(lcFiles) << "files on port" << d->port;
    return d->port;
}

Result<Done> TransferServer::setCertificate(const QByteArray &certificatePem, const QByteArray &privateKeyPem)
{
    try {
        std::shared_ptr<asio::ssl::context> context = Impl::makeTls(certificatePem, privateKeyPem);
        const std::lock_guard lock(d->tlsMutex);
        d->tls = std::move(context);
    } catch (const std::exception &e) {
        return Error(ErrorCode::Internal,
                     u"the files port keeps its certificate: %1"_s.arg(QString::fromLocal8Bit(e.what())));
    }
    return Done{};
}

void TransferServer::stop()
{
    if (d->threads.empty())
        return;
    asio::post(d->io, [this] {
        beast::error_code ignored;
        d->acceptor->close(ignored);
    });
    d->io.stop();
    for (std::thread &t : d->threads)
        t.join();
    d->threads.clear();
    d->hashing.stop();
    d->hashing.join();
    d->checkpoints.stop();
}

} // namespace parley::server
