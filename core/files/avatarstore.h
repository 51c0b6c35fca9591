#pragma once

#include "core/api/answer.h"
#include "core/files/downloadtask.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>

namespace parley {

class Connection;
class FilesEndpoint;
class UploadTask;

// People's and groups' pictures on this device. Setting one: the square picture the user chose is scaled to
// limits::kAvatarPixels, made a JPEG and uploaded like any file (answered with its file id, which the profile or
// group then names). Showing one: the file is downloaded once into its own folder (not the media cache: avatars
// are few and small) and decoded at the size lists draw it, on a pool thread; every caller asking for the same
// picture meanwhile shares one download. A picture that cannot be had answers with the error; the views keep
// drawing initials. Engine thread.
class AvatarStore : public QObject {
    Q_OBJECT

public:
    static constexpr int kDecodePixels = 160; // the largest avatar drawn (72 logical pixels) on a 2x screen
    static constexpr int kJpegQuality = 88;

    AvatarStore(Connection &connection, FilesEndpoint &endpoint, DownloadTask::GrantSource grants, QString folder,
                QObject *parent = nullptr);
    ~AvatarStore() override;

    void upload(const QImage &picture, Promise<QString> answer);
    void picture(const QString &fileId, Promise<QImage> answer);
    void onOnline();

    QString pathOf(const QString &fileId) const;
    // What parleyd's file ids look like (128 bits in hex): anything else is refused before it names a file.
    static bool isFileId(const QString &id);

private:
    void startUpload(const QString &source, quint64 size, const QByteArray &sha256, Promise<QString> answer);
    void onDownloaded(const QString &fileId, const Result<QString> &path);
    static QImage decode(const QString &path);

    Connection &m_connection;
    FilesEndpoint &m_endpoint;
    DownloadTask::GrantSource m_grants;
    QString m_folder;
    QHash<QString, QList<Promise<QImage>>> m_waiting; // by file id, while its download runs
    QHash<QString, DownloadTask *> m_downloads;
    QList<UploadTask *> m_uploads;
};

} // namespace parley
