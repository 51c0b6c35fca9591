#include "core/sync/conversationsettingssync.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/storage/conversationsettingsrepository.h"
#include "parley.pb.h"
#include "protocol/limits.h"

#include <QDateTime>
#include <QTimer>

namespace parley {

namespace {

// Worth sending again later: the link or the server failed, not the request.
bool isTransient(ErrorCode code)
{
    return int(code) >= int(ErrorCode::NetworkUnreachable) || code == ErrorCode::Unavailable ||
           code == ErrorCode::RateLimited || code == ErrorCode::Internal;
}

} // namespace

ConversationSettingsSync::ConversationSettingsSync(ConversationSettingsRepository &settings, Connection &connection,
                                                   QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_connection(connection),
      m_clock(new QTimer(this)),
      m_retry(new QTimer(this))
{
    m_retry->setSingleShot(true);
    m_retry->setInterval(kRetryMs);
    connect(m_retry, &QTimer::timeout, this, [this] {
        if (!m_connection.isOnline())
            return; // onOnline starts over
        if (!m_listed)
            fetchPage(m_generation, 0, QString(), {});
        else
            send();
    });
    m_clock->setSingleShot(true);
    connect(m_clock, &QTimer::timeout, this, &ConversationSettingsSync::onClock);
    m_clockFrom = QDateTime::currentMSecsSinceEpoch();
    rewindClock();
}

void ConversationSettingsSync::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    ++m_generation;
    m_listed = false;
    m_sending.clear();
    fetchPage(m_generation, 0, QString(), {});
}

void ConversationSettingsSync::relist()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_listed || !m_connection.isOnline())
        return;
    m_listed = false;
    fetchPage(m_generation, 0, QString(), {});
}

void ConversationSettingsSync::onOffline()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_retry->stop();
    ++m_generation;
    m_listed = false;
    m_sending.clear();
}

void ConversationSettingsSync::fetchPage(int generation, int afterType, const QString &afterTarget,
                                         QSet<ConversationKey> listed)
{
    v1::ConversationSettingsListRequest request;
    request.set_after_type(v1::ConversationType(afterType));
    request.set_after_target(afterTarget.toStdString());
    m_connection.request(SubSignal::CSL, request,
                         [this, generation, listed = std::move(listed)](const Result<v1::Result> &reply) mutable {
                             if (generation != m_generation)
                                 return;
                             if (!reply) {
                                 qCWarning(lcSync) << "conversation settings not listed:" << reply.error().message;
                                 retryLater(); // or on the next connect
                                 return;
                             }
                             QList<ConversationKey> changed;
                             const v1::ConversationSettingsList &page = reply->conversation_settings_list();
                             for (const v1::ConversationSettings &s : page.settings()) {
                                 const ConversationKey key = ConversationSettingsRepository::keyOf(s);
                                 listed.insert(key);
                                 if (m_settings.apply(key, ConversationSettingsRepository::fromWire(s)))
                                     changed.append(key);
                             }
                             if (page.has_more() && !page.settings().empty()) {
                                 const v1::ConversationSettings &last = *page.settings().rbegin();
                                 fetchPage(generation, last.conversation_type(), QString::fromStdString(last.target()),
                                           std::move(listed));
                             } else {
                                 changed += m_settings.resetAllBut(listed);
                                 m_listed = true;
                                 send();
                             }
                             if (!changed.isEmpty()) {
                                 rewindClock();
                                 Q_EMIT this->changed(changed);
                             }
                         });
}

void ConversationSettingsSync::onPush(const v1::ConversationSettings &settings)
{
    PARLEY_ASSERT_OWN_THREAD();
    const ConversationKey key = ConversationSettingsRepository::keyOf(settings);
    if (m_settings.apply(key, ConversationSettingsRepository::fromWire(settings))) {
        rewindClock();
        Q_EMIT changed({key});
    }
}

void ConversationSettingsSync::send()
{
    PARLEY_ASSERT_OWN_THREAD();
    if (!m_connection.isOnline() || !m_listed)
        return; // after the list of the next connect
    for (const ConversationSettingsRepository::Pending &p : m_settings.pending()) {
        if (m_sending.contains(p.conversation))
            continue; // its answer sends the rest
        v1::ConversationSettingsRequest request;
        request.set_conversation_type(v1::ConversationType(int(p.conversation.type)));
        request.set_target(p.conversation.target.toStdString());
        if (p.fields & ConversationSettingsRepository::Pinned)
            request.set_pinned(p.values.pinned);
        if (p.fields & ConversationSettingsRepository::MutedUntil)
            request.set_muted_until(p.values.mutedUntilMs);
        if (p.fields & ConversationSettingsRepository::MarkedUnread)
            request.set_marked_unread(p.values.markedUnread);
        if (p.fields & ConversationSettingsRepository::Draft) {
            // The server keeps at most a message's worth; the whole draft stays here.
            std::string draft = p.values.draft.toStdString();
            if (draft.size() > size_t(limits::kMaxTextBytes)) {
                size_t end = limits::kMaxTextBytes;
                while (end > 0 && (uchar(draft[end]) & 0xC0) == 0x80)
                    --end; // whole characters only
                draft.resize(end);
            }
            request.set_draft(draft);
        }
        m_sending.insert(p.conversation);
        m_connection.request(SubSignal::CSS, request,
                             [this, generation = m_generation, key = p.conversation,
                              revision = p.revision](const Result<v1::Result> &reply) {
                                 if (generation != m_generation)
                                     return; // sent again after the next connect
                                 m_sending.remove(key);
                                 if (!reply && isTransient(reply.error().code)) {
                                     retryLater(); // pending still
                                     return;
                                 }
                                 if (!reply) // refused for good (a group I left, too many settings): kept here only
                                     qCWarning(lcSync) << "conversation settings refused:" << reply.error().message;
                                 m_settings.sent(key, revision);
                                 if (reply && m_settings.apply(key, ConversationSettingsRepository::fromWire(
                                                                        reply->conversation_settings()))) {
                                     rewindClock();
                                     Q_EMIT changed({key});
                                 }
                                 send(); // changed again meanwhile
                             });
    }
}

void ConversationSettingsSync::retryLater()
{
    if (!m_retry->isActive())
        m_retry->start();
}

void ConversationSettingsSync::rewindClock()
{
    // From the last announcement, not from now: a timer may fire a millisecond early, and a mute that ends
    // between that wake-up and this call must still be announced (at once, if its end has passed).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 next = m_settings.nextMuteEnd(m_clockFrom);
    if (next == 0) {
        m_clock->stop();
        return;
    }
    m_clock->start(int(std::clamp<qint64>(next - now + 1, 0, kMaxClockWaitMs)));
}

void ConversationSettingsSync::onClock()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<ConversationKey> ended = m_settings.mutesEnded(m_clockFrom, now);
    m_clockFrom = now;
    rewindClock();
    if (!ended.isEmpty())
        Q_EMIT changed(ended);
}

} // namespace parley
