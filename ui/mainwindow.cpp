#include "ui/mainwindow.h"

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/friendrequestmodel.h"
#include "core/models/namebook.h"
#include "ui/activitywatcher.h"
#include "ui/addfrienddialog.h"
#include "ui/avatar.h"
#include "ui/callwindow.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/connectionbanner.h"
#include "ui/contactspage.h"
#include "ui/groupdetailsdialog.h"
#include "ui/newgroupdialog.h"
#include "ui/notifier.h"
#include "ui/popups.h"
#include "ui/settingspage.h"
#include "ui/theme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QButtonGroup>
#include <QCloseEvent>
#include <QEvent>
#include <QLabel>
#include <QSettings>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace parley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kRailAvatar = 36;
constexpr int kRailIcon = 24;
enum Page { Chats = 0, Contacts = 1, Settings = 2 };

QToolButton *railButton(const QString &icon, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(u"railButton"_s);
    b->setIcon(QIcon(icon));
    b->setIconSize(QSize(kRailIcon, kRailIcon));
    b->setToolTip(tip);
    b->setCheckable(true);
    b->setCursor(Qt::PointingHandCursor);
    return b;
}

QLabel *railBadge(QToolButton *button)
{
    auto *badge = new QLabel(button);
    badge->setObjectName(u"railBadge"_s);
    badge->setAlignment(Qt::AlignCenter);
    badge->hide();
    return badge;
}

// The book the window's avatars take their pictures from, installed before any page draws one.
NameBook *drawingPictures(NameBook *names)
{
    Avatar::addPictures(names);
    return names;
}

} // namespace

MainWindow::MainWindow(Client &client, QWidget *parent)
    : QMainWindow(parent),
      m_client(client),
      m_names(drawingPictures(new NameBook(&client, this))),
      m_contacts(new ContactListModel(&client, this)),
      m_requests(new FriendRequestModel(&client, this)),
      m_rail(new QButtonGroup(this)),
      m_pages(new QStackedWidget(this)),
      m_chats(new ChatsPage(client, *m_names, *m_contacts, this)),
      m_contactsPage(new ContactsPage(client, *m_contacts, *m_requests, this)),
      m_settings(new SettingsPage(client, this)),
      m_notifier(nullptr),
      m_me(new QToolButton(this)),
      m_chatsBadge(nullptr),
      m_contactsBadge(nullptr)
{
    setWindowTitle(tr("Parley"));
    setMinimumSize(kMinimumSize);

    auto *rail = new QWidget(this);
    rail->setObjectName(u"navRail"_s);
    rail->setAttribute(Qt::WA_StyledBackground);
    rail->setFixedWidth(kRailWidth);
    m_me->setObjectName(u"meButton"_s);
    m_me->setIconSize(QSize(kRailAvatar, kRailAvatar));
    auto *chats = railButton(u":/icons/chats.svg"_s, tr("Chats"), rail);
    auto *contacts = railButton(u":/icons/contacts.svg"_s, tr("Contacts"), rail);
    auto *logOut = new QToolButton(rail);
    logOut->setObjectName(u"railButton"_s);
    logOut->setIcon(QIcon(u":/icons/logout.svg"_s));
    logOut->setIconSize(QSize(kRailIcon, kRailIcon));
    logOut->setToolTip(tr("Log out"));
    m_chatsBadge = railBadge(chats);
    m_contactsBadge = railBadge(contacts);
    m_rail->addButton(chats, Chats);
    m_rail->addButton(contacts, Contacts);
    chats->setChecked(true);
    auto *railLayout = new QVBoxLayout(rail);
    railLayout->setContentsMargins(0, 16, 0, 16);
    railLayout->setSpacing(8);
    railLayout->addWidget(m_me, 0, Qt::AlignHCenter);
    railLayout->addSpacing(12);
    railLayout->addWidget(chats, 0, Qt::AlignHCenter);
    railLayout->addWidget(contacts, 0, Qt::AlignHCenter);
    railLayout->addStretch();
    railLayout->addWidget(logOut, 0, Qt::AlignHCenter);

    m_pages->insertWidget(Chats, m_chats);
    m_pages->insertWidget(Contacts, m_contactsPage);
    m_pages->insertWidget(Settings, m_settings);
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(new ConnectionBanner(client, content));
    contentLayout->addWidget(m_pages, 1);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(rail);
    layout->addWidget(content, 1);
    setCentralWidget(central);

    QSettings settings;
    resize(settings.value(u"window/size"_s, QSize(1040, 700)).toSize());

    connect(m_rail, &QButtonGroup::idClicked, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_me, &QToolButton::clicked, this, &MainWindow::showSettings);
    connect(logOut, &QToolButton::clicked, this, [this] {
        popups::confirm(this, tr("Log out"),
                        tr("Log out of Parley on this computer? Your messages stay here until you log in again."),
                        tr("Log out"), [this] { Q_EMIT logOutRequested(false); });
    });
    connect(m_settings, &SettingsPage::logOutRequested, this, &MainWindow::logOutRequested);
    connect(m_settings, &SettingsPage::languageChanged, this, &MainWindow::languageChanged);
    connect(m_chats, &ChatsPage::addFriendRequested, this, &MainWindow::addFriend);
    connect(m_chats, &ChatsPage::newGroupRequested, this, &MainWindow::newGroup);
    connect(m_contactsPage, &ContactsPage::addFriendRequested, this, &MainWindow::addFriend);
    connect(m_contactsPage, &ContactsPage::messageRequested, this, &MainWindow::openChatWith);
    connect(m_chats->chatView(), &ChatView::detailsRequested, this, &MainWindow::showDetails);
    setRailBadge(m_chatsBadge, client.messages().totalUnread());
    connect(&client.messages(), &MessagesApi::totalUnreadChanged, this,
            [this](int total) { setRailBadge(m_chatsBadge, total); });
    connect(m_requests, &FriendRequestModel::pendingCountChanged, this,
            [this](int pending) { setRailBadge(m_contactsBadge, pending); });
    connect(m_names, &NameBook::namesChanged, this, &MainWindow::updateMe);
    // A picture that arrived shows in every list and on the rail.
    connect(m_names, &NameBook::picturesChanged, this, [this] {
        updateMe();
        for (QAbstractItemView *view : findChildren<QAbstractItemView *>())
            view->viewport()->update();
    });
    new ActivityWatcher(client, this); // someone at this computer: my other devices stay quiet
    m_notifier = new Notifier(client, *m_names,
                              Notifier::Hooks{[this](const ConversationKey &c) {
                                                  return isActiveWindow() && m_pages->currentIndex() == Chats &&
                                                         m_chats->chatView()->conversation() == c;
                                              },
                                              [this](const ConversationKey &c) { return m_chats->isMuted(c); }},
                              this);
    connect(m_notifier, &Notifier::quitRequested, qApp, &QCoreApplication::quit);
    m_callWindow = new CallWindow(client, *m_names, m_notifier->notifications(), this);
    connect(m_chats->chatView(), &ChatView::callRequested, m_callWindow, &CallWindow::place);
    connect(m_notifier, &Notifier::openRequested, this, [this](const ConversationKey &c) {
        showNormal();
        raise();
        activateWindow();
        if (c.isValid()) {
            showChats();
            m_chats->open(c);
        }
    });
    updateMe();
}

