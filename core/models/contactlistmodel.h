#pragma once

#include "core/models/keyedlistmodel.h"
#include "core/models/namecollation.h"
#include "core/models/namereadings.h"
#include "core/types/contact.h"

namespace parley {

class Client;

// My friends for the contacts list, ordered by the name I see (remark, else nickname) the way people look
// names up — Chinese names by their reading — with the index letter of each, and what finds each in a search
// (pinyin too: SearchTextRole; the readings arrive a moment after the first search, and the rows say
// so with dataChanged). Fed by PeopleApi: its current contacts, then contactsReset.
class ContactListModel : public KeyedListModel<Contact> {
    Q_OBJECT

public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        DisplayNameRole,
        NicknameRole,
        RemarkRole,
        AvatarRole,
        SignatureRole,
        SectionRole,    // "A"–"Z" or "#"
        SearchTextRole, // what finds the friend: the name I see, nickname, remark, and their pinyin
    };

    explicit ContactListModel(Client *client, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setContacts(const QList<Contact> &contacts);

protected:
    QString keyOf(const Contact &c) const override { return c.userId(); }

private:
    NameCollation m_collation;
    NameReadings *m_readings;
};

} // namespace parley
