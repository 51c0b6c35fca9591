#pragma once

#include "core/api/answer.h"
#include "core/types/presence.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace parley::v1 {
class Presence;
} // namespace parley::v1

namespace parley {

class Connection;

// Other users' presence as the server lets me see it. Users are asked about when a view shows them (PS), and
// then kept current: friends' changes are pushed (PSN), and everyone asked about is asked again after a
// reconnect. While offline nothing is known. Nothing is cached on disk: an old "online" would be wrong.
// Engine thread.
class PresenceBook : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxIdsPerRequest = 100; // parleyd answers at most this many per PS

    explicit PresenceBook(Connection &connection, QObject *parent = nullptr);

    // Answered with what the server says now (also announced).
    void fetch(const QStringList &userIds, Promise<QList<Presence>> answer);
    void onPush(const v1::Presence &presence);
    void onOnline();
    void onOffline();
    // My own audience as the server has it: when it changes, what I may see of others changes too.
    void onAudience(PresenceAudience audience);

    static Presence fromWire(const v1::Presence &presence);

Q_SIGNALS:
    void presenceChanged(const parley::Presence &presence);

private:
    void ask(const QStringList &userIds, const std::function<void(const Result<QList<Presence>> &)> &done);
    void store(const Presence &presence);
    void askAgain(); // everyone asked about so far

    Connection &m_connection;
    QHash<QString, Presence> m_known; // everyone asked about: their last known presence
    std::optional<PresenceAudience> m_audience;
};

} // namespace parley
