#include "core/sync/syncengine.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/sync/inboxapplier.h"
#include "protocol/protobufbytes.h"

namespace parley {

SyncEngine::SyncEngine(InboxApplier &applier, Connection &connection, QObject *parent)
    : QObject(parent), m_applier(applier), m_connection(connection)
{
    m_seq = m_applier.syncSeq();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncEngine::pull);
}

void SyncEngine::onOnline(quint64 inboxHead)
{
    PARLEY_ASSERT_OWN_THREAD();
    m_seq = m_applier.syncSeq();
    m_pulling = false;
    m_pullAgain = false;
    if (inboxHead > m_seq) {
        qCInfo(lcSync) << "catching up from" << m_seq << "to at least" << inboxHead;
        pull();
    } else {
        setInSync(true);
    }
}

void SyncEngine::onOffline()
{
    PARLEY_ASSERT_OWN_THREAD();
    m_retryTimer.stop();
    m_pulling = false;
    setInSync(false);
}

void SyncEngine::onPush(const Frame &frame)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (frame.subSignal == SubSignal::MNH) { // the server may have missed pushing something: pull to be sure
        m_pullAgain = true;
        if (!m_pulling)
            pull();
        return;
    }
    if (frame.subSignal != SubSignal::MN)
        return;
    const std::optional<v1::InboxItem> pushed = fromBytes<v1::InboxItem>(frame.payload);
    if (!pushed)
        return;
    const v1::InboxItem &item = *pushed;
    if (item.seq() <= m_seq)
        return; // already have it
    if (item.seq() == m_seq + 1 && !m_pulling) {
        apply({item}, item.seq());
        return;
    }
    qCDebug(lcSync) << "gap: have" << m_seq << "got" << item.seq();
    m_pullAgain = true;
    if (!m_pulling)
        pull();
}

void SyncEngine::pull()
{
    if (!m_connection.isOnline())
        return;
    m_pulling = true;
    m_pullAgain = false;
    setInSync(false);
    v1::PullRequest request;
    request.set_after_seq(m_seq);
    request.set_limit(kPageSize);
    m_connection.request(SubSignal::MP, request, [this](Result<v1::Result> reply) { onPage(reply); });
}

void SyncEngine::onPage(const Result<v1::Result> &reply)
{
    m_pulling = false;
    if (!reply) {
        qCInfo(lcSync) << "pull failed:" << reply.error().message;
        if (m_connection.isOnline())
            m_retryTimer.start(kRetryDelayMs);
        return;
    }
    const v1::PullResult &page = reply->pulled();
    if (page.items_expired()) {
        qCWarning(lcSync) << "some inbox items after" << m_seq << "expired on the server; history may have holes";
        Q_EMIT itemsExpired();
    }
    QList<v1::InboxItem> items(page.items().begin(), page.items().end());
    // Nothing left to fetch when everything after us expired: the position jumps to the head.
    const quint64 newSeq = !items.isEmpty()                           ? items.last().seq()
                           : page.items_expired() && !page.has_more() ? std::max<quint64>(m_seq, page.head_seq())
                                                                      : m_seq;
    if (!apply(items, newSeq))
        return;
    if (page.has_more() || m_pullAgain) {
        pull();
        return;
    }
    qCInfo(lcSync) << "in sync at" << m_seq;
    setInSync(true);
}

bool SyncEngine::apply(const QList<v1::InboxItem> &items, quint64 newSeq)
{
    const Result<ChangeSet> applied = m_applier.apply(items, newSeq);
    if (!applied) {
        Q_EMIT storageFailed(applied.error());
        return false;
    }
    m_seq = newSeq;
    Q_EMIT changed(applied.value());
    return true;
}

void SyncEngine::setInSync(bool inSync)
{
    if (m_inSync == inSync)
        return;
    m_inSync = inSync;
    Q_EMIT inSyncChanged(inSync);
}

} // namespace parley
