#pragma once

#include "protocol/error.h"

#include "core/files/filereply.h"
#include "core/files/transferthread.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace parley {

// parleyd's files port as the client reaches it: HTTPS to the host of the long connection, on the port a
// grant names, with the same certificate pinning (a pinned fingerprint accepts exactly that certificate;
// without one the system's CAs decide), HTTP/1.1, and a transfer timeout. The requests run on a
// TransferThread (libcurl) of this endpoint's, which lives on while a reply needs it. Errors come back as
// values: the server's Parley-Error code, or what failed on the way. Engine thread.
class FilesEndpoint : public QObject {
    Q_OBJECT

public:
    static constexpr int kTransferTimeoutMs = 30000; // no byte moved this long: the request fails

    using Headers = FileReply::Headers;

    // A body read from a file as it goes out: `length` bytes from `offset`.
    struct FileRange {
        QString path;
        qint64 offset = 0;
        qint64 length = 0;
    };

    // `host`: the host of the long connection now (after a failover, another node's).
    FilesEndpoint(std::function<QString()> host, QString pinnedFingerprint, QObject *parent = nullptr);
    FilesEndpoint(const QString &host, QString pinnedFingerprint, QObject *parent = nullptr) // one host, always
        : FilesEndpoint([host] { return host; }, std::move(pinnedFingerprint), parent)
    {
    }

    // `path` is "/files/…" on `port`. The reply belongs to the caller.
    FileReply *send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                    const Headers &headers = {}, const QByteArray &body = {});
    FileReply *send(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                    const Headers &headers, const FileRange &body);
    // GET into `sinkFile` (see TransferThread::Request::sinkFile): from `offset` with a Range, the whole file
    // without one.
    FileReply *download(quint16 port, const QString &path, const QString &grant, const QString &sinkFile,
                        qint64 offset);

    // What went wrong with a finished reply, or Error() if it succeeded (2xx).
    static Error errorOf(const FileReply *reply);
    static int status(const FileReply *reply);
    // A failure that time may fix (the network, a timeout, the server busy or failing): worth a retry.
    static bool isTransient(ErrorCode code);

private:
    TransferThread::Request request(const QByteArray &verb, quint16 port, const QString &path, const QString &grant,
                                    const Headers &headers) const;
    FileReply *start(TransferThread::Request request);

    std::function<QString()> m_host;
    QString m_pin;
    std::shared_ptr<TransferThread> m_thread;
};

} // namespace parley
