// What follows me across my devices, in the real window with real clients and a real parleyd, and a desktop
// notification service on the test's own D-Bus: a notification is withdrawn once its chat is read on my phone,
// and none is shown while I use the phone (the tray's count still goes up); the chat list's menu mutes for a
// while and marks a chat unread, and the phone sees both; a draft written on the phone appears in the list and
// in the open chat; a muted group's composer says why it takes no text, and its messages' menu offers no reply
// or reaction.

#include "core/client.h"
#include "core/models/conversationlistmodel.h"
#include "core/models/messagelistmodel.h"
#include "protocol/limits.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testphones.h"
#include "tests/ui/contextmenu.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/composer.h"
#include "ui/desktopnotifications.h"
#include "ui/mainwindow.h"
#include "ui/notifier.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QListView>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

// A desktop's notification service (org.freedesktop.Notifications), as far as Parley uses it: what is shown,
// and what is taken back.
// Other programs on the same session bus (tests running alongside) are answered too, but not counted.
class NotificationService : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    QString app; // the bus name of this test's client
    QList<QString> shown; // summaries, in order
    QList<uint> closed;
    uint lastId = 0;

public Q_SLOTS:
    uint Notify(const QString &, uint replacesId, const QString &, const QString &summary, const QString &,
                const QStringList &, const QVariantMap &, int)
    {
        if (message().service() != app)
            return 1000000 + ++m_others;
        shown.append(summary);
        return replacesId != 0 ? replacesId : ++lastId;
    }
    void CloseNotification(uint id)
    {
        if (message().service() == app)
            closed.append(id);
    }
    QStringList GetCapabilities() { return {u"body"_s, u"actions"_s}; }

private:
    uint m_others = 0;
};

} // namespace

