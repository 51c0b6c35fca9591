#pragma once

#include "core/storage/conversationrepository.h"
#include "core/storage/grouprepository.h"
#include "core/storage/localdatabase.h"
#include "core/storage/messagerepository.h"
#include "core/storage/peoplerepository.h"
#include "core/sync/inboxapplier.h"

#include <QTemporaryDir>

#include <memory>

// One account's cache with its repositories and inbox applier, in a temporary directory, for unit tests of
// the engine's parts; and messages from a peer as the server would send them.
struct CacheFixture {
    static constexpr const char *kSelf = "me";

    QTemporaryDir dir;
    parley::LocalDatabase db;
    std::unique_ptr<parley::MessageRepository> messages;
    std::unique_ptr<parley::ConversationRepository> conversations;
    std::unique_ptr<parley::PeopleRepository> people;
    std::unique_ptr<parley::GroupRepository> groups;
    std::unique_ptr<parley::InboxApplier> inbox;

    bool open()
    {
        const QString self = QString::fromLatin1(kSelf);
        if (!db.open(dir.filePath(QStringLiteral("cache.sqlite"))))
            return false;
        messages = std::make_unique<parley::MessageRepository>(db, self);
        conversations = std::make_unique<parley::ConversationRepository>(db, self);
        people = std::make_unique<parley::PeopleRepository>(db, self);
        groups = std::make_unique<parley::GroupRepository>(db, self);
        inbox = std::make_unique<parley::InboxApplier>(
            db, self, parley::InboxApplier::Stores{*messages, *conversations, *people, *groups});
        return true;
    }

    // Message number `seq` of the one-to-one conversation between `from` and me (the other way round when
    // `from` is me).
    static parley::v1::Message message(const std::string &from, const std::string &to, quint64 seq)
    {
        parley::v1::Message m;
        m.set_from(from);
        m.set_target(to);
        m.set_conversation_seq(seq);
        m.set_message_uid(qint64(1000 + seq));
        m.set_timestamp(1700000000000 + qint64(seq));
        m.set_client_uuid(QByteArray::number(seq).rightJustified(16, '0').toStdString());
        m.mutable_content()->set_type(parley::v1::CONTENT_TEXT);
        m.mutable_content()->set_searchable_content("message " + std::to_string(seq));
        return m;
    }
    static parley::v1::InboxItem item(quint64 inboxSeq, const parley::v1::Message &m)
    {
        parley::v1::InboxItem i;
        i.set_seq(inboxSeq);
        *i.mutable_message() = m;
        return i;
    }
    // Messages first..last of `peer` to me as inbox items first..last.
    static QList<parley::v1::InboxItem> itemsFrom(const std::string &peer, quint64 first, quint64 last)
    {
        QList<parley::v1::InboxItem> items;
        for (quint64 seq = first; seq <= last; ++seq)
            items.append(item(seq, message(peer, kSelf, seq)));
        return items;
    }
    // The same, stored as sync stores them (the position moves to `last`).
    bool storeFrom(const std::string &peer, quint64 first, quint64 last)
    {
        return bool(inbox->apply(itemsFrom(peer, first, last), last));
    }
};
