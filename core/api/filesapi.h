#pragma once

#include "core/api/featureapi.h"
#include "core/files/transfermanager.h"
#include "core/types/chatmessage.h"
#include "core/types/conversationkey.h"
#include "core/types/mediadraft.h"

#include <QImage>
#include <QMutex>

class QSettings;

namespace parley {

// Pictures, files, voice and video: send one, get a received one onto this computer, pause, resume or cancel
// a transfer, and the media cache (how large it may grow, what downloads by itself, clearing it). A message
// with a file is a message like any other (MessagesApi announces it); its transfer's progress comes here. The
// settings are kept in the client's settings file. GUI thread.
class FilesApi : public FeatureApi {
    Q_OBJECT

public:
    FilesApi(Engine *engine, QSettings &settings, QObject *parent);

    void attach(Account &account) override;

    // Prepares the file (photos are compressed unless sent as files), stores the message and uploads it:
    // answered with the local echo; the message is sent once its file is uploaded.
    Answer<ChatMessage> send(const ConversationKey &conversation, const MediaDraft &draft);
    // The path of a message's file on this computer, downloading it first if needed (checked against its
    // SHA-256: a damaged file is FileCorrupt, never shown).
    Answer<QString> download(qint64 localId);
    Answer<Done> pause(qint64 localId);
    Answer<Done> resume(qint64 localId);
    // A download stops; a file not yet sent is not sent and its message is removed.
    Answer<Done> cancel(qint64 localId);
    // Deletes downloaded copies (they download again when needed): answered with the bytes freed.
    Answer<quint64> clearCache();
    // Avatars: uploads the middle square of a picture (scaled down, as a JPEG), answered with the file id to
    // name in my profile (PeopleApi::updateMyProfile) or a group's (GroupsApi::setAvatar); and a person's or
    // group's picture by its file id, decoded at the size lists draw it (downloaded once, then from disk).
    Answer<QString> uploadAvatar(const QImage &picture);
    Answer<QImage> avatar(const QString &fileId);
    Answer<quint64> cacheSize();

    // Pictures and voice messages up to this size download by themselves (0: none do).
    quint64 autoDownloadBytes() const;
    void setAutoDownloadBytes(quint64 bytes);
    // The media cache is trimmed, least recently used first, to this size.
    quint64 cacheLimitBytes() const;
    void setCacheLimitBytes(quint64 bytes);

Q_SIGNALS:
    void transferProgress(qint64 localId, quint64 done, quint64 total);

private:
    void apply();

    QSettings &m_settings;
    mutable QMutex m_mutex; // m_current is read on the engine thread when an account opens
    TransferManager::Settings m_current;
};

} // namespace parley
