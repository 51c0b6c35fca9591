#include "ui/friendpicker.h"

#include "core/models/contactlistmodel.h"
#include "ui/avatar.h"

#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kAvatar = 28;
constexpr int kUserIdRole = Qt::UserRole + 1;

} // namespace

FriendPicker::FriendPicker(const ContactListModel &contacts, const QStringList &excluded, QWidget *parent)
    : QWidget(parent), m_contacts(contacts), m_filter(new QLineEdit(this)), m_friends(new QListWidget(this))
{
    m_filter->setPlaceholderText(tr("Search friends"));
    m_filter->setClearButtonEnabled(true);
    m_friends->setIconSize(QSize(kAvatar, kAvatar));
    for (int row = 0; row < contacts.rowCount(); ++row) {
        const QModelIndex i = contacts.index(row);
        const QString id = i.data(ContactListModel::UserIdRole).toString();
        if (excluded.contains(id))
            continue;
        const QString name = i.data(ContactListModel::DisplayNameRole).toString();
        auto *item =
            new QListWidgetItem(QIcon(Avatar::pixmap(id, name, kAvatar, devicePixelRatioF())), name, m_friends);
        item->setData(kUserIdRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_friends, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &FriendPicker::filter);
    // Readings (pinyin) arrive a moment after the first search.
    connect(&contacts, &QAbstractItemModel::dataChanged, this, [this] { filter(m_filter->text()); });
    connect(m_friends, &QListWidget::itemChanged, this, [this] { Q_EMIT pickedChanged(int(picked().size())); });
    // A click anywhere on the row picks it, not only on the box.
    connect(m_friends, &QListWidget::itemClicked, this, [](QListWidgetItem *item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
}

QStringList FriendPicker::picked() const
{
    QStringList ids;
    for (int row = 0; row < m_friends->count(); ++row) {
        if (m_friends->item(row)->checkState() == Qt::Checked)
            ids.append(m_friends->item(row)->data(kUserIdRole).toString());
    }
    return ids;
}

int FriendPicker::offered() const
{
    return m_friends->count();
}

void FriendPicker::filter(const QString &text)
{
    const QString wanted = text.trimmed();
    QHash<QString, QString> searchText; // by user id
    if (!wanted.isEmpty()) {
        for (int row = 0; row < m_contacts.rowCount(); ++row) {
            const QModelIndex i = m_contacts.index(row);
            searchText.insert(i.data(ContactListModel::UserIdRole).toString(),
                              i.data(ContactListModel::SearchTextRole).toString());
        }
    }
    for (int row = 0; row < m_friends->count(); ++row) {
        QListWidgetItem *item = m_friends->item(row);
        const QString haystack = searchText.value(item->data(kUserIdRole).toString(), item->text());
        item->setHidden(!haystack.contains(wanted, Qt::CaseInsensitive));
    }
}

} // namespace parley
