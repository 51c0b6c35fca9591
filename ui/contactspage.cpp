#include "ui/contactspage.h"

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/friendrequestmodel.h"
#include "ui/contactdelegate.h"
#include "ui/emptystate.h"
#include "ui/friendrequestsview.h"
#include "ui/listsplitter.h"
#include "ui/profilecard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace parley {

namespace {

// The "New friends" row, laid out like ContactDelegate's rows.
constexpr int kRowIcon = 36;
constexpr int kRowLeft = 12;
constexpr int kRowGap = 10;
constexpr int kRowPadding = 10;
enum RightPage { Empty = 0, Requests = 1, Profile = 2 };

} // namespace

ContactsPage::ContactsPage(Client &client, ContactListModel &contacts, FriendRequestModel &requests, QWidget *parent)
    : QWidget(parent),
      m_contacts(contacts),
      m_newFriends(new QPushButton(this)),
      m_badge(new QLabel(m_newFriends)),
      m_list(new QListView(this)),
      m_noFriends(
          new EmptyState(tr("No friends yet"), tr("Friends find you by your phone number or your Parley ID:"), this)),
      m_right(new QStackedWidget(this)),
      m_requestsView(new FriendRequestsView(client, requests, this)),
      m_card(new ProfileCard(client, this))
{
    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("listPanel"));
    panel->setAttribute(Qt::WA_StyledBackground);
    auto *title = new QLabel(tr("Contacts"), panel);
    title->setObjectName(QStringLiteral("panelTitle"));
    auto *add = new QToolButton(panel);
    add->setObjectName(QStringLiteral("addButton"));
    add->setIcon(QIcon(QStringLiteral(":/icons/add-person.svg")));
    add->setToolTip(tr("Add friend"));
    auto *top = new QHBoxLayout;
    top->setContentsMargins(16, 14, 12, 10);
    top->addWidget(title, 1);
    top->addWidget(add);
    // The "New friends" row lines up with the contacts below it: icon, gap, name, and the badge.
    m_newFriends->setObjectName(QStringLiteral("newFriendsRow"));
    m_newFriends->setAccessibleName(tr("New friends"));
    m_newFriends->setCursor(Qt::PointingHandCursor);
    m_newFriends->setMinimumHeight(kRowIcon + 2 * kRowPadding);
    auto *rowIcon = new QLabel(m_newFriends);
    rowIcon->setPixmap(QIcon(QStringLiteral(":/icons/new-friends.svg")).pixmap(kRowIcon, kRowIcon));
    auto *rowText = new QLabel(tr("New friends"), m_newFriends);
    rowText->setObjectName(QStringLiteral("newFriendsText"));
    m_badge->setObjectName(QStringLiteral("badge"));
    m_badge->setAlignment(Qt::AlignCenter);
    m_badge->hide();
    for (QWidget *w :
         {static_cast<QWidget *>(rowIcon), static_cast<QWidget *>(rowText), static_cast<QWidget *>(m_badge)})
        w->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto *rowLayout = new QHBoxLayout(m_newFriends);
    rowLayout->setContentsMargins(kRowLeft, 0, 20, 0);
    rowLayout->setSpacing(kRowGap);
    rowLayout->addWidget(rowIcon);
    rowLayout->addWidget(rowText, 1);
    rowLayout->addWidget(m_badge);
    m_list->setObjectName(QStringLiteral("contactList"));
    m_list->setModel(&contacts);
    m_list->setItemDelegate(new ContactDelegate(m_list));
    m_list->setMouseTracking(true);
    m_list->setFrameShape(QFrame::NoFrame);
    auto *panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    panelLayout->setSpacing(0);
    panelLayout->addLayout(top);
    panelLayout->addWidget(m_newFriends);
    panelLayout->addWidget(m_list, 1);
    panelLayout->addWidget(m_noFriends, 1);
    // My ID, to tell people; selectable, and copied with one click.
    auto *myId = new QLabel(client.userId(), m_noFriends);
    myId->setObjectName(QStringLiteral("myIdLabel"));
    myId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noFriends->addWidget(myId);
    QPushButton *copy = m_noFriends->addButton(tr("Copy my ID"));
    copy->setObjectName(QStringLiteral("copyIdButton"));
    connect(copy, &QPushButton::clicked, this, [myId, copy] {
        QGuiApplication::clipboard()->setText(myId->text());
        copy->setText(tr("Copied"));
    });
    QPushButton *addFriend = m_noFriends->addButton(tr("Add friend"));
    addFriend->setObjectName(QStringLiteral("primaryButton"));
    connect(addFriend, &QPushButton::clicked, this, &ContactsPage::addFriendRequested);

    auto *empty = new QLabel(tr("Pick a friend, or see who wants to be your friend under New friends."), this);
    empty->setObjectName(QStringLiteral("emptyChat"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    m_right->insertWidget(Empty, empty);
    m_right->insertWidget(Requests, m_requestsView);
    m_right->insertWidget(Profile, m_card);

    auto *splitter = new ListSplitter(panel, m_right, QStringLiteral("window/contactsSplitter"), this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(add, &QToolButton::clicked, this, &ContactsPage::addFriendRequested);
    connect(m_newFriends, &QPushButton::clicked, this, &ContactsPage::showRequests);
    connect(m_list, &QListView::clicked, this, &ContactsPage::showContact);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &ContactsPage::showContact);
    connect(m_card, &ProfileCard::messageRequested, this, &ContactsPage::messageRequested);
    connect(&requests, &FriendRequestModel::pendingCountChanged, this, &ContactsPage::updateBadge);
    // The card follows its friend (a new remark, a block); a deleted friend's card closes.
    connect(&contacts, &QAbstractItemModel::dataChanged, this, [this] {
        if (const int row = m_contacts.indexOfKey(m_card->userId()); row >= 0)
            m_card->setContact(m_contacts.rows().at(row));
    });
    connect(&contacts, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (m_right->currentIndex() == Profile && m_contacts.indexOfKey(m_card->userId()) < 0)
            m_right->setCurrentIndex(Empty);
    });
    m_noFriends->standInFor(m_list, &contacts);
    updateBadge(requests.pendingCount());
}

void ContactsPage::showRequests()
{
    m_list->clearSelection();
    m_right->setCurrentIndex(Requests);
}

bool ContactsPage::showContactById(const QString &userId)
{
    const int row = m_contacts.indexOfKey(userId);
    if (row < 0)
        return false;
    m_list->setCurrentIndex(m_contacts.index(row));
    showContact(m_contacts.index(row));
    return true;
}

void ContactsPage::showContact(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_card->setContact(m_contacts.rows().at(index.row()));
    m_right->setCurrentIndex(Profile);
}

void ContactsPage::updateBadge(int pending)
{
    m_badge->setVisible(pending > 0);
    m_badge->setText(QString::number(pending));
    m_badge->setMinimumWidth(m_badge->sizeHint().height());
}

} // namespace parley
