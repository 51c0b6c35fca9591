#include "core/files/transferthread.h"

#include "common/threadaffinity.h"
#include "core/files/filereply.h"
#include "core/logging.h"
#include "core/net/tlstransport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMetaObject>
#include <QSslCertificate>
#include <QThread>

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <mutex>

namespace parley {

using namespace Qt::StringLiterals;

struct TransferThread::Transfer {
    TransferThread *owner = nullptr;
    quint64 id = 0;
    Request request;
    CURL *easy = nullptr;
    curl_slist *headers = nullptr;
    std::unique_ptr<QFile> bodyFile;
    qint64 bodySize = 0; // of the file range or of the bytes
    qint64 bodySent = 0;
    QByteArray received; // not posted yet
    std::unique_ptr<QFile> sinkFile;
    bool sinking = false; // this response's body goes to sinkFile
    qint64 sinkEnd = 0;   // the file is written up to here
    qint64 reportedEnd = 0; // told to the reply
    Error sinkError;
    bool paused = false;
    int status = 0;
    FileReply::Headers responseHeaders;
    QElapsedTimer progressClock;
    bool pinMismatch = false;
    char errorText[CURL_ERROR_SIZE] = {};

    ~Transfer()
    {
        if (easy)
            curl_easy_cleanup(easy);
        curl_slist_free_all(headers);
    }
};

namespace {

// The sink file could not be written (or opened, or cut to its offset).
Error sinkFailure(bool diskFull = false)
{
    return Error(diskFull ? ErrorCode::LocalDiskFull : ErrorCode::StorageFailure, u"cannot write the file"_s);
}

Error errorOf(CURLcode code, bool pinMismatch, const char *text, const Error &sinkError)
{
    if (sinkError.isError())
        return sinkError;
    if (pinMismatch)
        return Error(ErrorCode::TlsFailure, u"the server's certificate does not match the pinned fingerprint"_s);
    const QString detail = QString::fromUtf8(*text ? text : curl_easy_strerror(code));
    switch (code) {
    case CURLE_OK: return Error();
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT: return Error(ErrorCode::NetworkUnreachable, detail);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE: return Error(ErrorCode::TlsFailure, detail);
    case CURLE_OPERATION_TIMEDOUT: return Error(ErrorCode::Timeout, detail);
    case CURLE_READ_ERROR:
    case CURLE_ABORTED_BY_CALLBACK: return Error(ErrorCode::FileUnreadable, u"the file could not be read"_s);
    default: return Error(ErrorCode::ConnectionLost, detail);
    }
}

} // namespace

TransferThread::TransferThread()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(u"parley-files"_s);
    m_thread->start();
}

TransferThread::~TransferThread()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_links.clear();
    }
    curl_multi_wakeup(m_multi);
    m_thread->wait();
    curl_multi_cleanup(m_multi);
}

void TransferThread::start(Request request, FileReply *reply)
{
    auto transfer = std::make_unique<Transfer>();
    transfer->owner = this;
    transfer->request = std::move(request);
    quint64 id = 0;
    {
        QMutexLocker lock(&m_mutex);
        id = m_nextId++;
        transfer->id = id;
        m_links.insert(id, Link{reply, 0});
        m_starting.push_back(std::move(transfer));
    }
    reply->setId(id);
    curl_multi_wakeup(m_multi);
}

void TransferThread::cancel(quint64 id)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_links.remove(id) == 0)
            return; // it had ended
        m_cancelled.push_back(id);
    }
    curl_multi_wakeup(m_multi);
}

void TransferThread::consumed(quint64 id, qint64 bytes)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto link = m_links.find(id);
        if (link == m_links.end())
            return;
        link->unread -= bytes;
    }
    curl_multi_wakeup(m_multi);
}

template <typename F>
void TransferThread::post(quint64 id, F &&deliver)
{
    // Under the lock: a reply being deleted waits in cancel() until this is posted (Qt then drops it).
    QMutexLocker lock(&m_mutex);
    const auto link = m_links.constFind(id);
    if (link == m_links.cend())
        return;
    FileReply *reply = link->reply;
    QMetaObject::invokeMethod(
        reply, [reply, deliver = std::forward<F>(deliver)] { deliver(*reply); }, Qt::QueuedConnection);
}

void TransferThread::postReceived(Transfer &transfer)
{
    if (transfer.received.isEmpty())
        return;
    QByteArray bytes = std::exchange(transfer.received, QByteArray());
    {
        QMutexLocker lock(&m_mutex);
        const auto link = m_links.find(transfer.id);
        if (link != m_links.end())
            link->unread += bytes.size();
    }
    post(transfer.id, [bytes = std::move(bytes)](FileReply &reply) { reply.onBody(bytes); });
}

qint64 TransferThread::unread(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    const auto link = m_links.constFind(id);
    return link == m_links.cend() ? -1 : link->unread;
}

