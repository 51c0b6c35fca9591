#pragma once

#include "common/sqlstatements.h"
#include "core/types/changeset.h"
#include "parley.pb.h"
#include "protocol/result.h"

#include <QList>

namespace parley {

class ConversationRepository;
class GroupRepository;
class LocalDatabase;
class MessageRepository;
class PeopleRepository;

// Applies items of my inbox — pulled or pushed — to the cache: a batch of items and the sync position after
// them in one transaction, so that either both are stored or neither (nothing lost, nothing twice). Routes
// each kind of item to the repository that stores it and returns what changed, for the owners of models to
// announce. A new kind of synced item is added here (one case in applyItem) and in its own repository.
// Engine thread.
class InboxApplier {
public:
    struct Stores {
        MessageRepository &messages;
        ConversationRepository &conversations;
        PeopleRepository &people;
        GroupRepository &groups;
    };

    InboxApplier(LocalDatabase &db, QString selfUserId, Stores stores);

    // Applies the items and moves the sync position to `syncSeq`, atomically.
    Result<ChangeSet> apply(const QList<v1::InboxItem> &items, quint64 syncSeq);
    // The sync position: every inbox item up to it is in the cache.
    quint64 syncSeq();

private:
    bool applyItem(const v1::InboxItem &item, ChangeSet &changes);

    LocalDatabase &m_db;
    QString m_self;
    Stores m_stores;
    SqlStatements m_sql;
};

} // namespace parley
