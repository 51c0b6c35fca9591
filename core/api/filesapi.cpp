#include "core/api/filesapi.h"

#include "common/securerandom.h"
#include "core/api/featureapi_p.h"
#include "core/files/avatarstore.h"
#include "core/files/transfermanager.h"

#include <QDateTime>
#include <QSettings>

namespace parley {

using namespace Qt::StringLiterals;

namespace {
const auto kAutoDownloadKey = u"media/autoDownloadBytes"_s;
const auto kCacheLimitKey = u"media/cacheLimitBytes"_s;
} // namespace

FilesApi::FilesApi(Engine *engine, QSettings &settings, QObject *parent)
    : FeatureApi(engine, parent), m_settings(settings)
{
    m_current.autoDownloadBytes =
        m_settings.value(kAutoDownloadKey, TransferManager::kDefaultAutoDownloadBytes).toULongLong();
    m_current.cacheLimitBytes =
        m_settings.value(kCacheLimitKey, TransferManager::kDefaultCacheLimitBytes).toULongLong();
}

void FilesApi::attach(Account &account)
{
    connect(&account, &Account::transferProgress, this, &FilesApi::transferProgress);
    const QMutexLocker lock(&m_mutex);
    account.transfers().setSettings(m_current);
}

Answer<ChatMessage> FilesApi::send(const ConversationKey &conversation, const MediaDraft &draft)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray uuid = timeOrderedUuid(now); // every resend carries it
    return onAccount<ChatMessage>(
        [=](Account &a, Promise<ChatMessage> p) { a.transfers().send(conversation, draft, uuid, now, std::move(p)); });
}

Answer<QString> FilesApi::download(qint64 localId)
{
    return onAccount<QString>([=](Account &a, Promise<QString> p) { a.transfers().download(localId, std::move(p)); });
}

Answer<Done> FilesApi::pause(qint64 localId)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.transfers().pause(localId, std::move(p)); });
}

Answer<Done> FilesApi::resume(qint64 localId)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.transfers().resume(localId, std::move(p)); });
}

Answer<Done> FilesApi::cancel(qint64 localId)
{
    return onAccount<Done>([=](Account &a, Promise<Done> p) { a.transfers().cancel(localId, std::move(p)); });
}

Answer<quint64> FilesApi::clearCache()
{
    return onAccount<quint64>([](Account &a, Promise<quint64> p) { a.transfers().clearCache(std::move(p)); });
}

Answer<QString> FilesApi::uploadAvatar(const QImage &picture)
{
    return onAccount<QString>([=](Account &a, Promise<QString> p) { a.avatars().upload(picture, std::move(p)); });
}

Answer<QImage> FilesApi::avatar(const QString &fileId)
{
    return onAccount<QImage>([=](Account &a, Promise<QImage> p) { a.avatars().picture(fileId, std::move(p)); });
}

Answer<quint64> FilesApi::cacheSize()
{
    return onAccount<quint64>([](Account &a, Promise<quint64> p) { a.transfers().cacheSize(std::move(p)); });
}

quint64 FilesApi::autoDownloadBytes() const
{
    const QMutexLocker lock(&m_mutex);
    return m_current.autoDownloadBytes;
}

void FilesApi::setAutoDownloadBytes(quint64 bytes)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_current.autoDownloadBytes = bytes;
    }
    m_settings.setValue(kAutoDownloadKey, bytes);
    apply();
}

quint64 FilesApi::cacheLimitBytes() const
{
    const QMutexLocker lock(&m_mutex);
    return m_current.cacheLimitBytes;
}

void FilesApi::setCacheLimitBytes(quint64 bytes)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_current.cacheLimitBytes = bytes;
    }
    m_settings.setValue(kCacheLimitKey, bytes);
    apply();
}

void FilesApi::apply()
{
    const TransferManager::Settings settings = [this] {
        const QMutexLocker lock(&m_mutex);
        return m_current;
    }();
    onAccount<Done>([settings](Account &a, Promise<Done> p) {
        a.transfers().setSettings(settings);
        p.resolve(Done{});
    });
}

} // namespace parley
