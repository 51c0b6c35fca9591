#include "core/sync/inboxapplier.h"

#include "core/logging.h"
#include "core/storage/conversationrepository.h"
#include "core/storage/grouprepository.h"
#include "core/storage/localdatabase.h"
#include "core/storage/messagerepository.h"
#include "core/storage/peoplerepository.h"

namespace parley {

using namespace Qt::StringLiterals;

namespace {
constexpr char kInboxSeqName[] = "inbox"; // sync_state row of the inbox position
}

InboxApplier::InboxApplier(LocalDatabase &db, QString selfUserId, Stores stores)
    : m_db(db), m_self(std::move(selfUserId)), m_stores(stores), m_sql(lcDb)
{
    m_sql.setDatabase(m_db.db());
}

quint64 InboxApplier::syncSeq()
{
    return m_sql.value("SELECT value FROM sync_state WHERE name = ?", {QLatin1StringView(kInboxSeqName)}).toULongLong();
}

bool InboxApplier::applyItem(const v1::InboxItem &item, ChangeSet &changes)
{
    if (item.has_message())
        return m_stores.messages.applyMessage(item.message(), changes);
    if (item.has_recall())
        return m_stores.messages.applyRecall(item.recall(), changes);
    if (item.has_edit())
        return m_stores.messages.applyEdit(item.edit(), changes);
    if (item.has_reaction())
        return m_stores.messages.applyReaction(item.reaction(), changes);
    if (item.has_progress()) {
        const v1::ConversationProgress &progress = item.progress();
        const QString user = QString::fromStdString(progress.user());
        if (progress.conversation_type() != v1::CONVERSATION_GROUP || user == m_self)
            return m_stores.conversations.applyProgress(progress, changes);
        // Another member read a group: a read count of my messages there.
        const QString groupId = QString::fromStdString(progress.target());
        changes.groupsRead.insert(groupId);
        return m_stores.groups.setMemberRead(groupId, user, progress.read_seq());
    }
    if (item.has_contact()) {
        const Contact contact = PeopleRepository::fromWire(item.contact());
        changes.contactsChanged = true;
        changes.profiles.append(contact.profile);
        changes.requestsChanged |= contact.profile.deleted; // a deleted account's requests go with it
        // The chat with the person is titled by the remark or the name (if there is a chat).
        if (contact.userId() != m_self)
            changes.conversations.insert(ConversationKey::withUser(contact.userId()));
        return m_stores.people.putContact(contact);
    }
    if (item.has_friend_request()) {
        changes.requestsChanged = true;
        return m_stores.people.putRequest(m_stores.people.fromWire(item.friend_request()));
    }
    return true; // a kind this version does not know: skipped, the position moves past it
}

Result<ChangeSet> InboxApplier::apply(const QList<v1::InboxItem> &items, quint64 syncSeq)
{
    ChangeSet changes;
    const bool stored = m_db.inTransaction([&] {
        for (const v1::InboxItem &item : items) {
            if (!applyItem(item, changes))
                return false;
        }
        return m_sql.exec("INSERT INTO sync_state (name, value) VALUES (?, ?) "
                          "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                          {QLatin1StringView(kInboxSeqName), qint64(syncSeq)});
    });
    if (!stored)
        return Error(ErrorCode::StorageFailure, u"could not store synced items"_s);
    return changes;
}

} // namespace parley
