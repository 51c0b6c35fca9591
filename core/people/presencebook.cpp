#include "core/people/presencebook.h"

#include "common/threadaffinity.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "parley.pb.h"

namespace parley {

using namespace Qt::StringLiterals;

PresenceBook::PresenceBook(Connection &connection, QObject *parent) : QObject(parent), m_connection(connection)
{
}

Presence PresenceBook::fromWire(const v1::Presence &presence)
{
    const int state = presence.state();
    return Presence{QString::fromStdString(presence.user_id()),
                    state >= int(PresenceState::Online) && state <= int(PresenceState::LongAgo)
                        ? PresenceState(state)
                        : PresenceState::Unknown,
                    presence.last_seen_at()};
}

void PresenceBook::store(const Presence &presence)
{
    Presence &known = m_known[presence.userId];
    if (known == presence)
        return;
    known = presence;
    Q_EMIT presenceChanged(presence);
}

void PresenceBook::fetch(const QStringList &userIds, Promise<QList<Presence>> answer)
{
    PARLEY_ASSERT_OWN_THREAD();
    if (userIds.size() > kMaxIdsPerRequest) {
        answer.resolve(Error(ErrorCode::TooLarge, u"at most %1 users at a time"_s.arg(kMaxIdsPerRequest)));
        return;
    }
    ask(userIds, [answer](const Result<QList<Presence>> &fetched) { answer.resolve(fetched); });
}

void PresenceBook::ask(const QStringList &userIds, const std::function<void(const Result<QList<Presence>> &)> &done)
{
    for (const QString &id : userIds)
        if (!m_known.contains(id))
            m_known.insert(id, Presence{id, PresenceState::Unknown, 0}); // asked again after reconnects
    v1::PresenceRequest request;
    for (const QString &id : userIds)
        request.add_user_ids(id.toStdString());
    m_connection.request(SubSignal::PS, request, [this, done](const Result<v1::Result> &reply) {
        if (!reply) {
            done(reply.error());
            return;
        }
        QList<Presence> presences;
        for (const v1::Presence &p : reply->presences().presences()) {
            presences.append(fromWire(p));
            store(presences.last());
        }
        done(presences);
    });
}

void PresenceBook::onPush(const v1::Presence &presence)
{
    PARLEY_ASSERT_OWN_THREAD();
    store(fromWire(presence));
}

void PresenceBook::onOnline()
{
    PARLEY_ASSERT_OWN_THREAD();
    askAgain();
}

void PresenceBook::onAudience(PresenceAudience audience)
{
    PARLEY_ASSERT_OWN_THREAD();
    const bool changed = m_audience && *m_audience != audience;
    m_audience = audience;
    if (changed)
        askAgain();
}

void PresenceBook::askAgain()
{
    const QStringList ids = m_known.keys();
    for (qsizetype at = 0; at < ids.size(); at += kMaxIdsPerRequest) {
        ask(ids.mid(at, kMaxIdsPerRequest), [](const Result<QList<Presence>> &fetched) {
            if (!fetched)
                qCInfo(lcSync) << "presence not fetched:" << fetched.error().message;
        });
    }
}

void PresenceBook::onOffline()
{
    PARLEY_ASSERT_OWN_THREAD();
    for (auto it = m_known.begin(); it != m_known.end(); ++it)
        store(Presence{it.key(), PresenceState::Unknown, 0});
}

} // namespace parley
