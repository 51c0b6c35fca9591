#include "ui/newgroupdialog.h"

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "ui/avatar.h"
#include "ui/errortext.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kAvatar = 28;
constexpr int kMaxName = 64;
constexpr int kUserIdRole = Qt::UserRole + 1;

} // namespace

NewGroupDialog::NewGroupDialog(Client &client, const ContactListModel &contacts, QWidget *parent)
    : QDialog(parent),
      m_client(client),
      m_name(new QLineEdit(this)),
      m_filter(new QLineEdit(this)),
      m_friends(new QListWidget(this)),
      m_message(new QLabel(this)),
      m_create(new QPushButton(tr("Create"), this))
{
    setWindowTitle(tr("New group"));
    resize(420, 560);
    m_name->setPlaceholderText(tr("Group name (optional)"));
    m_name->setMaxLength(kMaxName);
    m_filter->setPlaceholderText(tr("Search friends"));
    m_filter->setClearButtonEnabled(true);
    m_friends->setIconSize(QSize(kAvatar, kAvatar));
    m_message->setObjectName(QStringLiteral("secondaryText"));
    m_create->setObjectName(QStringLiteral("primaryButton"));
    for (int row = 0; row < contacts.rowCount(); ++row) {
        const QModelIndex i = contacts.index(row);
        const QString id = i.data(ContactListModel::UserIdRole).toString();
        const QString name = i.data(ContactListModel::DisplayNameRole).toString();
        auto *item =
            new QListWidgetItem(QIcon(Avatar::pixmap(id, name, kAvatar, devicePixelRatioF())), name, m_friends);
        item->setData(kUserIdRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_filter);
    layout->addWidget(m_friends, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_create, 0, Qt::AlignRight);

    connect(m_filter, &QLineEdit::textChanged, this, &NewGroupDialog::filter);
    connect(m_friends, &QListWidget::itemChanged, this, &NewGroupDialog::updateButton);
    connect(m_friends, &QListWidget::itemClicked, this, [](QListWidgetItem *item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    connect(m_create, &QPushButton::clicked, this, &NewGroupDialog::create);
    connect(&m_client, &Client::groupCreated, this, [this](const GroupInfo &group) {
        if (!m_waiting)
            return;
        Q_EMIT groupCreated(group);
        accept();
    });
    connect(&m_client, &Client::peopleActionFailed, this, [this](PeopleAction action, const Error &error) {
        if (action != PeopleAction::CreateGroup || !m_waiting)
            return;
        m_waiting = false;
        m_message->setText(errorText(error));
        updateButton();
    });
    updateButton();
}

void NewGroupDialog::filter(const QString &text)
{
    for (int row = 0; row < m_friends->count(); ++row) {
        QListWidgetItem *item = m_friends->item(row);
        item->setHidden(!item->text().contains(text.trimmed(), Qt::CaseInsensitive));
    }
}

void NewGroupDialog::updateButton()
{
    int picked = 0;
    for (int row = 0; row < m_friends->count(); ++row)
        picked += m_friends->item(row)->checkState() == Qt::Checked ? 1 : 0;
    m_create->setText(picked > 0 ? tr("Create (%n)", nullptr, picked + 1) : tr("Create"));
    m_create->setEnabled(picked > 0 && !m_waiting);
}

void NewGroupDialog::create()
{
    QStringList members;
    for (int row = 0; row < m_friends->count(); ++row) {
        if (m_friends->item(row)->checkState() == Qt::Checked)
            members.append(m_friends->item(row)->data(kUserIdRole).toString());
    }
    m_waiting = true;
    m_message->setText(tr("Creating…"));
    updateButton();
    m_client.createGroup(m_name->text().trimmed(), members);
}

} // namespace parley
