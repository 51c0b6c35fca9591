#include "core/files/filesendpoint.h"

#include "core/net/tlstransport.h"

#include <QUrl>

namespace parley {

using namespace Qt::StringLiterals;

FilesEndpoint::FilesEndpoint(std::function<QString()> host, QString pinnedFingerprint, QObject *parent)
    : QObject(parent),
      m_host(std::move(host)),
      m_pin(TlsTransport::normalizeFingerprint(pinnedFingerprint)),
      m_thread(std::make_shared<TransferThread>())
{
}

TransferThread::Request FilesEndpoint::request(const QByteArray &verb, quint16 port, const QString &path,
                                               const QString &grant, const Headers &headers) const
{
    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(m_host());
    url.setPort(port);
    url.setPath(path);
    TransferThread::Request request;
    request.verb = verb;
    request.url = url.toEncoded();
    request.pin = m_pin;
    request.stallTimeoutMs = kTransferTimeoutMs;
    request.headers.append("Tus-Resumable: 1.0.0");
    if (!grant.isEmpty())
        request.headers.append("Authorization: Bearer " + grant.toLatin1());
    for (const auto &[name, value] : headers)
        request.headers.append(name + ": " + value);
    return request;
}

FileReply *FilesEndpoint::start(TransferThread::Request request)
{
    auto *reply = new FileReply(m_thread);
    m_thread->start(std::move(request), reply);
    return reply;
}

FileReply *FilesEndpoint::send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                               const Headers &headers, const QByteArray &body)
{
    TransferThread::Request r = request(verb, port, path, grant, headers);
    r.body = body;
    return start(std::move(r));
}

FileReply *FilesEndpoint::send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                               const Headers &headers, const FileRange &body)
{
    TransferThread::Request r = request(verb, port, path, grant, headers);
    r.bodyFile = body.path;
    r.bodyOffset = body.offset;
    r.bodyLength = body.length;
    return start(std::move(r));
}

FileReply *FilesEndpoint::download(quint16 port, const QString &path, const QString &grant, const QString &sinkFile,
                                   qint64 offset)
{
    Headers headers;
    if (offset > 0)
        headers.append({"Range", "bytes=" + QByteArray::number(offset) + "-"});
    TransferThread::Request r = request("GET", port, path, grant, headers);
    r.sinkFile = sinkFile;
    r.sinkOffset = offset;
    return start(std::move(r));
}

bool FilesEndpoint::isTransient(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NetworkUnreachable:
    case ErrorCode::TlsFailure:
    case ErrorCode::ConnectionLost:
    case ErrorCode::Timeout:
    case ErrorCode::Cancelled:
    case ErrorCode::Unavailable:
    case ErrorCode::Internal: return true;
    default: return false;
    }
}

int FilesEndpoint::status(const FileReply *reply)
{
    return reply->status();
}

Error FilesEndpoint::errorOf(const FileReply *reply)
{
    const int code = status(reply);
    if (code >= 200 && code < 300 && !reply->transportError().isError())
        return Error();
    bool ok = false;
    const int parleyError = reply->rawHeader("Parley-Error").toInt(&ok);
    if (ok)
        return Error(errorCodeFromWire(parleyError));
    if (code == 423) // the server still writes an earlier request of this upload
        return Error(ErrorCode::Unavailable, u"the upload is busy"_s);
    if (code >= 300)
        return Error(code >= 500 ? ErrorCode::Unavailable : ErrorCode::MalformedRequest, u"HTTP status %1"_s.arg(code));
    return reply->transportError();
}

} // namespace parley