MainWindow::~MainWindow()
{
    Avatar::removePictures(m_names); // a window made before it and still open draws the avatars again
    QSettings settings;
    settings.setValue(u"window/size"_s, size());
}

void MainWindow::showChats()
{
    m_rail->button(Chats)->setChecked(true);
    m_pages->setCurrentIndex(Chats);
}

void MainWindow::showContacts()
{
    m_rail->button(Contacts)->setChecked(true);
    m_pages->setCurrentIndex(Contacts);
}

void MainWindow::showSettings()
{
    m_rail->setExclusive(false);
    for (QAbstractButton *b : m_rail->buttons())
        b->setChecked(false);
    m_rail->setExclusive(true);
    m_pages->setCurrentIndex(Settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // As messengers do: closing the window leaves Parley in the tray, receiving and notifying; "Quit
    // Parley" in the icon's menu ends it. Without a tray, closing quits.
    if (m_notifier->inTray()) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ActivationChange)
        m_chats->chatView()->markReadIfSeen();
    QMainWindow::changeEvent(event);
}

void MainWindow::updateMe()
{
    const QString name = m_names->myName().isEmpty() ? m_client.userId() : m_names->myName();
    m_me->setIcon(QIcon(Avatar::pixmap(m_client.userId(), name, kRailAvatar, devicePixelRatioF())));
    m_me->setToolTip(tr("%1 — your ID is %2").arg(name, m_client.userId()));
}

void MainWindow::setRailBadge(QLabel *badge, int count)
{
    badge->setVisible(count > 0);
    badge->setText(Theme::badgeText(count));
    badge->adjustSize();
    badge->resize(std::max(badge->width(), badge->height()), badge->height());
    badge->move(badge->parentWidget()->width() - badge->width(), 0);
}

void MainWindow::openChatWith(const QString &userId)
{
    showChats();
    m_chats->open(ConversationKey::withUser(userId));
}

void MainWindow::addFriend()
{
    auto *dialog = new AddFriendDialog(m_client, m_names->myName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showDetails(const ConversationKey &conversation)
{
    if (conversation.type == ConversationKey::Type::Private) {
        if (m_contactsPage->showContactById(conversation.target))
            showContacts();
        return;
    }
    auto *dialog = new GroupDetailsDialog(m_client, *m_contacts, m_names->group(conversation.target),
                                          m_chats->isMuted(conversation), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::newGroup()
{
    auto *dialog = new NewGroupDialog(m_client, *m_contacts, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewGroupDialog::groupCreated, this, [this](const GroupInfo &group) {
        m_chats->open(ConversationKey{ConversationKey::Type::Group, group.groupId});
    });
    dialog->open();
}

} // namespace parley
