#include "core/models/contactlistmodel.h"

#include "core/client.h"

namespace parley {

ContactListModel::ContactListModel(Client *client, QObject *parent)
    : KeyedListModel<Contact>(parent), m_readings(new NameReadings(this))
{
    connect(m_readings, &NameReadings::ready, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), {SearchTextRole});
    });
    if (!client)
        return;
    setContacts(client->people().contacts());
    connect(&client->people(), &PeopleApi::contactsReset, this, &ContactListModel::setContacts);
}

void ContactListModel::setContacts(const QList<Contact> &contacts)
{
    QList<Contact> friends;
    for (const Contact &c : contacts)
        if (c.isFriend)
            friends.append(c);
    std::stable_sort(friends.begin(), friends.end(), [this](const Contact &a, const Contact &b) {
        const QString la = m_collation.indexLetter(a.displayName());
        const QString lb = m_collation.indexLetter(b.displayName());
        if (la != lb)
            return la == u"#" ? false : lb == u"#" ? true : la < lb; // "#" last, as phone books do
        return m_collation.lessThan(a.displayName(), b.displayName());
    });
    update(friends);
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Contact &c = rows().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole: return c.displayName();
    case UserIdRole: return c.userId();
    case NicknameRole: return c.profile.nickname;
    case RemarkRole: return c.remark;
    case AvatarRole: return c.profile.avatar;
    case SignatureRole: return c.profile.signature;
    case SectionRole: return m_collation.indexLetter(c.displayName());
    case SearchTextRole: {
        QStringList texts;
        for (const QString &name : {c.displayName(), c.remark, c.profile.nickname}) {
            if (!name.isEmpty() && !texts.contains(name))
                texts.append(name);
        }
        for (QString &text : texts)
            text = m_readings->searchText(text);
        return texts.join(u' ');
    }
    default: return {};
    }
}

QHash<int, QByteArray> ContactListModel::roleNames() const
{
    return {{UserIdRole, "userId"},   {DisplayNameRole, "displayName"}, {NicknameRole, "nickname"},
            {RemarkRole, "remark"},   {AvatarRole, "avatar"},           {SignatureRole, "signature"},
            {SectionRole, "section"}, {SearchTextRole, "searchText"}};
}

} // namespace parley
