#pragma once

#include "common/sqlstatements.h"
#include "core/storage/conversationids.h"
#include "core/types/changeset.h"
#include "core/types/conversationsummary.h"
#include "parley.pb.h"

#include <QList>

#include <optional>

namespace parley {

class LocalDatabase;

// Conversations in the local cache as the conversation list and the read logic see them: summaries,
// unread counts (derived from the read horizon, so equal on every device with the same messages), my read
// marks, what this device has reported as delivered, and how complete the cached history is. Engine thread.
class ConversationRepository {
public:
    struct Point {
        ConversationKey conversation;
        quint64 seq = 0;
    };
    struct Gap {
        quint64 first = 0; // missing conversation sequences first..last
        quint64 last = 0;
    };

    ConversationRepository(LocalDatabase &db, QString selfUserId);

    std::optional<ConversationSummary> summary(const ConversationKey &conversation);
    QList<ConversationSummary> summaries(); // the list: pinned first, then most recent activity; not hidden
    int totalUnread();                      // of the conversations not muted now

    // The newest conversation sequence in the cache, 0 if none.
    quint64 lastSeq(const ConversationKey &conversation);
    quint64 oldestSeq(const ConversationKey &conversation);
    bool historyComplete(const ConversationKey &conversation);
    // The cache now holds the conversation from its first message (the server has nothing older).
    bool markHistoryComplete(const ConversationKey &conversation);
    // Pulled items were lost to the server's retention: no conversation is known complete any more.
    void markAllHistoryIncomplete();

    // Out of my list on this device until its next message (pin, mute and draft: ConversationSettingsRepository).
    bool setHidden(const ConversationKey &conversation, bool hidden);

    // Someone's delivered and read horizons from the server (a receipt, or my read mark from another device),
    // inside the caller's transaction; horizons never move back.
    bool applyProgress(const v1::ConversationProgress &progress, ChangeSet &changes);
    // Moves my read horizon forward; false if it was already there.
    bool markRead(const ConversationKey &conversation, quint64 upToSeq);
    // Conversations with others' messages this device stored but has not reported as delivered yet.
    QList<Point> pendingDeliveryReports();
    void setReportedDelivered(const ConversationKey &conversation, quint64 seq);
    // Conversations whose read horizon moved here and the server has not confirmed yet.
    QList<Point> pendingReadReports();
    void setReportedRead(const ConversationKey &conversation, quint64 seq);

    // Holes in the cached sequence of a conversation, between its oldest and newest cached message.
    QList<Gap> gaps(const ConversationKey &conversation);

private:
    // (type, target, seq) rows as points.
    QList<Point> points(const char *sql);

    LocalDatabase &m_db;
    QString m_self;
    SqlStatements m_sql;
    ConversationIds m_ids;
};

} // namespace parley
