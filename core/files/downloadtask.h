#pragma once

#include "core/net/backoff.h"
#include "core/types/media.h"
#include "protocol/result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace parley {

class FileReply;
class FilesEndpoint;

// One file coming from parleyd: GET /files/<id>, written to "<destination>.part" as it arrives by the endpoint's
// transfer thread (resumed with Range from what the partial file holds, after a cut or a restart), hashed behind
// the writing on pool threads, and its SHA-256 checked before it takes its name: a file that does not match is an
// error, never a broken picture. Network failures are retried with backoff. Deleting the task stops it; the
// partial file stays for next time. A file known only by its id (an avatar) learns its size and SHA-256 from the
// response (Content-Length, and the ETag parleyd sets to the SHA-256 it checked) and is refused above a limit.
// Engine thread.
class TrailingHasher;

class DownloadTask : public QObject {
    Q_OBJECT

public:
    static constexpr int kProgressIntervalMs = 100;
    static constexpr int kMaxGrantTries = 3;
    static constexpr int kSha256Bytes = 32;

    struct Grant {
        quint16 port = 0;
        QString token;
    };
    // Asks for a download grant; `fresh` after the last one was refused. Answers through the callback.
    using GrantSource = std::function<void(bool fresh, std::function<void(const Result<Grant> &)>)>;

    DownloadTask(qint64 messageId, Media media, QString destination, FilesEndpoint &endpoint, GrantSource grants,
                 QObject *parent = nullptr);
    ~DownloadTask() override;

    qint64 messageId() const { return m_messageId; }
    // A file larger than this is TooLarge (for files whose size the caller does not know).
    void setMaxSize(quint64 bytes) { m_maxSize = bytes; }
    void start();

    static QString partPath(const QString &destination) { return destination + QStringLiteral(".part"); }

Q_SIGNALS:
    void progress(qint64 messageId, quint64 done, quint64 total);
    // The file at its destination, checked; or why not (FileCorrupt, NotFound, LocalDiskFull, …).
    void finished(qint64 messageId, const parley::Result<QString> &path);

private:
    void fetch(bool freshGrant);
    void resume(const Grant &grant);
    void onHeaders();
    void onWritten();
    void onFinished();
    void verify();
    std::shared_ptr<TrailingHasher> newHasher() const;
    void conclude(const Result<QByteArray> &hash);
    void failed(const Error &error);
    void finish(const Result<QString> &path);

    qint64 m_messageId;
    Media m_media;
    QString m_destination;
    FilesEndpoint &m_endpoint;
    GrantSource m_grants;
    quint64 m_have = 0;    // the partial file is written up to here (where it resumed from, until the first write)
    quint64 m_maxSize = 0; // 0: no limit
    bool m_learnsFromHeaders = false;
    int m_grantTries = 0;
    bool m_done = false;
    Backoff m_backoff{500, 30000};
    QTimer m_retry;
    QPointer<FileReply> m_reply;
    QFutureWatcher<Result<QByteArray>> m_hashing;
    // The SHA-256 of the partial file's bytes, hashed behind the writing on pool threads (the transfer thread
    // writes), so that a download that started at byte 0 in this session needs no second reading of the file;
    // null after a restart with a partial file already on disk, which is then read whole at the end.
    std::shared_ptr<TrailingHasher> m_running;
    qint64 m_lastProgressMs = 0;
};

} // namespace parley