class TestAcrossDevicesUi : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<ParleydProcess> m_server;
    std::unique_ptr<ChatWorld> m_world;
    std::unique_ptr<MainWindow> m_window;
    ChatWorld::Person *m_laptop = nullptr; // Alice's, with the window
    ChatWorld::Person *m_phone = nullptr;  // Alice's too, no window
    ChatWorld::Person *m_bob = nullptr;
    NotificationService m_service;
    QDBusConnection m_bus{u"none"_s};

    QModelIndex rowOf(const ConversationKey &key) const
    {
        QAbstractItemModel *model = m_window->chatsPage()->list()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ConversationListModel::KeyRole).value<ConversationKey>() == key)
                return index;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_data.path());
        // The desktop's notification service, on a connection of its own so that calls really cross the bus.
        m_bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"notification-service"_s);
        QVERIFY2(m_bus.isConnected(), "run inside dbus-run-session");
        m_service.app = QDBusConnection::sessionBus().baseService();
        QVERIFY(m_bus.registerObject(QLatin1StringView(DesktopNotifications::kPath), &m_service,
                                     QDBusConnection::ExportAllSlots));
        QVERIFY(m_bus.registerService(QLatin1StringView(DesktopNotifications::kService)));

        m_server = std::make_unique<ParleydProcess>(
            QStringList{u"--code-address-per-hour"_s, u"0"_s, u"--code-phone-interval"_s, u"0"_s});
        QVERIFY(m_server->start());
        m_world = std::make_unique<ChatWorld>(*m_server, m_server->tlsPort(), ConnectionTimings{});
        const QString alicePhone = nextPhone();
        m_laptop = &m_world->add(alicePhone);
        m_phone = &m_world->add(alicePhone);
        m_bob = &m_world->add(nextPhone());
        QVERIFY(m_world->logInAll());
        const Result<FriendRequest> asked =
            awaitAnswer(m_bob->client->people().sendFriendRequest(m_laptop->userId, {}));
        QVERIFY(asked);
        QTRY_VERIFY_WITH_TIMEOUT(!m_laptop->client->people().friendRequests().isEmpty(), kWaitMs);
        QVERIFY(awaitAnswer(m_laptop->client->people().answerFriendRequest(asked->id, true)));
        m_world->send(*m_bob, *m_laptop, u"hello"_s);
        QVERIFY(m_world->waitConverged());
        QVERIFY(awaitAnswer(m_laptop->client->messages().markRead(ConversationKey::withUser(m_bob->userId))));

        m_window = std::make_unique<MainWindow>(*m_laptop->client);
        m_window->resize(1100, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QApplication::setActiveWindow(m_window.get());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_world.reset();
        m_bus.unregisterService(QLatin1StringView(DesktopNotifications::kService));
        QDBusConnection::disconnectFromBus(u"notification-service"_s);
        QCOMPARE(m_server->stop(), 0);
    }

    void notificationsFollowTheReader()
    {
        const ConversationKey withBob = ConversationKey::withUser(m_bob->userId);
        Notifier *notifier = m_window->notifier();
        QSignalSpy notified(notifier, &Notifier::notified);
        QSignalSpy heldBack(notifier, &Notifier::heldBack);
        MessagesApi &mine = m_laptop->client->messages();

        // A message while the chat is not open: shown by the desktop's service.
        m_world->send(*m_bob, *m_laptop, u"are you there?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_service.shown.size(), 1, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(notifier->notifications()->isShown(withBob), kWaitMs);
        const uint id = m_service.lastId;
        QCOMPARE(mine.totalUnread(), 1);

        // Read on the phone: the notification goes and the count drops, with nothing done here.
        QVERIFY(awaitAnswer(m_phone->client->messages().markRead(withBob)));
        QTRY_VERIFY_WITH_TIMEOUT(m_service.closed.contains(id), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(mine.totalUnread(), 0, kWaitMs);

        // While I use the phone, the laptop stays quiet, but counts.
        m_phone->client->devices().setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(m_laptop->client->devices().otherDeviceActive(), kWaitMs);
        m_world->send(*m_bob, *m_laptop, u"on your phone?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(heldBack.size(), 1, kWaitMs);
        QCOMPARE(notified.size(), 1);
        QCOMPARE(m_service.shown.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(mine.totalUnread(), 1, kWaitMs);

        // The setting turns that off; and once the phone is put down, notifications come again.
        QSettings().setValue(QLatin1StringView(Notifier::kQuietWhileElsewhere), false);
        m_world->send(*m_bob, *m_laptop, u"still there?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, kWaitMs);
        QSettings().remove(QLatin1StringView(Notifier::kQuietWhileElsewhere));
        m_phone->client->devices().setActive(false);
        QTRY_VERIFY_WITH_TIMEOUT(!m_laptop->client->devices().otherDeviceActive(), kWaitMs);
        m_world->send(*m_bob, *m_laptop, u"ok, later"_s);
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 3, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_service.shown.size(), 3, kWaitMs);
        QCOMPARE(heldBack.size(), 1);
        QVERIFY(awaitAnswer(mine.markRead(withBob)));
    }

    void chatMenuMutesAndMarks()
    {
        const ConversationKey withBob = ConversationKey::withUser(m_bob->userId);
        QListView *list = m_window->chatsPage()->list();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(withBob).isValid(), kWaitMs);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(pickFromContextMenu(list, rowOf(withBob), QStringList{u"Mute notifications"_s, u"For 8 hours"_s}));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(withBob).data(ConversationListModel::MutedRole).toBool(), kWaitMs);
        const qint64 until = rowOf(withBob).data(ConversationListModel::MutedUntilRole).toLongLong();
        QVERIFY(until >= before + 8 * 3600 * 1000 && until <= QDateTime::currentMSecsSinceEpoch() + 8 * 3600 * 1000);

        QVERIFY(pickFromContextMenu(list, rowOf(withBob), u"Mark as unread"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(withBob).data(ConversationListModel::MarkedUnreadRole).toBool(), kWaitMs);
        QCOMPARE(m_laptop->client->messages().totalUnread(), 0); // muted: not counted

        // The phone sees both.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const std::optional<ConversationSummary> s = m_world->summary(*m_phone, withBob);
                return s && s->markedUnread && s->mutedUntilMs == until;
            }(),
            kWaitMs);

        // Unmuted, it counts as one; read, the mark goes.
        QVERIFY(pickFromContextMenu(list, rowOf(withBob), u"Unmute"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->client->messages().totalUnread(), 1, kWaitMs);
        QVERIFY(pickFromContextMenu(list, rowOf(withBob), u"Mark as read"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!rowOf(withBob).data(ConversationListModel::MarkedUnreadRole).toBool(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->client->messages().totalUnread(), 0, kWaitMs);
    }

    void aDraftFromThePhone()
    {
        const ConversationKey withBob = ConversationKey::withUser(m_bob->userId);
        ChatsPage *chats = m_window->chatsPage();
        chats->open({});
        QVERIFY(awaitAnswer(m_phone->client->messages().saveDraft(withBob, u"started on the phone"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(withBob).data(ConversationListModel::DraftRole).toString(),
                                  u"started on the phone"_s, kWaitMs);
        chats->open(withBob);
        auto *editor = chats->chatView()->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        QVERIFY(editor);
        QCOMPARE(editor->toPlainText(), u"started on the phone"_s);
        // Changed on the phone while the chat is open here, untouched: the composer follows.
        QVERIFY(awaitAnswer(m_phone->client->messages().saveDraft(withBob, u"started on the phone, and more"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(editor->toPlainText(), u"started on the phone, and more"_s, kWaitMs);
        // Once I write here, what I write wins.
        QTest::keyClicks(editor, u"!"_s);
        QVERIFY(awaitAnswer(m_phone->client->messages().saveDraft(withBob, u"the phone again"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_world->summary(*m_laptop, withBob)->draft, u"the phone again"_s, kWaitMs);
        QCOMPARE(editor->toPlainText(), u"started on the phone, and more!"_s);
        // Sent: no draft anywhere.
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_world->summary(*m_phone, withBob)->draft.isEmpty(), kWaitMs);
        chats->open({});
    }

    void aMutedGroupSaysWhy()
    {
        const Result<GroupInfo> group =
            awaitAnswer(m_bob->client->groups().create(u"Quiet room"_s, {m_laptop->userId}));
        QVERIFY(group);
        const ConversationKey room{ConversationKey::Type::Group, group->groupId};
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(room).isValid(), kWaitMs);
        ChatsPage *chats = m_window->chatsPage();
        chats->open(room);
        Composer *composer = chats->chatView()->findChild<Composer *>();
        QVERIFY(composer);
        QVERIFY(composer->blockedReason().isEmpty());
        QVERIFY(awaitAnswer(m_bob->client->groups().setMuteAll(group->groupId, true)));
        QTRY_COMPARE_WITH_TIMEOUT(composer->blockedReason(),
                                  u"Only the owner and admins can write while the group is muted."_s, kWaitMs);
        auto *editor = composer->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        QVERIFY(!editor->isEnabled());
        // The owner's words: I may copy them, not answer or react to them (the server would refuse).
        m_bob->client->messages().sendText(room, u"Read the rules first"_s);
        auto *view = chats->chatView()->findChild<QListView *>(u"messageView"_s);
        const auto said = [view] {
            for (int row = view->model()->rowCount() - 1; row >= 0; --row) {
                const QModelIndex index = view->model()->index(row, 0);
                const auto m = index.data(MessageListModel::MessageRole).value<ChatMessage>();
                if (m.text == u"Read the rules first"_s && m.serverUid != 0)
                    return index;
            }
            return QModelIndex();
        };
        QTRY_VERIFY_WITH_TIMEOUT(said().isValid(), kWaitMs);
        QVERIFY(pickFromContextMenu(view, said(), u"Copy"_s));
        QVERIFY(!pickFromContextMenu(view, said(), u"Reply"_s));
        QVERIFY(!pickFromContextMenu(view, said(), QStringList{u"React"_s, u"👍"_s}));
        QVERIFY(awaitAnswer(m_bob->client->groups().setMuteAll(group->groupId, false)));
        QTRY_VERIFY_WITH_TIMEOUT(composer->blockedReason().isEmpty(), kWaitMs);
        QVERIFY(pickFromContextMenu(view, said(), QStringList{u"React"_s, u"👍"_s}));
        // Muted myself for a moment: said with its end, and writing comes back by itself.
        QVERIFY(awaitAnswer(m_bob->client->groups().muteMember(group->groupId, m_laptop->userId, 2)));
        QTRY_VERIFY_WITH_TIMEOUT(composer->blockedReason().startsWith(u"An admin muted you in this group until"_s),
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(composer->blockedReason().isEmpty(), kWaitMs);
        QVERIFY(editor->isEnabled());
    }
};

QTEST_MAIN(TestAcrossDevicesUi)
#include "tst_acrossdevicesui.moc"
