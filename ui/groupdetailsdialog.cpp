#include "ui/groupdetailsdialog.h"

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/groupmembermodel.h"
#include "protocol/limits.h"
#include "ui/avatar.h"
#include "ui/avatarcropdialog.h"
#include "ui/avatarlabel.h"
#include "ui/errortext.h"
#include "ui/friendpicker.h"
#include "ui/joinrequestsdialog.h"
#include "ui/namevalidator.h"
#include "ui/popups.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace parley {

namespace {

constexpr int kAvatar = 32;
constexpr int kGroupAvatar = 56;
constexpr int kAnnouncementHeight = 72;

// A member row: avatar, name, and the role when it is not "member".
class MemberDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString name = index.data(GroupMemberModel::DisplayNameRole).toString();
        option->icon = QIcon(Avatar::pixmap(index.data(GroupMemberModel::UserIdRole).toString(), name, kAvatar, 2.0));
        option->decorationSize = QSize(kAvatar, kAvatar);
        option->features |= QStyleOptionViewItem::HasDecoration;
        switch (GroupRole(index.data(GroupMemberModel::RoleRole).toInt())) {
        case GroupRole::Owner: option->text = GroupDetailsDialog::tr("%1 · Owner").arg(name); break;
        case GroupRole::Admin: option->text = GroupDetailsDialog::tr("%1 · Admin").arg(name); break;
        case GroupRole::Member: option->text = name; break;
        }
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return {QStyledItemDelegate::sizeHint(option, index).width(), kAvatar + 12};
    }
};

} // namespace

