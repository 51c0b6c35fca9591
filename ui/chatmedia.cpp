#include "ui/chatmedia.h"

#include "core/api/filesapi.h"
#include "core/client.h"
#include "core/models/messagelistmodel.h"
#include "protocol/contenttypes.h"
#include "ui/attachdialog.h"
#include "ui/errortext.h"
#include "ui/imageviewer.h"
#include "ui/logging.h"
#include "ui/mediathumbnails.h"
#include "ui/popups.h"

#include <QAudioOutput>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMediaPlayer>
#include <QStandardPaths>
#include <QUrl>

namespace parley {

ChatMedia::ChatMedia(Client &client, MessageListModel &messages, QWidget *window, QObject *parent)
    : QObject(parent), m_client(client), m_messages(messages), m_window(window), m_thumbnails(new MediaThumbnails(this))
{
    connect(m_thumbnails, &MediaThumbnails::ready, this, &ChatMedia::repaintNeeded);
}

QMediaPlayer *ChatMedia::player()
{
    // Made on the first voice message played: the audio system is not started with the app.
    if (m_player)
        return m_player;
    m_player = new QMediaPlayer(this);
    m_player->setAudioOutput(new QAudioOutput(m_player));
    connect(m_player, &QMediaPlayer::positionChanged, this, &ChatMedia::repaintNeeded);
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState state) {
        if (state == QMediaPlayer::StoppedState)
            m_playing = 0;
        Q_EMIT repaintNeeded();
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &why) {
        qCWarning(lcUi) << "voice message cannot be played:" << why;
        m_playing = 0;
        popups::inform(m_window, tr("Voice message"), tr("This voice message cannot be played on this computer."));
    });
    return m_player;
}

ChatMedia::~ChatMedia() = default;

MediaPainter::Playback ChatMedia::playbackOf(qint64 localId) const
{
    if (localId == 0 || localId != m_playing || !m_player)
        return {};
    return {m_player->playbackState() == QMediaPlayer::PlayingState, m_player->position()};
}

void ChatMedia::attach(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        if (QFileInfo(path).isFile())
            files.append(path);
    }
    if (files.isEmpty() || !m_messages.conversation().isValid())
        return;
    auto *dialog = new AttachDialog(files, m_window);
    const ConversationKey conversation = m_messages.conversation();
    connect(dialog, &AttachDialog::sendRequested, this, [this, conversation](QList<MediaDraft> drafts) {
        for (MediaDraft &draft : drafts) {
            draft.temporary = isPasted(draft.path);
            m_client.files().send(conversation, draft).then(this, [this](const Result<ChatMessage> &sent) {
                if (!sent)
                    warn(tr("Not sent"), sent.error());
            });
        }
    });
    connect(dialog, &QDialog::rejected, this, [files] {
        for (const QString &path : files) {
            if (isPasted(path)) // made for a message that is not sent after all
                QFile::remove(path);
        }
    });
    dialog->open();
}

QString ChatMedia::pastedDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/pasted");
}

bool ChatMedia::isPasted(const QString &path)
{
    return QFileInfo(path).absolutePath() == QFileInfo(pastedDir()).absoluteFilePath();
}

void ChatMedia::attachImage(const QImage &image)
{
    if (image.isNull())
        return;
    // Pasted pictures are kept with the other files this client prepared, so the message can point at them.
    const QString dir = pastedDir();
    QDir().mkpath(dir);
    const QString path =
        QStringLiteral("%1/pasted-%2-%3.png").arg(dir).arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_pasted);
    if (!image.save(path)) {
        popups::inform(m_window, tr("Not sent"), tr("The pasted picture could not be saved for sending."));
        return;
    }
    attach({path});
}

void ChatMedia::sendVoice(const QString &path, int durationMs, const QByteArray &waveform)
{
    MediaDraft draft{path, MediaDraft::Kind::Voice, durationMs, waveform};
    draft.temporary = true; // the recording is the cache's once sent
    m_client.files().send(m_messages.conversation(), draft).then(this, [this](const Result<ChatMessage> &sent) {
        if (!sent)
            warn(tr("Not sent"), sent.error());
    });
}

