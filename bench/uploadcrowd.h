#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace parley {
class FileReply;
class FilesEndpoint;
} // namespace parley

// The uploading users of the uploads scenario, on a thread of their own: each uploads its file over its own
// HTTPS connection (tus POST, then PATCHes of kChunkBytes) through the client's own FilesEndpoint, whose
// transfer thread runs them all (libcurl opens a connection per upload running at once). Kept off the
// measuring thread, so that the latency measured is parleyd's, not the bench's. Lives on the thread it is
// moved to.
class UploadCrowd : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kChunkBytes = 4 << 20;

    struct Job {
        int uploader = 0;
        QString grant;
        quint16 port = 0;
        QByteArray prefix; // the file is prefix + the shared content
        QByteArray sha256;
    };

    UploadCrowd(QString host, QString fingerprint, QByteArray content);
    ~UploadCrowd() override;

    // Starts the uploads (through a queued call from another thread).
    Q_INVOKABLE void upload(const QList<UploadCrowd::Job> &jobs);

Q_SIGNALS:
    void ended(int uploader, bool ok);

private:
    struct Upload {
        Job job;
        QString path;
        qint64 offset = 0;
    };

    parley::FileReply *send(Upload &upload, const QByteArray &verb, const QString &path,
                            const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body);
    void create(int index);
    void sendChunk(int index);

    QString m_host;
    QString m_fingerprint;
    std::unique_ptr<parley::FilesEndpoint> m_endpoint; // made on the crowd's thread
    QByteArray m_content;
    QList<Upload> m_uploads;
};