void TransferThread::run()
{
    m_affinity.bindToCurrentThread();
    for (;;) {
        std::vector<std::unique_ptr<Transfer>> starting;
        std::vector<quint64> cancelled;
        {
            QMutexLocker lock(&m_mutex);
            if (m_stopping)
                break;
            starting.swap(m_starting);
            cancelled.swap(m_cancelled);
        }
        for (auto &transfer : starting)
            begin(std::move(transfer));
        for (const quint64 id : cancelled)
            drop(id);
        for (Transfer *transfer : std::as_const(m_running)) {
            if (transfer->paused && unread(transfer->id) < kMaxUnreadBytes / 2) {
                transfer->paused = false;
                curl_easy_pause(transfer->easy, CURLPAUSE_CONT);
            }
        }
        int running = 0;
        curl_multi_perform(m_multi, &running);
        int left = 0;
        while (CURLMsg *message = curl_multi_info_read(m_multi, &left)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            Transfer *transfer = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
            end(*transfer, message->data.result);
        }
        for (Transfer *transfer : std::as_const(m_running))
            postReceived(*transfer);
        curl_multi_poll(m_multi, nullptr, 0, kIdlePollMs, nullptr);
    }
    for (const quint64 id : m_running.keys())
        drop(id);
    m_starting.clear();
}

void TransferThread::begin(std::unique_ptr<Transfer> owned)
{
    m_affinity.check(Q_FUNC_INFO);
    Transfer &t = *owned;
    const Request &r = t.request;
    t.bodySize = r.body.size();
    if (!r.bodyFile.isEmpty()) {
        t.bodyFile = std::make_unique<QFile>(r.bodyFile);
        t.bodySize = r.bodyLength;
        if (!t.bodyFile->open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !t.bodyFile->seek(r.bodyOffset)) {
            end(t, CURLE_READ_ERROR); // as if libcurl had failed to read it
            return;
        }
    }
    if (!r.sinkFile.isEmpty()) {
        {
            QMutexLocker lock(&m_mutex);
            if (!m_links.contains(t.id))
                return; // cancelled before it started: its file is not touched (nor made again)
        }
        t.sinkFile = std::make_unique<QFile>(r.sinkFile);
        // The caller made the file; one that is gone was given up on.
        if (!t.sinkFile->open(QIODevice::ReadWrite | QIODevice::Unbuffered | QIODevice::ExistingOnly)) {
            t.sinkError = sinkFailure();
            end(t, CURLE_WRITE_ERROR);
            return;
        }
    }
    t.easy = curl_easy_init();
    CURL *e = t.easy;
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_URL, r.url.constData());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errorText);
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, kBufferBytes);
    curl_easy_setopt(e, CURLOPT_UPLOAD_BUFFERSIZE, kBufferBytes);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(kConnectTimeoutMs));
    // "No byte moved for this long" (a paused transfer is not counted as slow).
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, long(std::max(1, r.stallTimeoutMs / 1000)));
    // A proxy's "200 Connection established" is not the answer (and would start a sink over).
    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &TransferThread::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &TransferThread::onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, &TransferThread::onProgress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, &t);
    if (!r.pin.isEmpty()) {
        // As on the long connection: with a pin, that exact certificate is what is trusted, not a chain or a
        // name (a self-hosted server's is self-signed). Checked in the handshake, before the grant is sent.
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, &TransferThread::onSslContext);
        curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, &t);
    }
    for (const QByteArray &header : r.headers)
        t.headers = curl_slist_append(t.headers, header.constData());
    if (r.verb == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (r.verb == "POST" && t.bodySize == 0) {
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(0));
    } else if (t.bodySize > 0) {
        // The body is read as it goes out, and cannot be rewound: libcurl never sends it twice.
        curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, curl_off_t(t.bodySize));
        curl_easy_setopt(e, CURLOPT_READFUNCTION, &TransferThread::onRead);
        curl_easy_setopt(e, CURLOPT_READDATA, &t);
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.verb.constData());
    } else if (r.verb != "GET") {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.verb.constData());
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
    t.progressClock.start();
    m_running.insert(t.id, owned.release());
    curl_multi_add_handle(m_multi, e);
}

void TransferThread::end(Transfer &transfer, int code)
{
    m_affinity.check(Q_FUNC_INFO);
    postReceived(transfer);
    if (transfer.sinking)
        postWritten(transfer);
    transfer.sinkFile.reset(); // closed before the reply hears the end
    const Error error = errorOf(CURLcode(code), transfer.pinMismatch, transfer.errorText, transfer.sinkError);
    if (error.isError())
        qCDebug(lcFiles) << "transfer" << transfer.id << "failed:" << error.message;
    post(transfer.id, [error](FileReply &reply) { reply.onFinished(error); });
    {
        QMutexLocker lock(&m_mutex);
        m_links.remove(transfer.id);
    }
    drop(transfer.id);
}