void ChatMedia::onAction(qint64 localId, MediaPainter::Action action)
{
    std::optional<ChatMessage> message;
    for (int row = m_messages.rowCount() - 1; row >= 0 && !message; --row) {
        const auto m = m_messages.index(row).data(MessageListModel::MessageRole).value<ChatMessage>();
        if (m.localId == localId)
            message = m;
    }
    if (!message)
        return;
    switch (action) {
    case MediaPainter::Action::None: break;
    case MediaPainter::Action::Open: open(*message); break;
    case MediaPainter::Action::Play: play(*message); break;
    case MediaPainter::Action::Cancel: m_client.files().cancel(localId); break;
    case MediaPainter::Action::Pause: m_client.files().pause(localId); break;
    case MediaPainter::Action::Resume: m_client.files().resume(localId); break;
    case MediaPainter::Action::OpenLink: {
        const QUrl link(message->media.remoteUrl);
        if (link.scheme() == QLatin1String("https") || link.scheme() == QLatin1String("http"))
            QDesktopServices::openUrl(link);
        break;
    }
    case MediaPainter::Action::Retry:
        if (message->transfer.direction == TransferInfo::Direction::Upload)
            m_client.messages().retry(localId); // the file goes up again from where the server has it
        else
            m_client.files().download(localId).then(this, [this](const Result<QString> &path) {
                if (!path)
                    warn(tr("Download failed"), path.error());
            });
        break;
    case MediaPainter::Action::ShowInFolder:
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(message->localPath).absolutePath()));
        break;
    case MediaPainter::Action::Download:
        m_client.files().download(localId).then(this, [this](const Result<QString> &path) {
            if (!path)
                warn(tr("Download failed"), path.error());
        });
        break;
    }
}

void ChatMedia::open(const ChatMessage &message)
{
    if (message.contentType == content::kImage) {
        showViewer(message);
        return;
    }
    const QString title = message.media.fileName;
    m_client.files().download(message.localId).then(this, [this, title](const Result<QString> &path) {
        if (!path) {
            warn(tr("Cannot open %1").arg(title), path.error());
            return;
        }
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(*path)))
            popups::inform(m_window, tr("Cannot open %1").arg(title),
                           tr("No application on this computer opens this kind of file."));
    });
}

void ChatMedia::showViewer(const ChatMessage &message)
{
    // Every picture of the chat that is on this computer, to go back and forth.
    QStringList paths;
    int current = -1;
    for (int row = 0; row < m_messages.rowCount(); ++row) {
        const auto m = m_messages.index(row).data(MessageListModel::MessageRole).value<ChatMessage>();
        if (m.contentType != content::kImage || m.localPath.isEmpty())
            continue;
        if (m.localId == message.localId)
            current = int(paths.size());
        paths.append(m.localPath);
    }
    if (current < 0)
        return;
    auto *viewer = new ImageViewer(paths, current, m_window);
    viewer->show();
}

void ChatMedia::play(const ChatMessage &message)
{
    if (m_playing == message.localId && m_player) {
        if (m_player->playbackState() == QMediaPlayer::PlayingState)
            m_player->pause();
        else
            m_player->play();
        return;
    }
    const qint64 id = message.localId;
    m_client.files().download(id).then(this, [this, id](const Result<QString> &path) {
        if (!path) {
            warn(tr("Voice message"), path.error());
            return;
        }
        QMediaPlayer *voice = player();
        voice->stop();
        m_playing = id;
        voice->setSource(QUrl::fromLocalFile(*path));
        voice->play();
    });
}

void ChatMedia::warn(const QString &title, const Error &error)
{
    if (error.code == ErrorCode::Cancelled)
        return; // the user's own doing
    // For a file, "too large" is about its size, not a message's length.
    popups::inform(m_window, title,
                   error.code == ErrorCode::TooLarge ? tr("This file is larger than the server accepts.")
                                                     : errorText(error));
}

} // namespace parley
