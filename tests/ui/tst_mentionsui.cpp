// "Mentions of me" in the real window, with real clients and a real parleyd: the "@" button counts the unread
// mentions (mine by name and @all) across chats; it shows them newest first, unread ones marked, instead of the
// chats list; a click goes to the message in its chat, and once read the count goes.

#include "core/client.h"
#include "core/models/mentionlistmodel.h"
#include "core/models/messagelistmodel.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testphones.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/mainwindow.h"
#include "ui/mentionspanel.h"

#include <QApplication>
#include <QListView>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

} // namespace

class TestMentionsUi : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<ParleydProcess> m_server;
    std::unique_ptr<ChatWorld> m_world;
    std::unique_ptr<MainWindow> m_window;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_data.path());
        m_server = std::make_unique<ParleydProcess>(
            QStringList{u"--code-address-per-hour"_s, u"0"_s, u"--code-phone-interval"_s, u"0"_s});
        QVERIFY(m_server->start());
        m_world = std::make_unique<ChatWorld>(*m_server, m_server->tlsPort(), ConnectionTimings{});
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_world.reset();
        QCOMPARE(m_server->stop(), 0);
    }

    void mentionsAreListedCountedAndGoneTo()
    {
        ChatWorld::Person &alice = m_world->add(nextPhone());
        ChatWorld::Person &bob = m_world->add(nextPhone());
        QVERIFY(m_world->logInAll());
        const Result<FriendRequest> asked = awaitAnswer(bob.client->people().sendFriendRequest(alice.userId, {}));
        QVERIFY(asked);
        QTRY_VERIFY_WITH_TIMEOUT(!alice.client->people().friendRequests().isEmpty(), kWaitMs);
        QVERIFY(awaitAnswer(alice.client->people().answerFriendRequest(asked->id, true)));
        const Result<GroupInfo> group = awaitAnswer(bob.client->groups().create(u"Hikers"_s, {alice.userId}));
        QVERIFY(group);
        const ConversationKey hikers{ConversationKey::Type::Group, group->groupId};
        MessagesApi &bobs = bob.client->messages();
        QVERIFY(awaitAnswer(bobs.sendText(hikers, u"@Alice can you bring the map?"_s, {alice.userId})));
        QVERIFY(awaitAnswer(bobs.sendText(hikers, u"and water for everyone"_s)));
        QVERIFY(awaitAnswer(bobs.sendText(hikers, u"@all we meet at 7"_s, {}, true)));
        QVERIFY(m_world->waitConverged());

        m_window = std::make_unique<MainWindow>(*alice.client);
        m_window->resize(1100, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QApplication::setActiveWindow(m_window.get());
        ChatsPage *chats = m_window->chatsPage();
        QToolButton *button = chats->mentionsButton();
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), u"@ 2"_s, kWaitMs);

        button->click();
        QListView *list = chats->mentions()->list();
        QTRY_VERIFY_WITH_TIMEOUT(list->isVisible(), kWaitMs);
        QVERIFY(!chats->list()->isVisible()); // in the list's place
        QAbstractItemModel *model = list->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, 0).data().toString(), u"@all we meet at 7"_s); // newest first
        QCOMPARE(model->index(1, 0).data().toString(), u"@Alice can you bring the map?"_s);
        QVERIFY(model->index(1, 0).data(MentionListModel::UnreadRole).toBool());

        // A click goes to the message in its chat; reading the chat takes the count away.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(model->index(1, 0)).center());
        QVERIFY(!button->isChecked());
        QVERIFY(chats->list()->isVisible());
        QCOMPARE(chats->chatView()->conversation(), hikers);
        QListView *view = chats->chatView()->messageView();
        const auto shown = [view](const QString &text) {
            for (int row = 0; row < view->model()->rowCount(); ++row) {
                const QModelIndex index = view->model()->index(row, 0);
                if (index.data(MessageListModel::TextRole).toString() == text)
                    return view->viewport()->rect().intersects(view->visualRect(index));
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(shown(u"@Alice can you bring the map?"_s), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), u"@"_s, kWaitMs);
        QVERIFY(!model->index(1, 0).data(MentionListModel::UnreadRole).toBool());

        // Read is read, also for a chat taken off the list (as a list made afresh, after a restart, sees it).
        chats->open({});
        QVERIFY(awaitAnswer(alice.client->messages().removeFromList(hikers)));
        MentionListModel fresh(alice.client.get());
        QTRY_COMPARE_WITH_TIMEOUT(fresh.rowCount(), 2, kWaitMs);
        QCOMPARE(fresh.unreadCount(), 0);
        QVERIFY(!fresh.index(0, 0).data(MentionListModel::UnreadRole).toBool());
    }
};

QTEST_MAIN(TestMentionsUi)
#include "tst_mentionsui.moc"
