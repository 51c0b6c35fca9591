#pragma once

#include "common/sqlstatements.h"
#include "core/types/media.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace parley {

class LocalDatabase;

// Transfers in progress and the media cache, in the local cache database. A transfer belongs to a message
// (one at a time): an upload keeps the file it sends, its tus URL and the offset the server confirmed; a
// download keeps nothing but its state (its bytes are its partial file). The media cache maps content
// (SHA-256) to a file on this device: copies it owns (downloaded, or prepared for sending), which it may
// evict, least recently used first, and files of the user's that were sent from where they lie, which it
// never deletes. Engine thread.
class TransferRepository {
public:
    struct Transfer {
        qint64 messageId = 0;
        TransferInfo info;
        QString source;    // upload: the file being sent
        QString uploadUrl; // upload: the tus URL once created
    };
    struct CachedFile {
        QByteArray sha256;
        QString path;
        quint64 size = 0;
    };

    explicit TransferRepository(LocalDatabase &db);

    std::optional<Transfer> transfer(qint64 messageId);
    // Transfers that were queued or running when the client stopped, oldest first.
    QList<Transfer> unfinished();
    bool startDownload(qint64 messageId, quint64 total, qint64 nowMs);
    bool setState(qint64 messageId, TransferState state, int error, qint64 nowMs);
    bool setProgress(qint64 messageId, quint64 done, qint64 nowMs);
    bool setUploadUrl(qint64 messageId, const QString &url, qint64 nowMs);
    bool remove(qint64 messageId);

    // The cached copy of this content, if any (and marks it used).
    std::optional<QString> cachedPath(const QByteArray &sha256, qint64 nowMs);
    bool addToCache(const QByteArray &sha256, const QString &path, quint64 size, bool owned, qint64 nowMs);
    bool forget(const QByteArray &sha256);
    // Bytes of the copies the cache owns.
    quint64 ownedBytes();
    // Forgets owned copies, least recently used first, until they fit in `limitBytes` (0: all of them);
    // returns them so that the caller deletes their files. Copies of content an unfinished transfer needs are
    // kept.
    QList<CachedFile> evict(quint64 limitBytes);
    // The messages that carry this content (to tell their views that its copy came or went).
    QList<qint64> messagesWith(const QByteArray &sha256);

private:
    LocalDatabase &m_db;
    SqlStatements m_sql;
};

} // namespace parley
