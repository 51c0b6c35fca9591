#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;

// The uploading users of the uploads scenario, on a thread of their own: each uploads its file over its own
// HTTPS connection (tus POST, then PATCHes of kChunkBytes, as the client sends them). On the measuring thread,
// Qt's HTTP stack would ask that thread for every 16 KiB of every body, and the chat's pushes would wait behind
// that work: the latency measured would be the bench's, not parleyd's. Lives on the thread it is moved to.
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
        QNetworkAccessManager *network = nullptr;
    };

    QNetworkReply *send(Upload &upload, const QByteArray &verb, const QString &path,
                        const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body);
    void create(int index);
    void sendChunk(int index);

    QString m_host;
    QString m_fingerprint;
    QByteArray m_content;
    QList<Upload> m_uploads;
};