GroupDetailsDialog::GroupDetailsDialog(Client &client, const ContactListModel &contacts, const GroupInfo &group,
                                       bool muted, QWidget *parent)
    : QDialog(parent),
      m_client(client),
      m_contacts(contacts),
      m_group(group),
      m_members(new GroupMemberModel(&client, this)),
      m_avatar(new AvatarLabel(kGroupAvatar, this)),
      m_changeAvatar(new QPushButton(tr("Change picture…"), this)),
      m_removeAvatar(new QPushButton(tr("Remove picture"), this)),
      m_name(new QLineEdit(this)),
      m_announcement(new QPlainTextEdit(this)),
      m_save(new QPushButton(tr("Save"), this)),
      m_count(new QLabel(this)),
      m_list(new QListView(this)),
      m_add(new QPushButton(tr("Add members"), this)),
      m_mute(new QCheckBox(tr("Mute notifications"), this)),
      m_muteAll(new QCheckBox(tr("Only the owner and admins can write"), this)),
      m_approval(new QCheckBox(tr("Invitations by members need an admin's approval"), this)),
      m_joins(new QPushButton(this)),
      m_leave(new QPushButton(this)),
      m_message(new QLabel(this))
{
    setWindowTitle(tr("Group details"));
    resize(440, 700);
    NameValidator::apply(m_name, limits::kDefaultMaxGroupName);
    m_announcement->setFixedHeight(kAnnouncementHeight);
    m_announcement->setPlaceholderText(tr("No announcement"));
    m_save->setObjectName(QStringLiteral("primaryButton"));
    m_count->setObjectName(QStringLiteral("secondaryText"));
    m_list->setObjectName(QStringLiteral("memberList"));
    m_list->setModel(m_members);
    m_list->setItemDelegate(new MemberDelegate(m_list));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_leave->setObjectName(QStringLiteral("dangerButton"));
    m_message->setObjectName(QStringLiteral("secondaryText"));
    m_message->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Announcement"), m_announcement);
    auto *membersRow = new QHBoxLayout;
    membersRow->addWidget(m_count, 1);
    membersRow->addWidget(m_add);
    auto *picture = new QHBoxLayout;
    picture->addWidget(m_avatar);
    picture->addWidget(m_changeAvatar, 0, Qt::AlignVCenter);
    picture->addWidget(m_removeAvatar, 0, Qt::AlignVCenter);
    picture->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(picture);
    layout->addLayout(form);
    layout->addWidget(m_save, 0, Qt::AlignRight);
    layout->addLayout(membersRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_joins, 0, Qt::AlignLeft);
    layout->addWidget(m_message);
    layout->addWidget(m_muteAll);
    layout->addWidget(m_approval);
    layout->addWidget(m_mute);
    layout->addWidget(m_leave);

    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString name = m_name->text().trimmed();
        if (!name.isEmpty() && name != m_group.name)
            manage(m_client.groups().rename(m_group.groupId, name));
        const QString announcement = m_announcement->toPlainText().trimmed();
        if (announcement != m_group.announcement)
            manage(m_client.groups().setAnnouncement(m_group.groupId, announcement));
    });
    m_changeAvatar->setObjectName(QStringLiteral("changeGroupAvatar"));
    connect(m_changeAvatar, &QPushButton::clicked, this, [this] {
        AvatarCropDialog::choose(this, [this](const QImage &picture) {
            m_changeAvatar->setEnabled(false);
            m_client.files().uploadAvatar(picture).then(this, [this](const Result<QString> &fileId) {
                m_changeAvatar->setEnabled(true);
                if (!fileId)
                    m_message->setText(errorText(fileId.error()));
                else
                    manage(m_client.groups().setAvatar(m_group.groupId, fileId.value()));
            });
        });
    });
    m_removeAvatar->setObjectName(QStringLiteral("removeGroupAvatar"));
    connect(m_removeAvatar, &QPushButton::clicked, this,
            [this] { manage(m_client.groups().setAvatar(m_group.groupId, QString())); });
    m_add->setObjectName(QStringLiteral("addMembersButton"));
    connect(m_add, &QPushButton::clicked, this, &GroupDetailsDialog::addMembers);
    m_mute->setChecked(muted);
    connect(m_mute, &QCheckBox::toggled, this, [this](bool on) {
        m_client.messages().setMutedUntil(ConversationKey{ConversationKey::Type::Group, m_group.groupId},
                                          on ? limits::kMutedForever : 0);
    });
    m_muteAll->setObjectName(QStringLiteral("muteAll"));
    connect(m_muteAll, &QCheckBox::clicked, this,
            [this](bool on) { manage(m_client.groups().setMuteAll(m_group.groupId, on)); });
    m_approval->setObjectName(QStringLiteral("joinApproval"));
    connect(m_approval, &QCheckBox::clicked, this,
            [this](bool on) { manage(m_client.groups().setJoinApproval(m_group.groupId, on)); });
    m_joins->setObjectName(QStringLiteral("joinRequests"));
    connect(m_joins, &QPushButton::clicked, this, [this] {
        auto *dialog = new JoinRequestsDialog(m_client, m_group.groupId, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(m_leave, &QPushButton::clicked, this, &GroupDetailsDialog::leaveOrDismiss);
    connect(m_list, &QListView::customContextMenuRequested, this, &GroupDetailsDialog::showMemberMenu);
    connect(&m_client.groups(), &GroupsApi::groupChanged, this, &GroupDetailsDialog::onGroupChanged);
    connect(m_members, &QAbstractItemModel::rowsInserted, this, [this] { onGroupChanged(m_group); });
    connect(m_members, &QAbstractItemModel::rowsRemoved, this, [this] { onGroupChanged(m_group); });
    connect(m_members, &GroupMemberModel::fetchFailed, this,
            [this](const Error &error) { m_message->setText(errorText(error)); });
    m_members->setGroupId(group.groupId);
    onGroupChanged(group);
}

void GroupDetailsDialog::onGroupChanged(const GroupInfo &group)
{
    if (group.groupId != m_group.groupId)
        return;
    m_group = group;
    const bool manage = group.canManage();
    if (!m_name->hasFocus())
        m_name->setText(group.name);
    if (!m_announcement->hasFocus())
        m_announcement->setPlainText(group.announcement);
    m_avatar->showAvatar(group.groupId, group.name, true);
    m_changeAvatar->setVisible(manage);
    m_removeAvatar->setVisible(manage && !group.avatar.isEmpty());
    m_name->setReadOnly(!manage);
    m_announcement->setReadOnly(!manage);
    m_save->setVisible(manage);
    m_add->setVisible(group.member); // members invite too (with approval on, some wait for an admin)
    m_muteAll->setVisible(manage);
    m_muteAll->setChecked(group.muteAll);
    m_approval->setVisible(manage);
    m_approval->setChecked(group.joinApproval);
    m_joins->setVisible(manage && group.pendingJoins > 0);
    m_joins->setText(tr("%n request(s) to join", nullptr, group.pendingJoins));
    m_count->setText(tr("%n member(s)", nullptr, m_members->rowCount()));
    m_leave->setText(group.myRole == GroupRole::Owner ? tr("Dismiss group") : tr("Leave group"));
    m_leave->setEnabled(group.member);
    if (!group.member)
        m_message->setText(group.dismissed ? tr("This group was dismissed.") : tr("You are no longer in this group."));
}

void GroupDetailsDialog::showMemberMenu(const QPoint &pos)
{
    const QModelIndex index = m_list->indexAt(pos);
    if (!index.isValid() || !m_group.canManage())
        return;
    const QString userId = index.data(GroupMemberModel::UserIdRole).toString();
    const QString name = index.data(GroupMemberModel::DisplayNameRole).toString();
    const auto role = GroupRole(index.data(GroupMemberModel::RoleRole).toInt());
    if (userId == m_client.userId())
        return;
    QMenu *menu = popups::contextMenu(this);
    const bool owner = m_group.myRole == GroupRole::Owner;
    if (owner && role == GroupRole::Member)
        menu->addAction(tr("Make admin"), this, [this, userId] {
            manage(m_client.groups().setRole(m_group.groupId, userId, GroupRole::Admin));
        });
    if (owner && role == GroupRole::Admin)
        menu->addAction(tr("Remove admin"), this, [this, userId] {
            manage(m_client.groups().setRole(m_group.groupId, userId, GroupRole::Member));
        });
    if (owner)
        menu->addAction(tr("Make owner"), this, [this, userId, name] {
            popups::confirm(
                this, tr("Make owner"), tr("Make %1 the owner of this group? You will become a member.").arg(name),
                tr("Make owner"),
                [this, userId] { manage(m_client.groups().setRole(m_group.groupId, userId, GroupRole::Owner)); });
        });
    if (role < m_group.myRole) {
        if (index.data(GroupMemberModel::MutedUntilRole).toLongLong() > QDateTime::currentMSecsSinceEpoch()) {
            menu->addAction(tr("Let write again"), this,
                            [this, userId] { manage(m_client.groups().muteMember(m_group.groupId, userId, 0)); });
        } else {
            QMenu *mute = menu->addMenu(tr("Mute"));
            for (const auto &[text, seconds] :
                 {std::pair{tr("For 10 minutes"), 600}, std::pair{tr("For 1 hour"), 3600},
                  std::pair{tr("For 1 day"), 24 * 3600}, std::pair{tr("For 7 days"), 7 * 24 * 3600}})
                mute->addAction(text, this, [this, userId, seconds] {
                    manage(m_client.groups().muteMember(m_group.groupId, userId, seconds));
                });
        }
    }
    if (role < m_group.myRole)
        menu->addAction(tr("Remove from group"), this, [this, userId, name] {
            popups::confirm(this, tr("Remove member"), tr("Remove %1 from this group?").arg(name), tr("Remove"),
                            [this, userId] { manage(m_client.groups().removeMembers(m_group.groupId, {userId})); });
        });
    if (menu->isEmpty())
        menu->deleteLater();
    else
        menu->popup(m_list->viewport()->mapToGlobal(pos));
}

void GroupDetailsDialog::addMembers()
{
    // Friends who are not in the group yet, with checkboxes and a search field.
    QStringList members;
    for (int row = 0; row < m_members->rowCount(); ++row)
        members.append(m_members->index(row).data(GroupMemberModel::UserIdRole).toString());
    auto *picker = new QDialog(this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setWindowTitle(tr("Add members"));
    picker->resize(360, 480);
    auto *friends = new FriendPicker(m_contacts, members, picker);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, picker);
    QPushButton *add = buttons->button(QDialogButtonBox::Ok);
    add->setObjectName(QStringLiteral("primaryButton"));
    add->setText(tr("Add"));
    add->setEnabled(false);
    auto *layout = new QVBoxLayout(picker);
    layout->addWidget(friends, 1);
    if (friends->offered() == 0) {
        auto *none = new QLabel(tr("All your friends are in this group already."), picker);
        none->setObjectName(QStringLiteral("secondaryText"));
        layout->addWidget(none);
    }
    layout->addWidget(buttons);
    connect(friends, &FriendPicker::pickedChanged, add, [add](int count) {
        add->setEnabled(count > 0);
        add->setText(count > 0 ? tr("Add (%n)", nullptr, count) : tr("Add"));
    });
    connect(buttons, &QDialogButtonBox::accepted, picker, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, picker, &QDialog::reject);
    connect(picker, &QDialog::accepted, this,
            [this, friends] { manage(m_client.groups().addMembers(m_group.groupId, friends->picked())); });
    picker->open();
}

void GroupDetailsDialog::leaveOrDismiss()
{
    const QString groupId = m_group.groupId;
    if (m_group.myRole == GroupRole::Owner) {
        popups::confirm(this, tr("Dismiss group"),
                        tr("Dismiss \"%1\" for everyone? Members keep the history but nobody can write any more.")
                            .arg(m_group.name),
                        tr("Dismiss"), [this, groupId] { manage(m_client.groups().dismiss(groupId)); });
        return;
    }
    popups::confirm(this, tr("Leave group"),
                    tr("Leave \"%1\"? You will no longer receive its messages.").arg(m_group.name), tr("Leave"),
                    [this, groupId] { manage(m_client.groups().quit(groupId)); });
}

void GroupDetailsDialog::manage(const Answer<GroupInfo> &request)
{
    request.then(this, [this](const Result<GroupInfo> &done) {
        if (done)
            return;
        m_message->setText(errorText(done.error()));
        onGroupChanged(m_group); // the switches show the group as it still is
    });
}

} // namespace parley
