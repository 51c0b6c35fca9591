#pragma once

#include "core/api/answer.h"
#include "core/files/downloadtask.h"
#include "core/storage/transferrepository.h"
#include "core/types/chatmessage.h"
#include "core/types/mediadraft.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <memory>

namespace parley {

class Connection;
class FilesEndpoint;
class MessageRepository;
class UploadTask;

// The files of messages on this device: sending (prepare, upload, then hand the message to the outbox),
// receiving (pictures and voice download by themselves below a size the user sets; files and video when asked),
// pause, resume, cancel, and the media cache with its size cap. At most kMaxUploads uploads and kMaxDownloads
// downloads run at once, the rest queue in order; what was unfinished when the client stopped resumes when the
// account opens. Every change of a message's transfer is announced as messageChanged; bytes as they move as
// transferProgress. Engine thread.
class TransferManager : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxUploads = 2;
    static constexpr int kMaxDownloads = 3;
    static constexpr quint64 kDefaultAutoDownloadBytes = 20ull << 20;
    static constexpr quint64 kDefaultCacheLimitBytes = 2ull << 30;
    static constexpr qint64 kGrantMarginMs = 60 * 1000; // a download grant is renewed this long before it expires

    struct Settings {
        quint64 autoDownloadBytes = kDefaultAutoDownloadBytes; // 0: nothing downloads by itself
        quint64 cacheLimitBytes = kDefaultCacheLimitBytes;
    };

    TransferManager(MessageRepository &messages, TransferRepository &transfers, Connection &connection,
                    FilesEndpoint &endpoint, QString mediaDir, QObject *parent = nullptr);
    ~TransferManager() override;

    void setSettings(const Settings &settings);

    // Prepares the file (on a pool thread), stores the message (answered with it) and queues its upload.
    void send(const ConversationKey &conversation, const MediaDraft &draft, const QByteArray &clientUuid, qint64 nowMs,
              Promise<ChatMessage> answer);
    // The file of a received message on this device: at once if it is here, else once downloaded.
    void download(qint64 localId, Promise<QString> answer);
    void pause(qint64 localId, Promise<Done> answer);
    void resume(qint64 localId, Promise<Done> answer);
    // A download stops (what arrived is kept for later); a file being sent is not sent, and its message goes.
    void cancel(qint64 localId, Promise<Done> answer);
    // A failed message with a failed upload: try the upload again. False if the message has none.
    bool retryUpload(qint64 localId);
    // Deletes every downloaded copy (the user's own sent files stay where they are); answered with bytes freed.
    void clearCache(Promise<quint64> answer);
    void cacheSize(Promise<quint64> answer);

    // Messages that arrived (sync, push, history): pictures and voice below the limit download by themselves.
    void onMessagesArrived(const QList<ChatMessage> &messages);
    void onOnline();
    // Transfers unfinished when the client stopped go on.
    void resumeUnfinished();
    QString mediaDir() const { return m_mediaDir; }
    // A grant to fetch files (the last one while it is fresh), for every download of this account.
    void downloadGrant(bool fresh, std::function<void(const Result<DownloadTask::Grant> &)> done);

Q_SIGNALS:
    void messageAdded(const parley::ChatMessage &message);
    void messageChanged(const parley::ChatMessage &message);
    void messageRemoved(const parley::ChatMessage &message);
    // An upload is done: the message carries its file and goes to the outbox.
    void uploaded(const parley::ChatMessage &message);
    void transferProgress(qint64 localId, quint64 done, quint64 total);
    void storageFailed(const parley::Error &error);

private:
    struct Grant {
        DownloadTask::Grant grant;
        qint64 expiresAtMs = 0;
    };

    void schedule();
    void startUpload(qint64 localId);
    void startDownload(qint64 localId);
    void onUploaded(qint64 localId, const Result<QString> &fileId);
    void onHashed(qint64 localId, const QByteArray &sha256);
    void onDownloaded(qint64 localId, const Result<QString> &path);
    bool queueDownload(const ChatMessage &message);
    void publish(qint64 localId);
    void evictOverLimit();
    // Deletes evicted copies and tells their messages: answered with the bytes freed.
    quint64 dropFromCache(const QList<TransferRepository::CachedFile> &evicted);
    // The transfer's task stops and it leaves the queues (its state in the cache stays).
    void stop(qint64 localId);
    QString destinationFor(const Media &media) const;
    void answerWaiting(qint64 localId, const Result<QString> &path);

    MessageRepository &m_messages;
    TransferRepository &m_transfers;
    Connection &m_connection;
    FilesEndpoint &m_endpoint;
    QString m_mediaDir;
    Settings m_settings;
    QList<qint64> m_uploadQueue;
    QList<qint64> m_downloadQueue;
    QHash<qint64, UploadTask *> m_uploads;            // children
    QHash<qint64, DownloadTask *> m_downloads;        // children
    QHash<qint64, QList<Promise<QString>>> m_waiting; // download() callers, by message
    std::optional<Grant> m_grant;
    QList<std::function<void(const Result<DownloadTask::Grant> &)>> m_grantWaiters;
};

} // namespace parley