void TransferThread::drop(quint64 id)
{
    m_affinity.check(Q_FUNC_INFO);
    Transfer *transfer = m_running.take(id);
    if (!transfer)
        return;
    curl_multi_remove_handle(m_multi, transfer->easy);
    delete transfer;
}

size_t TransferThread::onHeader(char *data, size_t size, size_t count, void *p)
{
    auto &t = *static_cast<Transfer *>(p);
    const size_t length = size * count;
    const QByteArray line = QByteArray(data, qsizetype(length)).trimmed();
    if (line.startsWith("HTTP/")) { // a new response (a 100 Continue comes before the real one)
        const QList<QByteArray> parts = line.split(' ');
        t.status = parts.size() > 1 ? parts.at(1).toInt() : 0;
        t.responseHeaders.clear();
    } else if (line.isEmpty()) {
        if (t.sinkFile && t.status / 100 == 2) {
            // A 200 is the whole file, whatever range was asked for.
            t.sinkEnd = t.status == 200 ? 0 : t.request.sinkOffset;
            t.sinking = t.sinkFile->resize(t.sinkEnd) && t.sinkFile->seek(t.sinkEnd);
            t.reportedEnd = t.sinkEnd;
            if (!t.sinking) {
                t.sinkError = sinkFailure();
                return 0; // the transfer fails
            }
        }
        if (t.status >= 200) {
            t.owner->post(t.id, [status = t.status, headers = t.responseHeaders](FileReply &reply) {
                reply.onHeaders(status, headers);
            });
        }
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
        t.responseHeaders.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return length;
}

size_t TransferThread::onBody(char *data, size_t size, size_t count, void *p)
{
    auto &t = *static_cast<Transfer *>(p);
    const size_t length = size * count;
    if (t.sinking)
        return t.owner->sink(t, data, qint64(length)) ? length : 0;
    const qint64 waiting = t.owner->unread(t.id);
    if (waiting < 0)
        return 0; // nobody to read it: the transfer stops
    if (waiting + t.received.size() >= kMaxUnreadBytes) {
        t.paused = true; // libcurl hands these bytes over again when it goes on
        return CURL_WRITEFUNC_PAUSE;
    }
    t.received.append(data, qsizetype(length));
    if (t.received.size() >= kPostBytes)
        t.owner->postReceived(t);
    return length;
}

bool TransferThread::sink(Transfer &t, const char *data, qint64 length)
{
    if (t.sinkFile->write(data, length) != length) {
        t.sinkError = sinkFailure(t.sinkFile->error() == QFileDevice::ResourceError); // no space left
        return false;
    }
    t.sinkEnd += length;
    if (t.sinkEnd - t.reportedEnd >= kSinkReportBytes)
        postWritten(t);
    return true;
}

void TransferThread::postWritten(Transfer &t)
{
    if (t.reportedEnd == t.sinkEnd)
        return;
    t.reportedEnd = t.sinkEnd;
    post(t.id, [end = t.sinkEnd](FileReply &reply) { reply.onWritten(end); });
}

size_t TransferThread::onRead(char *buffer, size_t size, size_t count, void *p)
{
    auto &t = *static_cast<Transfer *>(p);
    const qint64 n = std::min<qint64>(qint64(size * count), t.bodySize - t.bodySent);
    if (n <= 0)
        return 0;
    if (t.bodyFile) {
        if (t.bodyFile->read(buffer, n) != n)
            return CURL_READFUNC_ABORT;
    } else {
        memcpy(buffer, t.request.body.constData() + t.bodySent, size_t(n));
    }
    t.bodySent += n;
    return size_t(n);
}

int TransferThread::onProgress(void *p, long long, long long, long long upTotal, long long upNow)
{
    auto &t = *static_cast<Transfer *>(p);
    if (upTotal > 0 && t.progressClock.elapsed() >= kProgressIntervalMs) {
        t.progressClock.restart();
        t.owner->post(t.id, [upNow, upTotal](FileReply &reply) { reply.onProgress(upNow, upTotal); });
    }
    return 0;
}

int TransferThread::onSslContext(void *, void *sslContext, void *p)
{
    auto &t = *static_cast<Transfer *>(p);
    // The handshake's certificate check is the pin's: the leaf's SHA-256 must be it.
    SSL_CTX_set_cert_verify_callback(
        static_cast<SSL_CTX *>(sslContext),
        [](X509_STORE_CTX *store, void *data) {
            auto &transfer = *static_cast<Transfer *>(data);
            unsigned char *der = nullptr;
            const int length = i2d_X509(X509_STORE_CTX_get0_cert(store), &der);
            const QSslCertificate leaf(QByteArray(reinterpret_cast<const char *>(der), std::max(length, 0)), QSsl::Der);
            OPENSSL_free(der);
            if (TlsTransport::matchesPin(leaf, transfer.request.pin))
                return 1;
            transfer.pinMismatch = true;
            X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
            return 0;
        },
        &t);
    return CURLE_OK;
}

} // namespace parley
