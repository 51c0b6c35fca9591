#pragma once

#include "core/net/backoff.h"
#include "core/types/media.h"
#include "parley.pb.h"
#include "protocol/result.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

namespace parley {

class Connection;
class FileReply;
class FilesEndpoint;

// One file on its way to parleyd (tus 1.0): GQNUT for a grant — or, when the server has these bytes, a proof
// of having them and the file at once (instant send) — then POST to create the upload, PATCH in chunks read
// from the file (never the whole file in memory), and HEAD to learn the offset after a cut. A chunk is 4 to 16
// MiB: it grows while chunks take much less than kTargetChunkMs, as each one costs a round trip and a
// checkpoint on the server, and shrinks while they take much longer. A job without a SHA-256 (a large file,
// MediaPreparer) is hashed on a pool thread while it is sent: GQNUT asks with the size only and, unless the
// server stores a file of that size (then the hash comes first, for instant send), the chunks go at once; the
// last one waits for the hash and declares it (Parley-Sha256).
// Network failures are retried with backoff from the last offset the server confirmed; the caller persists
// the upload URL and each confirmed offset, so a restarted client resumes too. Ends with the file id or an
// error that retrying will not fix. Deleting the task stops it (the server keeps what it confirmed). Engine
// thread.
class UploadTask : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kMinChunkBytes = 4 << 20;
    static constexpr qint64 kMaxChunkBytes = 16 << 20;
    static constexpr qint64 kTargetChunkMs = 1000;
    static constexpr int kProgressIntervalMs = 100; // progress signals at most this often
    static constexpr int kMaxTokenTries = 3;        // grants or proofs refused in a row before giving up

    struct Job {
        qint64 messageId = 0;
        QString source;
        Media media;
        QString uploadUrl; // from an earlier run; empty to create one
    };

    UploadTask(Job job, Connection &connection, FilesEndpoint &endpoint, QObject *parent = nullptr);
    ~UploadTask() override;

    qint64 messageId() const { return m_job.messageId; }
    // The size of the chunk after a full one of `current` bytes that took `elapsedMs`: doubled below half the
    // target time, halved above twice it, within the bounds.
    static qint64 nextChunkBytes(qint64 current, qint64 elapsedMs);
    void start();
    // The long connection is back: a task waiting for it goes on.
    void onOnline();

Q_SIGNALS:
    void progress(qint64 messageId, quint64 done, quint64 total);
    // The SHA-256 of a job that had none, once hashed.
    void hashed(qint64 messageId, const QByteArray &sha256);
    void uploadCreated(qint64 messageId, const QString &url);
    void confirmed(qint64 messageId, quint64 offset);
    // The file id, or why not (FileUnreadable, TooLarge, QuotaExceeded, StorageFull, …).
    void finished(qint64 messageId, const parley::Result<QString> &fileId);

private:
    void requestToken(const QString &challenge = {}, const QByteArray &proof = {});
    void startHashing();
    void onHashed();
    void onToken(const v1::UploadToken &token);
    void prove(const v1::PossessionChallenge &challenge);
    void create();
    void probe();
    void sendChunk();
    void onChunkSent(FileReply *reply);
    // A failure: retried after a backoff if time may fix it, else the end.
    void failed(const Error &error, void (UploadTask::*again)());
    void finish(const Result<QString> &fileId);
    bool sourceIsIntact() const;
    void track(FileReply *reply);

    Job m_job;
    Connection &m_connection;
    FilesEndpoint &m_endpoint;
    QString m_grant;
    quint16 m_port = 0;
    quint64 m_confirmed = 0;
    qint64 m_chunkBytes = kMinChunkBytes;
    qint64 m_chunkLength = 0; // of the chunk on its way
    QElapsedTimer m_chunkClock;
    int m_tokenTries = 0;
    bool m_waitingForNetwork = false;
    bool m_done = false;
    Backoff m_backoff{500, 30000};
    QTimer m_retry;
    QPointer<FileReply> m_reply;
    qint64 m_lastProgressMs = 0;
    // Hashing a job that came without its SHA-256, and what waits for the hash.
    QFutureWatcher<Result<QByteArray>> m_hashing;
    std::shared_ptr<std::atomic_bool> m_stopHashing = std::make_shared<std::atomic_bool>(false);
    enum class AfterHash { Nothing, AskAgain, LastChunk };
    AfterHash m_afterHash = AfterHash::Nothing;
};

} // namespace parley
