#include "ui/newgroupdialog.h"

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "protocol/limits.h"
#include "ui/errortext.h"
#include "ui/friendpicker.h"
#include "ui/namevalidator.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace parley {

namespace {

} // namespace

NewGroupDialog::NewGroupDialog(Client &client, const ContactListModel &contacts, QWidget *parent)
    : QDialog(parent),
      m_client(client),
      m_name(new QLineEdit(this)),
      m_friends(new FriendPicker(contacts, {}, this)),
      m_message(new QLabel(this)),
      m_create(new QPushButton(tr("Create"), this))
{
    setWindowTitle(tr("New group"));
    resize(420, 560);
    m_name->setPlaceholderText(tr("Group name (optional)"));
    NameValidator::apply(m_name, limits::kDefaultMaxGroupName);
    m_message->setObjectName(QStringLiteral("secondaryText"));
    m_create->setObjectName(QStringLiteral("primaryButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_friends, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_create, 0, Qt::AlignRight);

    connect(m_friends, &FriendPicker::pickedChanged, this, &NewGroupDialog::updateButton);
    connect(m_create, &QPushButton::clicked, this, &NewGroupDialog::create);
    updateButton();
}

void NewGroupDialog::updateButton()
{
    const auto picked = int(m_friends->picked().size());
    m_create->setText(picked > 0 ? tr("Create (%n)", nullptr, picked + 1) : tr("Create"));
    m_create->setEnabled(picked > 0 && !m_waiting);
}

void NewGroupDialog::create()
{
    const QStringList members = m_friends->picked();
    m_waiting = true;
    m_message->setText(tr("Creating…"));
    updateButton();
    m_client.groups().create(m_name->text().trimmed(), members).then(this, [this](const Result<GroupInfo> &created) {
        m_waiting = false;
        if (created) {
            Q_EMIT groupCreated(created.value());
            accept();
            return;
        }
        m_message->setText(errorText(created.error()));
        updateButton();
    });
}

} // namespace parley
