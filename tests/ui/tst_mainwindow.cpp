// The desktop client's real widgets against a real parleyd, offscreen: log in with a code through the
// login window; a message from a friend raises the unread badge of the conversation and of the rail, and
// opening the conversation clears it; the composer sends with Enter; a friend request is accepted on the
// New friends page; a group is created in the New group dialog, and a member is removed from the details'
// member menu after the confirmation question; a recall from the bubble's menu turns it into a notice; a
// link in a bubble shows a hand and opens in the browser; clicking a notification or the tray icon brings
// the conversation up. Menus and questions are driven as a user does: a right click, then a click on the
// action or button.

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/conversationlistmodel.h"
#include "core/models/groupmembermodel.h"
#include "core/models/messagelistmodel.h"
#include "core/models/namebook.h"
#include "protocol/limits.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/memorytokenstore.h"
#include "tests/support/modelcolumn.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"
#include "tests/ui/contextmenu.h"
#include "ui/avatar.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/contactspage.h"
#include "ui/errortext.h"
#include "ui/friendpicker.h"
#include "ui/groupdetailsdialog.h"
#include "ui/listsplitter.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/newgroupdialog.h"
#include "ui/notifier.h"
#include "ui/presencetext.h"
#include "ui/profilecard.h"
#include "ui/settingspage.h"
#include "ui/timetext.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;
constexpr int kFriendHeartbeatMs = 20000; // well inside parleyd's idle timeout (90 s)

int unreadOf(QListView *list, const QString &title)
{
    for (int row = 0; row < list->model()->rowCount(); ++row) {
        const QModelIndex i = list->model()->index(row, 0);
        if (i.data(ConversationListModel::TitleRole).toString() == title)
            return i.data(ConversationListModel::UnreadRole).toInt();
    }
    return -1;
}

ConversationKey groupKey(ChatsPage *chats)
{
    const QAbstractItemModel *model = chats->list()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(ConversationListModel::IsGroupRole).toBool())
            return model->index(row, 0).data(ConversationListModel::KeyRole).value<ConversationKey>();
    }
    return {};
}

QModelIndex rowTitled(QListView *list, const QString &title)
{
    for (int row = 0; row < list->model()->rowCount(); ++row) {
        const QModelIndex i = list->model()->index(row, 0);
        if (i.data(Qt::DisplayRole).toString() == title)
            return i;
    }
    return {};
}

// The question a step which cannot be undone asks in window, while it is up.
QMessageBox *questionIn(QWidget *window)
{
    auto *box = window->findChild<QMessageBox *>();
    return box && box->isVisible() ? box : nullptr;
}

// Stands in for the system browser: QDesktopServices hands it the URLs it would open.
class UrlCatcher : public QObject {
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    std::unique_ptr<ParleydProcess> m_server;
    QTemporaryDir m_data;
    std::unique_ptr<Client> m_client;
    std::unique_ptr<MainWindow> m_window;
    RawUser m_friend;
    quint32 m_uuid = 0;
    const QString m_myPhone = u"+8613200000001"_s;


