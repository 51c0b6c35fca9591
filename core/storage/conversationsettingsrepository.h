#pragma once

#include "common/sqlstatements.h"
#include "core/storage/conversationids.h"
#include "core/types/conversationsettings.h"

#include <QList>
#include <QSet>
#include <QVariant>

#include <optional>

namespace parley {

namespace v1 {
class ConversationSettings;
} // namespace v1

class LocalDatabase;

// My settings of each conversation in the cache (pin, mute, marked unread, draft; columns of `conversations`),
// and which of them were changed on this device and not yet taken by the server: those fields keep this
// device's values when the server's arrive, so a change made offline is neither lost nor undone by an older
// one, and changes to different fields on different devices both survive. Engine thread.
class ConversationSettingsRepository {
public:
    enum Field { Pinned = 1, MutedUntil = 2, MarkedUnread = 4, Draft = 8 };
    struct Pending {
        ConversationKey conversation;
        int fields = 0;      // Field flags
        qint64 revision = 0; // of the row's last change here
        ConversationSettings values;
    };

    explicit ConversationSettingsRepository(LocalDatabase &db);

    std::optional<ConversationSettings> settings(const ConversationKey &conversation);
    // A change made here: stored and marked for the server; false if the value was there already.
    bool change(const ConversationKey &conversation, Field field, const QVariant &value);
    QList<Pending> pending();
    // The server took the change of `revision`: nothing is pending unless the row changed again since.
    void sent(const ConversationKey &conversation, qint64 revision);
    // The server's settings of a conversation; fields pending here keep their values. True if anything changed.
    bool apply(const ConversationKey &conversation, const ConversationSettings &settings);
    // After the server's whole list: conversations not in it have the defaults there (fields pending here
    // keep their values). Returns the conversations that changed.
    QList<ConversationKey> resetAllBut(const QSet<ConversationKey> &listed);
    // Conversations whose mute ended in (afterMs, upToMs], and the first end after `afterMs` (0: none).
    QList<ConversationKey> mutesEnded(qint64 afterMs, qint64 upToMs);
    qint64 nextMuteEnd(qint64 afterMs);

    static ConversationKey keyOf(const v1::ConversationSettings &wire);
    static ConversationSettings fromWire(const v1::ConversationSettings &wire);

private:
    bool write(qint64 id, const ConversationSettings &values);
    QList<ConversationKey> keys(const char *sql, std::initializer_list<QVariant> values = {});

    LocalDatabase &m_db;
    SqlStatements m_sql;
    ConversationIds m_ids;
};

} // namespace parley
