#include "ui/profilecard.h"

#include "core/client.h"
#include "protocol/limits.h"
#include "ui/avatarlabel.h"
#include "ui/namevalidator.h"
#include "ui/popups.h"
#include "ui/presencetext.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kAvatar = 72;

} // namespace

ProfileCard::ProfileCard(Client &client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_avatar(new AvatarLabel(kAvatar, this)),
      m_name(new QLabel(this)),
      m_details(new QLabel(this)),
      m_presence(new QLabel(this)),
      m_signature(new QLabel(this)),
      m_remark(new QLineEdit(this)),
      m_message(new QPushButton(tr("Send message"), this)),
      m_delete(new QPushButton(tr("Delete friend"), this)),
      m_block(new QPushButton(this))
{
    setObjectName(QStringLiteral("profileCard"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_details->setObjectName(QStringLiteral("secondaryText"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_presence->setObjectName(QStringLiteral("presence"));
    m_signature->setWordWrap(true);
    NameValidator::apply(m_remark, limits::kMaxRemark);
    m_remark->setPlaceholderText(tr("Add a remark only you see"));
    m_message->setObjectName(QStringLiteral("primaryButton"));
    m_delete->setObjectName(QStringLiteral("dangerButton"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_avatar);
    auto *names = new QVBoxLayout;
    names->addWidget(m_name);
    names->addWidget(m_details);
    names->addWidget(m_presence);
    top->addLayout(names, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Remark"), m_remark);
    form->addRow(tr("Signature"), m_signature);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message);
    buttons->addStretch();
    buttons->addWidget(m_block);
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 48, 48, 32);
    layout->setSpacing(20);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_message, &QPushButton::clicked, this, [this] { Q_EMIT messageRequested(m_contact.userId()); });
    connect(m_remark, &QLineEdit::editingFinished, this, &ProfileCard::saveRemark);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QString userId = m_contact.userId();
        popups::confirm(this, tr("Delete friend"),
                        tr("Delete %1 from your friends? You will no longer be able to chat unless you share a group.")
                            .arg(m_contact.displayName()),
                        tr("Delete"), [this, userId] { m_client.people().deleteFriend(userId); });
    });
    connect(m_block, &QPushButton::clicked, this,
            [this] { m_client.people().setBlocked(m_contact.userId(), !m_contact.blocked); });
    connect(&m_client.people(), &PeopleApi::presenceChanged, this, [this](const Presence &p) {
        if (p.userId == m_contact.userId())
            showPresence();
    });
}

void ProfileCard::showPresence()
{
    const QString text = PresenceText::text(m_client.people().presence(m_contact.userId()));
    m_presence->setText(text);
    m_presence->setVisible(!text.isEmpty());
}

void ProfileCard::setContact(const Contact &contact)
{
    const QString previous = m_contact.userId();
    m_contact = contact;
    m_avatar->showAvatar(contact.userId(), contact.displayName());
    m_name->setText(contact.displayName());
    m_details->setText(contact.remark.isEmpty()
                           ? tr("ID: %1").arg(contact.userId())
                           : tr("Nickname: %1 · ID: %2").arg(contact.profile.displayName(), contact.userId()));
    m_signature->setText(contact.profile.signature.isEmpty() ? tr("—") : contact.profile.signature);
    m_remark->setText(contact.remark);
    m_block->setText(contact.blocked ? tr("Unblock") : tr("Block"));
    m_delete->setVisible(contact.isFriend);
    m_message->setVisible(contact.isFriend);
    showPresence();
    if (contact.userId() != previous)
        m_client.people().fetchPresence({contact.userId()}).then(this, [this](const auto &) { showPresence(); });
}

void ProfileCard::saveRemark()
{
    const QString remark = m_remark->text().trimmed();
    if (m_contact.isFriend && remark != m_contact.remark)
        m_client.people().setRemark(m_contact.userId(), remark);
}

} // namespace parley