    RawUser namedPerson(const QString &nickname)
    {
        RawUser p = rawUser(*m_server, nextPhone());
        v1::ModifyMyInfoRequest r;
        r.set_nickname(nickname.toStdString());
        social::call(*p.link, SubSignal::MMI, r);
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Window and preference settings go to this test's own folder, not the user's.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_data.path());
        // The friend sends hundreds of messages in a row (openingAChatWithManyUnreadStartsAtTheFirst); the send
        // rate limit has its own tests.
        m_server = std::make_unique<ParleydProcess>(
            social::strictServerArguments({QStringLiteral("--send-rate"), QStringLiteral("0")}));
        QVERIFY(m_server->start());
        ClientOptions options;
        options.port = m_server->tlsPort();
        options.pinnedFingerprint = m_server->fingerprint();
        options.dataDir = m_data.path();
        m_client = std::make_unique<Client>(options, std::make_unique<MemoryTokenStore>());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_client.reset();
        QCOMPARE(m_server->stop(), 0);
    }

    void logInWithACode()
    {
        LoginWindow login(*m_client, {}, {}, true);
        login.show();
        auto *phone = login.findChild<QLineEdit *>(u"phoneField"_s);
        // A number that cannot be one is caught before anything is sent, in words.
        const auto saying = [&login](const QString &text) {
            const QList<QLabel *> labels = login.findChildren<QLabel *>();
            return std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *l) { return l->text() == text; });
        };
        QTest::keyClicks(phone, u"12345"_s);
        QTest::mouseClick(login.findChild<QPushButton *>(u"sendCodeButton"_s), Qt::LeftButton);
        QVERIFY(saying(errorText(Error(ErrorCode::InvalidPhone))));
        // The country code (China, first in the list) and the number as people type it.
        phone->clear();
        QTest::keyClicks(phone, u"132 0000 0001"_s);
        QCOMPARE(login.phoneNumber(), m_myPhone);
        QTest::mouseClick(login.findChild<QPushButton *>(u"sendCodeButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(saying(LoginWindow::tr("We sent a code to %1.").arg(m_myPhone)), kWaitMs);
        QTest::keyClicks(login.findChild<QLineEdit *>(u"codeField"_s), m_server->waitForCode(m_myPhone));
        QSignalSpy loggedIn(m_client.get(), &Client::loggedIn);
        QTest::mouseClick(login.findChild<QPushButton *>(u"primaryButton"_s), Qt::LeftButton);
        QVERIFY(loggedIn.wait(kWaitMs));

        m_window = std::make_unique<MainWindow>(*m_client);
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QTRY_VERIFY_WITH_TIMEOUT(m_client->connectionState() == ConnectionState::Online, kWaitMs);
    }

    void acceptAFriendRequestOnNewFriendsPage()
    {
        m_friend = namedPerson(u"韩梅梅"_s);
        m_friend.link->keepAlive(kFriendHeartbeatMs); // the whole test long, also when a loaded machine slows it
        QCOMPARE(social::addFriend(*m_friend.link, m_client->userId(), u"我是梅梅"_s).code(), v1::ERR_NONE);
        m_window->showContacts();
        m_window->contactsPage()->showRequests();
        QPushButton *accept = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((accept = [this]() -> QPushButton * {
                                     for (QPushButton *b : m_window->contactsPage()->findChildren<QPushButton *>())
                                         if (b->text() == tr("Accept") && b->isVisible())
                                             return b;
                                     return nullptr;
                                 }()) != nullptr,
                                 kWaitMs);
        QTest::mouseClick(accept, Qt::LeftButton);
        auto *contacts = m_window->contactsPage()->findChild<QListView *>(u"contactList"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowTitled(contacts, u"韩梅梅"_s).isValid(), kWaitMs);
    }

    void unreadBadgeRisesAndClears()
    {
        m_window->showChats();
        for (const QString &text : {u"在吗？"_s, u"周末去爬山吧"_s})
            social::call(*m_friend.link, SubSignal::MS,
                         social::text(v1::CONVERSATION_PRIVATE, m_client->userId(), text.toStdString(), ++m_uuid));
        QListView *list = m_window->chatsPage()->list();
        QTRY_COMPARE_WITH_TIMEOUT(unreadOf(list, u"韩梅梅"_s), 2, kWaitMs);
        QLabel *railBadge = m_window->findChild<QLabel *>(u"railBadge"_s);
        QTRY_VERIFY_WITH_TIMEOUT(railBadge->isVisible() && railBadge->text() == u"2"_s, kWaitMs);

        const QModelIndex row = rowTitled(list, u"韩梅梅"_s);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
        QTRY_COMPARE_WITH_TIMEOUT(unreadOf(list, u"韩梅梅"_s), 0, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!railBadge->isVisible(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            modelColumn(*m_window->chatsPage()->chatView()->messageView()->model(), MessageListModel::TextRole),
            (QStringList{u"在吗？"_s, u"周末去爬山吧"_s}), kWaitMs);
    }

    void composerSendsWithEnter()
    {
        auto *editor = m_window->chatsPage()->chatView()->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        editor->setFocus();
        editor->insertPlainText(u"好啊，几点？"_s); // typed through an input method: QTest types ASCII only
        QTest::keyClick(editor, Qt::Key_Return, Qt::ShiftModifier); // a new line, not a send
        editor->insertPlainText(u"我带水"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(editor->toPlainText().isEmpty());
        const auto received = m_friend.link->waitForItem([this](const v1::InboxItem &i) {
            return i.has_message() && i.message().from() == m_client->userId().toStdString();
        });
        QVERIFY(received);
        QCOMPARE(QString::fromStdString(received->message().content().searchable_content()), u"好啊，几点？\n我带水"_s);
    }

    void selectTextAndDeleteLocally()
    {
        QListView *view = m_window->chatsPage()->chatView()->messageView();
        const int last = view->model()->rowCount() - 1;
        const QModelIndex index = view->model()->index(last, 0);
        // Mine, sent in the case before: deleting is offered once the server has it (or it failed).
        QTRY_VERIFY_WITH_TIMEOUT(index.data(MessageListModel::MessageRole).value<ChatMessage>().serverUid != 0,
                                 kWaitMs);
        const auto message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
        // Opening the bubble lays the text out for selecting with the mouse.
        view->edit(index);
        auto *selectable = view->findChild<QPlainTextEdit *>(u"selectableText"_s);
        QVERIFY(selectable && selectable->isReadOnly());
        selectable->selectAll();
        QCOMPARE(selectable->textCursor().selectedText().replace(QChar::ParagraphSeparator, u'\n'), message.text);
        // Deleting from this computer removes the row, and it stays away when the chat opens again.
        view->closePersistentEditor(index);
        QVERIFY(pickFromContextMenu(view, index, tr("Delete from this computer")));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), last, kWaitMs);
        m_window->chatsPage()->open({});
        m_window->chatsPage()->open(ConversationKey::withUser(m_friend.id()));
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, kWaitMs);
        QVERIFY(!modelColumn(*view->model(), MessageListModel::LocalIdRole).contains(QString::number(message.localId)));
        // Sent again for the next case: the last message is mine and sent.
        m_client->messages().sendText(ConversationKey::withUser(m_friend.id()), message.text);
    }

    void recallTurnsTheBubbleIntoANotice()
    {
        QListView *view = m_window->chatsPage()->chatView()->messageView();
        const auto newest = [view] {
            return view->model()
                ->index(view->model()->rowCount() - 1, 0)
                .data(MessageListModel::MessageRole)
                .value<ChatMessage>();
        };
        QTRY_VERIFY_WITH_TIMEOUT(newest().outgoing && newest().serverUid != 0, kWaitMs); // mine, and sent
        const int last = view->model()->rowCount() - 1;
        const auto mine = view->model()->index(last, 0).data(MessageListModel::MessageRole).value<ChatMessage>();
        QVERIFY(mine.outgoing);
        QVERIFY(pickFromContextMenu(view, view->model()->index(last, 0), tr("Recall")));
        // Recalled, or the chat says why not (then the test fails with the reason).
        const auto refusal = [this] { return m_window->findChild<QMessageBox *>(); };
        QTRY_VERIFY_WITH_TIMEOUT(
            refusal() ||
                view->model()->index(last, 0).data(MessageListModel::MessageRole).value<ChatMessage>().isRecalled(),
            kWaitMs);
        QVERIFY2(!refusal(), qPrintable(refusal() ? refusal()->text() : QString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            view->model()->index(last, 0).data(MessageListModel::MessageRole).value<ChatMessage>().isRecalled(),
            kWaitMs);
        QCOMPARE(view->model()->index(last, 0).data(Qt::DisplayRole).toString(), tr("You recalled a message"));
    }

    void aLinkInABubbleOpensInTheBrowser()
    {
        // What would go to the system browser comes here.
        UrlCatcher browser;
        QDesktopServices::setUrlHandler(u"https"_s, &browser, "open");
        const QString text = u"The guide is at https://parley.example/guide?step=2, read it before the meeting"_s;
        social::call(*m_friend.link, SubSignal::MS,
                     social::text(v1::CONVERSATION_PRIVATE, m_client->userId(), text.toStdString(), ++m_uuid));
        m_window->chatsPage()->open(ConversationKey::withUser(m_friend.id()));
        QListView *view = m_window->chatsPage()->chatView()->messageView();
        const auto newest = [view] { return view->model()->index(view->model()->rowCount() - 1, 0); };
        QTRY_COMPARE_WITH_TIMEOUT(newest().data(MessageListModel::TextRole).toString(), text, kWaitMs);
        view->scrollToBottom();
        // Where the link is on the screen, found as a pointer would find it: the hand appears over it. Found
        // again until the hand shows, for receipts and history arriving meanwhile may still move the bubble.
        const auto *delegate = static_cast<MessageDelegate *>(view->itemDelegate());
        QPoint on;
        const auto pointAtLink = [&] {
            const QModelIndex index = newest();
            const QRect row = view->visualRect(index);
            on = {};
            for (int y = row.top(); y < row.bottom() && on.isNull(); y += 2) {
                for (int x = row.left(); x < row.right() && on.isNull(); x += 2) {
                    if (!delegate->linkAt(row, view->font(), index, QPoint(x, y)).isEmpty())
                        on = QPoint(x, y) + QPoint(4, 2);
                }
            }
            if (on.isNull())
                return false;
            QTest::mouseMove(view->viewport(), row.topLeft() + QPoint(2, 2));
            if (view->viewport()->cursor().shape() != Qt::ArrowCursor)
                return false;
            QTest::mouseMove(view->viewport(), on);
            return view->viewport()->cursor().shape() == Qt::PointingHandCursor;
        };
        QTRY_VERIFY_WITH_TIMEOUT(pointAtLink(), kWaitMs);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, on);
        QCOMPARE(browser.opened, QList<QUrl>{QUrl(u"https://parley.example/guide?step=2"_s)});
        QDesktopServices::unsetUrlHandler(u"https"_s);
    }

    void createAGroupAndRemoveAMember()
    {
        RawUser lei = namedPerson(u"李雷"_s);
        const qint64 id = social::addFriend(*lei.link, m_client->userId()).friend_request().request().request_id();
        const auto reached = [this, id] {
            const QList<FriendRequest> &requests = m_client->people().friendRequests();
            return std::any_of(requests.cbegin(), requests.cend(), [id](const FriendRequest &r) { return r.id == id; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(reached(), kWaitMs); // it reached this device
        m_client->people().answerFriendRequest(id, true);
        auto *contacts = m_window->contactsPage()->findChild<QListView *>(u"contactList"_s);
        QTRY_COMPARE_WITH_TIMEOUT(contacts->model()->rowCount(), 2, kWaitMs);

        Q_EMIT m_window->chatsPage()->newGroupRequested(); // the "+" menu's "New group"
        NewGroupDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<NewGroupDialog *>()) != nullptr, kWaitMs);
        dialog->findChild<QLineEdit *>()->setText(u"周末爬山"_s);
        auto *friends = dialog->findChild<QListWidget *>();
        QCOMPARE(friends->count(), 2);
        for (int i = 0; i < friends->count(); ++i)
            friends->item(i)->setCheckState(Qt::Checked);
        QSignalSpy created(dialog, &NewGroupDialog::groupCreated);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"primaryButton"_s), Qt::LeftButton);
        QVERIFY(created.wait(kWaitMs));
        const GroupInfo group = created.first().at(0).value<GroupInfo>();

        ChatView *chat = m_window->chatsPage()->chatView();
        QTRY_COMPARE_WITH_TIMEOUT(chat->conversation().target, group.groupId, kWaitMs);
        const auto noticeTypes = [chat] {
            QList<int> types;
            for (int row = 0; row < chat->messageView()->model()->rowCount(); ++row)
                types.append(chat->messageView()
                                 ->model()
                                 ->index(row, 0)
                                 .data(MessageListModel::MessageRole)
                                 .value<ChatMessage>()
                                 .contentType);
            return types;
        };
        QTRY_VERIFY_WITH_TIMEOUT(noticeTypes().contains(int(v1::CONTENT_NOTICE_GROUP_CREATED)), kWaitMs);
        // Renamed in the details dialog, by its owner.
        Q_EMIT chat->detailsRequested(chat->conversation()); // the header's "..." button
        GroupDetailsDialog *details = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((details = m_window->findChild<GroupDetailsDialog *>()) != nullptr, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(details->members()->rowCount(), 3, kWaitMs);
        details->findChild<QCheckBox *>()->setChecked(true); // mute it on this device
        QTRY_VERIFY_WITH_TIMEOUT(m_window->chatsPage()->isMuted(chat->conversation()), kWaitMs);
        details->findChild<QCheckBox *>()->setChecked(false);
        details->findChild<QLineEdit *>()->setText(u"周末爬山小分队"_s);
        QTest::mouseClick(details->findChild<QPushButton *>(u"primaryButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(chat->findChild<QLabel *>(u"chatTitle"_s)->text(), u"周末爬山小分队"_s, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(noticeTypes().contains(int(v1::CONTENT_NOTICE_GROUP_RENAMED)), kWaitMs);
        // Removed from the member list's menu, after saying yes to the question.
        auto *memberList = details->findChild<QListView *>(u"memberList"_s);
        const int leiRow = int(modelColumn(*details->members(), GroupMemberModel::UserIdRole).indexOf(lei.id()));
        QVERIFY(leiRow >= 0);
        QVERIFY(pickFromContextMenu(memberList, details->members()->index(leiRow), tr("Remove from group")));
        QTRY_VERIFY_WITH_TIMEOUT(questionIn(details), kWaitMs);
        QTest::mouseClick(questionIn(details)->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(details->members()->rowCount(), 2, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(noticeTypes().contains(int(v1::CONTENT_NOTICE_MEMBERS_REMOVED)), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(chat->findChild<QLabel *>(u"memberCount"_s)->text(), u"(2)"_s, kWaitMs);
        // And added back with "Add members": only friends outside the group are offered.
        QTest::mouseClick(details->findChild<QPushButton *>(u"addMembersButton"_s), Qt::LeftButton);
        FriendPicker *picker = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((picker = details->findChild<FriendPicker *>()) != nullptr, kWaitMs);
        auto *offered = picker->findChild<QListWidget *>();
        QCOMPARE(offered->count(), 1);
        QCOMPARE(offered->item(0)->text(), u"李雷"_s);
        auto *add = picker->parentWidget()->findChild<QPushButton *>(u"primaryButton"_s);
        QVERIFY(!add->isEnabled());
        QTest::mouseClick(offered->viewport(), Qt::LeftButton, {}, offered->visualItemRect(offered->item(0)).center());
        QVERIFY(add->isEnabled());
        const auto joined = noticeTypes().count(int(v1::CONTENT_NOTICE_MEMBERS_JOINED));
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(details->members()->rowCount(), 3, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(noticeTypes().count(int(v1::CONTENT_NOTICE_MEMBERS_JOINED)), joined + 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(chat->findChild<QLabel *>(u"memberCount"_s)->text(), u"(3)"_s, kWaitMs);
        details->close();

        // "@" offers the members' names; the chosen one is mentioned in what is sent.
        auto *editor = chat->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        auto *completer = chat->findChild<QCompleter *>();
        editor->setFocus();
        editor->insertPlainText(u"@韩"_s);
        QTRY_VERIFY_WITH_TIMEOUT(completer->popup()->isVisible(), kWaitMs);
        QCOMPARE(completer->currentCompletion(), u"韩梅梅"_s);
        // Choosing the name in the list (what Enter or a click on it does).
        QVERIFY(QMetaObject::invokeMethod(completer, "activated", Q_ARG(QString, completer->currentCompletion())));
        completer->popup()->hide();
        QCOMPARE(editor->toPlainText(), u"@韩梅梅 "_s);
        editor->insertPlainText(u"周六见"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        const auto mentioned = m_friend.link->waitForItem([](const v1::InboxItem &i) {
            return i.has_message() && i.message().content().searchable_content() == "@韩梅梅 周六见";
        });
        QVERIFY(mentioned);
        QCOMPARE(mentioned->message().content().mentioned_type(), 1);
        QCOMPARE(QString::fromStdString(mentioned->message().content().mentioned_targets(0)), m_friend.id());
    }

    void notificationsDraftsPinsAndMutes()
    {
        m_window->showChats();
        QApplication::setActiveWindow(m_window.get()); // the dialogs of the cases before had the focus
        ChatsPage *chats = m_window->chatsPage();
        const ConversationKey withFriend = ConversationKey::withUser(m_friend.id());
        chats->open(withFriend);
        QSignalSpy notified(m_window->notifier(), &Notifier::notified);
        const auto friendSays = [this](const std::string &text) {
            return social::call(*m_friend.link, SubSignal::MS,
                                social::text(v1::CONVERSATION_PRIVATE, m_client->userId(), text, ++m_uuid))
                .code();
        };
        // In front: no notification. On another page: one, naming the sender.
        QCOMPARE(friendSays("in front"), v1::ERR_NONE);
        QTRY_VERIFY_WITH_TIMEOUT(
            modelColumn(*chats->chatView()->messageView()->model(), MessageListModel::TextRole).contains(u"in front"_s),
            kWaitMs);
        QCOMPARE(notified.size(), 0);
        m_window->showContacts();
        QCOMPARE(friendSays("not in front"), v1::ERR_NONE);
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, kWaitMs);
        QCOMPARE(notified.first().at(0).value<ConversationKey>(), withFriend);
        // The tray icon carries the count; clicking the notification (or the icon) brings the chat up.
        auto *tray = m_window->notifier()->findChild<QSystemTrayIcon *>();
        QTRY_COMPARE_WITH_TIMEOUT(tray->toolTip(), u"Parley — 1 unread message(s)"_s, kWaitMs);
        Q_EMIT tray->messageClicked();
        QVERIFY(chats->isVisible());
        QCOMPARE(chats->chatView()->conversation(), withFriend);
        QTRY_COMPARE_WITH_TIMEOUT(tray->toolTip(), u"Parley"_s, kWaitMs); // read now: it is in front
        m_window->showContacts();
        Q_EMIT tray->activated(QSystemTrayIcon::Context); // the icon's menu, not a click: nothing opens
        QVERIFY(!chats->isVisible());
        Q_EMIT tray->activated(QSystemTrayIcon::Trigger); // nothing waiting: the window as it was
        QVERIFY(m_window->isVisible());
        QVERIFY(!chats->isVisible());
        QCOMPARE(friendSays("one more"), v1::ERR_NONE); // waiting again: the icon opens its chat
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, kWaitMs);
        Q_EMIT tray->activated(QSystemTrayIcon::Trigger);
        QVERIFY(chats->isVisible());
        QCOMPARE(chats->chatView()->conversation(), withFriend);
        // With the icon in a tray, closing the window leaves Parley running there; a click brings it back.
        tray->show();
        QVERIFY(m_window->notifier()->inTray());
        QVERIFY(!m_window->close()); // the close is turned into hiding
        QVERIFY(!m_window->isVisible());
        Q_EMIT tray->activated(QSystemTrayIcon::Trigger);
        QVERIFY(m_window->isVisible());
        QVERIFY(tray->contextMenu());
        const QList<QAction *> trayMenu = tray->contextMenu()->actions();
        QVERIFY(std::any_of(trayMenu.cbegin(), trayMenu.cend(),
                            [](const QAction *a) { return a->text() == u"Quit Parley"_s; }));
        tray->hide();
        QApplication::setActiveWindow(m_window.get());
        ChatMessage sample;
        sample.conversation = withFriend;
        sample.sender = m_friend.id();
        sample.text = u"secret"_s;
        sample.localId = 1;
        QCOMPARE(m_window->notifier()->texts(sample).first, u"韩梅梅"_s);
        QSettings().setValue(QLatin1StringView(Notifier::kPreview), false);
        QVERIFY(!m_window->notifier()->texts(sample).second.contains(u"secret"_s));
        QSettings().remove(QLatin1StringView(Notifier::kPreview));

        // Muted: no notification (though not in front), and its unread messages leave the total.
        m_window->showContacts();
        m_client->messages().setMutedUntil(withFriend, limits::kMutedForever);
        QTRY_VERIFY_WITH_TIMEOUT(chats->isMuted(withFriend), kWaitMs);
        QCOMPARE(friendSays("muted"), v1::ERR_NONE);
        QTRY_VERIFY_WITH_TIMEOUT(unreadOf(chats->list(), u"韩梅梅"_s) >= 1, kWaitMs);
        QCOMPARE(notified.size(), 2);
        QVERIFY(!m_window->findChild<QLabel *>(u"railBadge"_s)->isVisible());
        m_client->messages().setMutedUntil(withFriend, 0);

        // Pinned goes first; a draft survives switching conversations.
        m_window->showChats();
        // The group has newer activity than the friend... until the friend is pinned.
        m_client->messages().sendText(groupKey(chats), u"大家好"_s);
        QTRY_VERIFY_WITH_TIMEOUT(chats->list()->model()->index(0, 0).data(ConversationListModel::IsGroupRole).toBool(),
                                 kWaitMs);
        QVERIFY(pickFromContextMenu(chats->list(), rowTitled(chats->list(), u"韩梅梅"_s), tr("Pin to top")));
        QTRY_COMPARE_WITH_TIMEOUT(chats->list()->model()->index(0, 0).data(ConversationListModel::TitleRole).toString(),
                                  u"韩梅梅"_s, kWaitMs);
        chats->open(withFriend);
        auto *editor = chats->chatView()->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        editor->setPlainText(u"写了一半"_s);
        chats->open(groupKey(chats));
        QVERIFY(editor->toPlainText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(chats->list()->model()->index(0, 0).data(ConversationListModel::DraftRole).toString(),
                                  u"写了一半"_s, kWaitMs);
        chats->open(withFriend);
        QCOMPARE(editor->toPlainText(), u"写了一半"_s);
        editor->clear();
    }

    void theChatHoldsAWindowOfHistory()
    {
        // A long conversation: scrolled far up, the view holds a window, not all of it; a new message then
        // waits behind the "new messages" button, which goes back to the newest.
        QApplication::setActiveWindow(m_window.get()); // messages count as seen only in the active window
        m_window->showChats();
        ChatsPage *chats = m_window->chatsPage();
        const ConversationKey withFriend = ConversationKey::withUser(m_friend.id());
        chats->open(groupKey(chats)); // another chat open while these arrive: they stay unread
        for (int i = 0; i < MessageListModel::kWindowRows + 100; ++i)
            social::call(
                *m_friend.link, SubSignal::MS,
                social::text(v1::CONVERSATION_PRIVATE, m_client->userId(), "line " + std::to_string(i), ++m_uuid));
        QTRY_COMPARE_WITH_TIMEOUT(unreadOf(chats->list(), u"韩梅梅"_s), MessageListModel::kWindowRows + 100, kWaitMs);
        chats->open(withFriend);
        QListView *view = chats->chatView()->messageView();
        auto *model = qobject_cast<MessageListModel *>(view->model());
        auto *jump = chats->chatView()->findChild<QPushButton *>(u"jumpButton"_s);
        // Opened at the first unread one; the jump button goes to the newest.
        QTRY_VERIFY_WITH_TIMEOUT(model->firstUnreadRow() >= 0 && jump->isVisible(), kWaitMs);
        QCOMPARE(model->index(model->firstUnreadRow()).data(MessageListModel::TextRole).toString(), u"line 0"_s);
        QTest::mouseClick(jump, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(modelColumn(*model, MessageListModel::TextRole)
                                     .contains(u"line %1"_s.arg(MessageListModel::kWindowRows + 99)),
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                view->verticalScrollBar()->setValue(view->verticalScrollBar()->minimum());
                return !model->atLatest();
            }(),
            kWaitMs);
        QVERIFY(model->rowCount() <= MessageListModel::kWindowRows);
        social::call(*m_friend.link, SubSignal::MS,
                     social::text(v1::CONVERSATION_PRIVATE, m_client->userId(), "while you read old ones", ++m_uuid));
        QTRY_VERIFY_WITH_TIMEOUT(jump->isVisible(), kWaitMs);
        QVERIFY(!modelColumn(*model, MessageListModel::TextRole).contains(u"while you read old ones"_s));
        QTest::mouseClick(jump, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            model->atLatest() && modelColumn(*model, MessageListModel::TextRole).contains(u"while you read old ones"_s),
            kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(unreadOf(chats->list(), u"韩梅梅"_s), 0, kWaitMs); // the newest seen: all read
    }

    void aQuoteGoesToTheOriginalAndReplyQuotes()
    {
        // The friend answers "line 5", long out of the window; a click on the quote goes to it, and my own
        // reply to it (its menu's Reply) carries the quote to the friend.
        ChatsPage *chats = m_window->chatsPage();
        chats->open(ConversationKey::withUser(m_friend.id()));
        QListView *view = chats->chatView()->messageView();
        auto *model = qobject_cast<MessageListModel *>(view->model());
        qint64 line5 = 0;
        for (quint64 before = 0; line5 == 0;) { // pages back through the friend's history
            const v1::HistoryResult page =
                social::history(*m_friend.link, v1::CONVERSATION_PRIVATE, m_client->userId(), before, 100);
            QVERIFY(page.messages_size() > 0);
            before = page.messages(0).conversation_seq();
            for (const v1::Message &m : page.messages()) {
                if (m.content().searchable_content() == "line 5")
                    line5 = m.message_uid();
            }
        }
        v1::Message answer =
            social::text(v1::CONVERSATION_PRIVATE, m_client->userId(), "about that line", ++m_uuid);
        answer.mutable_content()->mutable_quote()->set_message_uid(line5);
        QCOMPARE(social::call(*m_friend.link, SubSignal::MS, answer).code(), v1::ERR_NONE);
        const auto newest = [model] { return model->index(model->rowCount() - 1); };
        QTRY_COMPARE_WITH_TIMEOUT(newest().data(MessageListModel::TextRole).toString(), u"about that line"_s, kWaitMs);
        QVERIFY(!modelColumn(*model, MessageListModel::TextRole).contains(u"line 5"_s));
        view->scrollToBottom();

        const auto *delegate = static_cast<MessageDelegate *>(view->itemDelegate());
        const QRect quote = delegate->quoteRect(view->visualRect(newest()), view->font(), newest());
        QVERIFY(!quote.isEmpty());
        QTest::mouseMove(view->viewport(), quote.center());
        QCOMPARE(view->viewport()->cursor().shape(), Qt::PointingHandCursor);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, quote.center());
        const auto rowOfLine5 = [model] {
            return int(modelColumn(*model, MessageListModel::TextRole).indexOf(u"line 5"_s));
        };
        const auto whatWasSaid = [this] { // a popup that says why it could not go there, if any
            const QMessageBox *box = questionIn(m_window.get());
            return box ? box->text() : u"no popup"_s;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(rowOfLine5() >= 0, qPrintable(whatWasSaid()), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(view->viewport()->rect().contains(view->visualRect(model->index(rowOfLine5())).center()),
                                 kWaitMs);
        auto *jump = chats->chatView()->findChild<QPushButton *>(u"jumpButton"_s);
        QVERIFY(jump->isVisible()); // the way back to the newest

        QVERIFY(pickFromContextMenu(view, model->index(rowOfLine5()), tr("Reply")));
        auto *bar = chats->chatView()->findChild<QWidget *>(u"composerBar"_s);
        QVERIFY(bar && bar->isVisible());
        QCOMPARE(bar->findChild<QLabel *>(u"composerBarExcerpt"_s)->text(), u"line 5"_s);
        auto *editor = chats->chatView()->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        editor->setPlainText(u"I remember line 5"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(!bar->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(model->atLatest() && newest().data(MessageListModel::TextRole).toString() ==
                                                          u"I remember line 5"_s,
                                 kWaitMs);
        QCOMPARE(newest().data(MessageListModel::MessageRole).value<ChatMessage>().quote.messageUid, line5);
        const auto got = m_friend.link->waitForItem([](const v1::InboxItem &i) {
            return i.has_message() && i.message().content().searchable_content() == "I remember line 5";
        });
        QVERIFY(got);
        QCOMPARE(got->message().content().quote().message_uid(), line5);
        QCOMPARE(got->message().content().quote().excerpt(), std::string("line 5"));
    }

    void editingMyMessageKeepsTheDraft()
    {
        // My newest message is edited from its menu; what I had started to write comes back afterwards.
        ChatsPage *chats = m_window->chatsPage();
        QListView *view = chats->chatView()->messageView();
        auto *model = qobject_cast<MessageListModel *>(view->model());
        const auto newest = [model] { return model->index(model->rowCount() - 1); };
        QTRY_VERIFY_WITH_TIMEOUT(newest().data(MessageListModel::OutgoingRole).toBool() &&
                                     newest().data(MessageListModel::MessageRole).value<ChatMessage>().serverUid != 0,
                                 kWaitMs);
        const QString before = newest().data(MessageListModel::TextRole).toString();
        auto *editor = chats->chatView()->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        editor->setPlainText(u"half a thought"_s);
        view->scrollToBottom();
        QVERIFY(pickFromContextMenu(view, newest(), tr("Edit")));
        auto *bar = chats->chatView()->findChild<QWidget *>(u"composerBar"_s);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->findChild<QLabel *>(u"composerBarTitle"_s)->text(), tr("Edit message"));
        QCOMPARE(editor->toPlainText(), before);
        editor->setPlainText(before + u", and line 6"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(!bar->isVisible());
        QCOMPARE(editor->toPlainText(), u"half a thought"_s);
        QTRY_COMPARE_WITH_TIMEOUT(newest().data(MessageListModel::TextRole).toString(), before + u", and line 6"_s,
                                  kWaitMs);
        QVERIFY(newest().data(MessageListModel::MessageRole).value<ChatMessage>().isEdited());
        const auto got = m_friend.link->waitForItem([](const v1::InboxItem &i) { return i.has_edit(); });
        QVERIFY(got);
        QCOMPARE(QString::fromStdString(got->edit().text()), before + u", and line 6"_s);
        // Escape gives an edit up: the draft is back, the message unchanged.
        QVERIFY(pickFromContextMenu(view, newest(), tr("Edit")));
        QCOMPARE(editor->toPlainText(), before + u", and line 6"_s);
        QTest::keyClick(editor, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QCOMPARE(editor->toPlainText(), u"half a thought"_s);
        editor->clear();
    }

    void aReactionShowsUnderTheBubbleAndItsChipTakesItBack()
    {
        ChatsPage *chats = m_window->chatsPage();
        QListView *view = chats->chatView()->messageView();
        auto *model = qobject_cast<MessageListModel *>(view->model());
        const auto newest = [model] { return model->index(model->rowCount() - 1); };
        const ChatMessage mine = newest().data(MessageListModel::MessageRole).value<ChatMessage>();
        QVERIFY(mine.serverUid != 0);
        // The friend reacts first, then I do (as the menu's React does).
        v1::ReactRequest thumbs;
        thumbs.set_message_uid(mine.serverUid);
        thumbs.set_emoji("👍");
        QCOMPARE(social::call(*m_friend.link, SubSignal::MRE, thumbs).code(), v1::ERR_NONE);
        chats->chatView()->react(mine.localId, u"👍"_s);
        const QList<Reaction> both{{u"👍"_s, {m_friend.id(), m_client->userId()}}};
        QTRY_COMPARE_WITH_TIMEOUT(newest().data(MessageListModel::MessageRole).value<ChatMessage>().reactions, both,
                                  kWaitMs);
        view->scrollToBottom();
        const auto *delegate = static_cast<MessageDelegate *>(view->itemDelegate());
        const QRect chip = delegate->reactionRect(view->visualRect(newest()), view->font(), newest(), u"👍"_s);
        QVERIFY(view->viewport()->rect().contains(chip));
        QTest::mouseMove(view->viewport(), chip.center());
        QCOMPARE(view->viewport()->cursor().shape(), Qt::PointingHandCursor);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, chip.center()); // mine: taken back
        const QList<Reaction> theirs{{u"👍"_s, {m_friend.id()}}};
        QTRY_COMPARE_WITH_TIMEOUT(newest().data(MessageListModel::MessageRole).value<ChatMessage>().reactions, theirs,
                                  kWaitMs);
        const auto reactions = [](const v1::InboxItem &i, int users) {
            return i.has_reaction() && i.reaction().reactions_size() == 1 &&
                   i.reaction().reactions(0).users_size() == users;
        };
        const auto withMine = m_friend.link->waitForItem([&](const v1::InboxItem &i) { return reactions(i, 2); });
        QVERIFY(withMine);
        const auto got = m_friend.link->waitForItem(
            [&](const v1::InboxItem &i) { return i.seq() > withMine->seq() && reactions(i, 1); }); // mine taken back
        QVERIFY(got);
    }

    void typingIsToldAndShown()
    {
        ChatsPage *chats = m_window->chatsPage();
        chats->open(ConversationKey::withUser(m_friend.id()));
        auto *status = chats->chatView()->findChild<QLabel *>(u"peerStatus"_s);
        QVERIFY(status);
        const auto friendTypes = [this](v1::TypingActivity activity) {
            v1::TypingRequest typing;
            typing.set_target(m_client->userId().toStdString());
            typing.set_activity(activity);
            return social::call(*m_friend.link, SubSignal::MT, typing).code();
        };
        const auto friendSays = [this](const std::string &text) {
            return social::call(*m_friend.link, SubSignal::MS,
                                social::text(v1::CONVERSATION_PRIVATE, m_client->userId(), text, ++m_uuid))
                .code();
        };
        QSettings().setValue(QLatin1StringView(SettingsPage::kShareTyping), true);
        // The friend types: the header says so until his message comes.
        QCOMPARE(friendTypes(v1::TYPING_TEXT), v1::ERR_NONE);
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), tr("typing…"), kWaitMs);
        QCOMPARE(friendSays("there you go"), v1::ERR_NONE);
        const QString online = PresenceText::text(Presence{m_friend.id(), PresenceState::Online});
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), online, kWaitMs); // his presence again

        // I type: the friend is told at once; sending tells him I stopped. (Notices from earlier cases, all
        // in by now — his calls read everything pushed before their answers — are passed over.)
        m_friend.link->dropPushes(SubSignal::MTN);
        auto *editor = chats->chatView()->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        editor->setFocus();
        QTest::keyClicks(editor, u"on my way"_s);
        std::optional<v1::TypingNotice> told = social::nextTyping(*m_friend.link);
        QVERIFY(told);
        QCOMPARE(told->activity(), v1::TYPING_TEXT);
        QCOMPARE(QString::fromStdString(told->from()), m_client->userId());
        QTest::keyClick(editor, Qt::Key_Return);
        told = social::nextTyping(*m_friend.link);
        QVERIFY(told);
        QCOMPARE(told->activity(), v1::TYPING_NONE);

        // With the privacy setting off, his typing is not shown: his reaction to my message, pushed after it,
        // arrives and the header still says nothing.
        QListView *view = chats->chatView()->messageView();
        const auto newest = [view] {
            return view->model()->index(view->model()->rowCount() - 1, 0).data(MessageListModel::MessageRole).value<ChatMessage>();
        };
        QTRY_VERIFY_WITH_TIMEOUT(newest().text == u"on my way"_s && newest().serverUid != 0, kWaitMs);
        QSettings().setValue(QLatin1StringView(SettingsPage::kShareTyping), false);
        QCOMPARE(friendTypes(v1::TYPING_TEXT), v1::ERR_NONE);
        v1::ReactRequest thumbs;
        thumbs.set_message_uid(newest().serverUid);
        thumbs.set_emoji("👍");
        QCOMPARE(social::call(*m_friend.link, SubSignal::MRE, thumbs).code(), v1::ERR_NONE);
        QTRY_VERIFY_WITH_TIMEOUT(!newest().reactions.isEmpty(), kWaitMs);
        QCOMPARE(status->text(), online);
        // Nor is mine told: the next thing the friend gets from me is the message itself.
        QTest::keyClicks(editor, u"quietly"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        for (;;) {
            const std::optional<Frame> push = m_friend.link->waitFor(Signal::Push);
            QVERIFY(push);
            QVERIFY(push->subSignal != SubSignal::MTN);
            const v1::InboxItem item = fromBytes<v1::InboxItem>(push->payload).value_or(v1::InboxItem());
            if (item.has_message() && item.message().content().searchable_content() == "quietly")
                break;
        }
        QSettings().setValue(QLatin1StringView(SettingsPage::kShareTyping), true);
    }

    void presenceUnderTheTitleAndOnTheCard()
    {
        // A new friend, online: the chat's header and his card say so; when his device goes, "last seen".
        RawUser lily = namedPerson(u"周杰"_s);
        const qint64 id = social::addFriend(*lily.link, m_client->userId()).friend_request().request().request_id();
        QTRY_VERIFY_WITH_TIMEOUT(!m_client->people().friendRequests().isEmpty() &&
                                     m_client->people().friendRequests().first().id == id,
                                 kWaitMs);
        m_client->people().answerFriendRequest(id, true);
        const auto contact = [this, &lily] {
            for (const Contact &c : m_client->people().contacts()) {
                if (c.userId() == lily.id() && c.isFriend)
                    return std::optional<Contact>(c);
            }
            return std::optional<Contact>();
        };
        QTRY_VERIFY_WITH_TIMEOUT(contact(), kWaitMs);
        ChatsPage *chats = m_window->chatsPage();
        chats->open(ConversationKey::withUser(lily.id()));
        auto *status = chats->chatView()->findChild<QLabel *>(u"peerStatus"_s);
        const QString online = PresenceText::text(Presence{lily.id(), PresenceState::Online});
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), online, kWaitMs);
        auto *card = m_window->contactsPage()->findChild<ProfileCard *>();
        QVERIFY(card);
        card->setContact(*contact());
        QTRY_COMPARE_WITH_TIMEOUT(card->findChild<QLabel *>(u"presence"_s)->text(), online, kWaitMs);

        lily.link.reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_client->people().presence(lily.id()).state, PresenceState::LastSeen, kWaitMs);
        const Presence gone = m_client->people().presence(lily.id());
        QVERIFY(qAbs(gone.lastSeenAtMs - QDateTime::currentMSecsSinceEpoch()) < kWaitMs);
        QVERIFY(PresenceText::text(gone).contains(TimeText::clock(gone.lastSeenAtMs)));
        QCOMPARE(status->text(), PresenceText::text(gone));
        QCOMPARE(card->findChild<QLabel *>(u"presence"_s)->text(), PresenceText::text(gone));

        // Showing mine to nobody: I see others only roughly — my other friend, online, is "recently" now.
        auto *audience = m_window->findChild<QComboBox *>(u"presenceAudience"_s);
        QVERIFY(audience);
        chats->open(ConversationKey::withUser(m_friend.id()));
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), online, kWaitMs);
        audience->setCurrentIndex(audience->findData(int(PresenceAudience::Nobody)));
        Q_EMIT audience->activated(audience->currentIndex());
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), PresenceText::text(Presence{{}, PresenceState::Recently}), kWaitMs);
        QCOMPARE(m_client->people().presenceAudience(), PresenceAudience::Nobody);
        audience->setCurrentIndex(audience->findData(int(PresenceAudience::Everyone)));
        Q_EMIT audience->activated(audience->currentIndex());
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), online, kWaitMs);
    }

    void aDeletedAccountHasNobodysFace()
    {
        // Not initials on the person's colour, as if someone were still there: one grey figure for every deleted
        // account, whatever its id and name.
        NameBook *names = Avatar::pictures();
        QVERIFY(names);
        {
            // Other windows come and gone (other accounts', say), in any order, leave this one's avatars drawn from
            // its book.
            auto second = std::make_unique<MainWindow>(*m_client);
            auto third = std::make_unique<MainWindow>(*m_client);
            QVERIFY(Avatar::pictures() != names);
            second.reset();
            QVERIFY(Avatar::pictures() != names);
            third.reset();
        }
        QCOMPARE(Avatar::pictures(), names);
        const QString alive = u"avatar-alive"_s, gone = u"avatar-gone"_s, alsoGone = u"avatar-also-gone"_s;
        names->learnProfile(UserProfile{alive, u"Zoe"_s, {}, {}, false});
        names->learnProfile(UserProfile{gone, u"Yan"_s, {}, {}, true});
        names->learnProfile(UserProfile{alsoGone, u"Xu"_s, {}, {}, true});
        constexpr int kSize = 40;
        const QImage living = Avatar::pixmap(alive, u"Zoe"_s, kSize, 1.0).toImage();
        const QImage nobody = Avatar::pixmap(gone, u"Yan"_s, kSize, 1.0).toImage();
        QCOMPARE(living.pixelColor(kSize / 2, 3), Avatar::colorFor(alive));
        const QColor background = nobody.pixelColor(kSize / 2, 3), head = nobody.pixelColor(kSize / 2, kSize * 3 / 10);
        QVERIFY2(background != Avatar::colorFor(gone), qPrintable(background.name()));
        for (const QColor &c : {background, head})
            QVERIFY2(c.red() == c.blue() || std::abs(c.red() - c.blue()) < 24, qPrintable(c.name())); // grey
        QVERIFY(head.lightness() < background.lightness());
        QCOMPARE(Avatar::pixmap(alsoGone, u"Xu"_s, kSize, 1.0).toImage(), nobody);
    }

    void searchFindsMessages()
    {
        m_window->showChats();
        ChatsPage *chats = m_window->chatsPage();
        chats->open({});
        auto *search = chats->findChild<QLineEdit *>(u"searchField"_s);
        search->setText(u"爬山"_s); // typed through an input method
        QListView *results = chats->searchResults();
        QTRY_VERIFY_WITH_TIMEOUT(results->isVisible() && results->model()->rowCount() >= 1, kWaitMs);
        QVERIFY(modelColumn(*results->model(), Qt::DisplayRole).contains(u"周末去爬山吧"_s));
        const QModelIndex hit =
            results->model()->index(int(modelColumn(*results->model(), Qt::DisplayRole).indexOf(u"周末去爬山吧"_s)), 0);
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, results->visualRect(hit).center());
        QCOMPARE(chats->chatView()->conversation(), ConversationKey::withUser(m_friend.id()));
        // Friends are found by name too, and a click opens the chat with them.
        chats->open({});
        search->setText(u"李"_s);
        QListView *friends = chats->friendsFound();
        QTRY_VERIFY_WITH_TIMEOUT(friends->isVisible(), kWaitMs);
        QCOMPARE(modelColumn(*friends->model(), ContactListModel::DisplayNameRole), QStringList{u"李雷"_s});
        QTest::mouseClick(friends->viewport(), Qt::LeftButton, {},
                          friends->visualRect(friends->model()->index(0, 0)).center());
        QCOMPARE(
            chats->chatView()->conversation(),
            ConversationKey::withUser(friends->model()->index(0, 0).data(ContactListModel::UserIdRole).toString()));
        // And by the pinyin people type for a Chinese name, whole or as initials (the readings come a moment
        // after the first search).
        for (const QString &typed : {u"lilei"_s, u"LL"_s}) {
            search->setText(typed);
            QTRY_COMPARE_WITH_TIMEOUT(modelColumn(*friends->model(), ContactListModel::DisplayNameRole),
                                      QStringList{u"李雷"_s}, kWaitMs);
            QVERIFY(friends->isVisible());
        }
        search->setText(u"nobody by this name"_s);
        QVERIFY(!friends->isVisible());
        search->clear();
        QVERIFY(!results->isVisible());
        QVERIFY(!friends->isVisible());
    }

    void keyboardMovesThroughTheChats()
    {
        // Up and down show each chat with the focus staying in the list; Enter goes on to write in it;
        // Ctrl+F goes to the search field.
        m_window->showChats();
        QApplication::setActiveWindow(m_window.get());
        ChatsPage *chats = m_window->chatsPage();
        QListView *list = chats->list();
        QVERIFY(list->model()->rowCount() >= 2);
        chats->open(list->model()->index(0, 0).data(ConversationListModel::KeyRole).value<ConversationKey>());
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(chats->chatView()->conversation(),
                 list->model()->index(1, 0).data(ConversationListModel::KeyRole).value<ConversationKey>());
        QVERIFY(list->hasFocus());
        QTest::keyClick(list, Qt::Key_Up);
        QCOMPARE(chats->chatView()->conversation(),
                 list->model()->index(0, 0).data(ConversationListModel::KeyRole).value<ConversationKey>());
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(QApplication::focusWidget(), chats->chatView()->findChild<QPlainTextEdit *>(u"composerEditor"_s));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), chats->findChild<QLineEdit *>(u"searchField"_s));
    }

    void openingAChatWithManyUnreadStartsAtTheFirst()
    {
        QApplication::setActiveWindow(m_window.get());
        m_window->showChats();
        ChatsPage *chats = m_window->chatsPage();
        QListView *list = chats->list();
        QListView *view = chats->chatView()->messageView();
        auto *model = static_cast<MessageListModel *>(view->model());
        auto *jump = chats->chatView()->findChild<QPushButton *>(u"jumpButton"_s);
        // More than a screen but within the newest page; then more than the newest page reaches back.
        for (const int unread : {60, MessageListModel::kUnreadInLatest + 60}) {
            chats->open(groupKey(chats)); // another chat open while these arrive: they stay unread
            // What the window asked of the engine before (the friend's chat was open) is done before they come.
            QVERIFY(awaitAnswer(m_client->messages().markRead(groupKey(chats))));
            for (int i = 1; i <= unread; ++i)
                QCOMPARE(social::call(*m_friend.link, SubSignal::MS,
                                      social::text(v1::CONVERSATION_PRIVATE, m_client->userId(),
                                                   u"%1 unread, %2"_s.arg(unread).arg(i).toStdString(), ++m_uuid))
                             .code(),
                         v1::ERR_NONE);
            QTRY_COMPARE_WITH_TIMEOUT(unreadOf(list, u"韩梅梅"_s), unread, kWaitMs);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                              list->visualRect(rowTitled(list, u"韩梅梅"_s)).center());

            // The chat opens at the first unread message, under its line, not at the newest.
            QTRY_VERIFY_WITH_TIMEOUT(model->firstUnreadRow() >= 0, kWaitMs);
            const QModelIndex first = model->index(model->firstUnreadRow());
            QCOMPARE(first.data(MessageListModel::TextRole).toString(), u"%1 unread, 1"_s.arg(unread));
            QVERIFY(first.data(MessageListModel::FirstUnreadRole).toBool());
            QCOMPARE(model->atLatest(), unread <= MessageListModel::kUnreadInLatest); // beyond: not loaded yet
            QTRY_VERIFY_WITH_TIMEOUT(view->viewport()->rect().contains(view->visualRect(first).topLeft()), kWaitMs);
            QCOMPARE(unreadOf(list, u"韩梅梅"_s), unread); // not read until the newest are seen

            // The jump button goes to the newest; seen, they are read. The line stays while the chat is open.
            QTRY_VERIFY_WITH_TIMEOUT(jump->isVisible(), kWaitMs);
            QTest::mouseClick(jump, Qt::LeftButton);
            const QString newest = u"%1 unread, %1"_s.arg(unread);
            QTRY_VERIFY_WITH_TIMEOUT(model->atLatest() && model->rowCount() > 0 &&
                                         model->index(model->rowCount() - 1).data(MessageListModel::TextRole) ==
                                             newest,
                                     kWaitMs);
            QTRY_COMPARE_WITH_TIMEOUT(unreadOf(list, u"韩梅梅"_s), 0, kWaitMs);
            if (unread <= MessageListModel::kUnreadInLatest)
                QVERIFY(model->firstUnreadRow() >= 0);
        }
    }

    void switchLanguage()
    {
        // The settings remember the choice and announce it; the app then loads that language and builds
        // the window again (AppController does the same).
        QSignalSpy changed(m_window.get(), &MainWindow::languageChanged);
        m_window->showSettings();
        auto *language = m_window->findChild<QComboBox *>(u"language"_s);
        QVERIFY(language);
        language->setCurrentIndex(language->findData(u"zh_CN"_s));
        Q_EMIT language->activated(language->currentIndex());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toString(), u"zh_CN"_s);
        QCOMPARE(QSettings().value(QLatin1StringView(SettingsPage::kLanguage)).toString(), u"zh_CN"_s);

        // Where the panes were dragged to is kept for the next window.
        const auto listWidths = [this] { // each page on screen, laid out
            m_window->showChats();
            const int chats = m_window->chatsPage()->findChild<ListSplitter *>()->sizes().constFirst();
            m_window->showContacts();
            const int contacts = m_window->contactsPage()->findChild<ListSplitter *>()->sizes().constFirst();
            return QList<int>{chats, contacts};
        };
        for (QWidget *page :
             {static_cast<QWidget *>(m_window->chatsPage()), static_cast<QWidget *>(m_window->contactsPage())}) {
            auto *splitter = page->findChild<ListSplitter *>();
            splitter->setSizes({ListSplitter::kListWidth + 40, splitter->width() - ListSplitter::kListWidth - 40});
        }
        const QList<int> dragged = listWidths();
        QCOMPARE(dragged, (QList<int>{ListSplitter::kListWidth + 40, ListSplitter::kListWidth + 40}));

        QTranslator chinese;
        QVERIFY(chinese.load(u"parley_zh_CN"_s, QStringLiteral(PARLEY_QM_DIR)));
        QApplication::installTranslator(&chinese);
        const int contactRows = m_window->contactsPage()->findChild<QListView *>(u"contactList"_s)->model()->rowCount();
        QVERIFY(contactRows >= 2);
        m_window.reset(); // the old window goes first (AppController does the same)
        m_window = std::make_unique<MainWindow>(*m_client);
        m_window->show();
        QCOMPARE(listWidths(), dragged);
        auto *search = m_window->chatsPage()->findChild<QLineEdit *>(u"searchField"_s);
        QCOMPARE(search->placeholderText(), u"搜索"_s);
        // The new window has the lists at once (the cache is published again for it).
        auto *contacts = m_window->contactsPage()->findChild<QListView *>(u"contactList"_s);
        QTRY_COMPARE_WITH_TIMEOUT(contacts->model()->rowCount(), contactRows, kWaitMs);
        QApplication::removeTranslator(&chinese);
        QSettings().remove(QLatin1StringView(SettingsPage::kLanguage));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
