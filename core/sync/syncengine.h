#pragma once

#include "core/types/changeset.h"
#include "parley.pb.h"
#include "protocol/frame.h"
#include "protocol/result.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace parley {

class Connection;
class InboxApplier;

// Keeps the local cache equal to the user's inbox on the server. Every item of the inbox has the next
// gap-free sequence number; the cache remembers the highest contiguous one (in the same transaction as
// the items). A push that is the next number is applied at once; anything else (a gap, or a push during
// a pull) leads to a pull from the remembered number, page by page, until the server says there is no
// more. Only then is the client "in sync". Pulls are idempotent, so a pull cut short is simply repeated.
// InboxApplier stores what arrives. Engine thread.
class SyncEngine : public QObject {
    Q_OBJECT

public:
    static constexpr int kPageSize = 200;
    static constexpr int kRetryDelayMs = 2000; // after a failed pull while still online

    SyncEngine(InboxApplier &applier, Connection &connection, QObject *parent = nullptr);

    bool inSync() const { return m_inSync; }
    quint64 syncedSeq() const { return m_seq; }

    void onOnline(quint64 inboxHead);
    void onOffline();
    void onPush(const Frame &frame);

Q_SIGNALS:
    // A batch of items was stored (with the sync position).
    void changed(const parley::ChangeSet &changes);
    // The server no longer had some items this device missed (inbox retention): history may have holes.
    void itemsExpired();
    void inSyncChanged(bool inSync);
    void storageFailed(const parley::Error &error);

private:
    void pull();
    void onPage(const Result<v1::Result> &reply);
    bool apply(const QList<v1::InboxItem> &items, quint64 newSeq);
    void setInSync(bool inSync);

    InboxApplier &m_applier;
    Connection &m_connection;
    quint64 m_seq = 0;
    bool m_pulling = false;
    bool m_pullAgain = false;
    bool m_inSync = false;
    QTimer m_retryTimer{this}; // parented: moves to the engine thread with its owner
};

} // namespace parley
