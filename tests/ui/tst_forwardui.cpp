// Forwarding in the real window, with real clients and a real parleyd: one message from its menu to another
// chat (the other side gets the server's copy); several picked with Select, copied in order with their
// senders, and forwarded as one chat history, whose card opens the viewer with each message and who wrote it.

#include "core/client.h"
#include "core/models/messagelistmodel.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testphones.h"
#include "tests/ui/contextmenu.h"
#include "tests/ui/shownwindow.h"
#include "ui/chathistoryviewer.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/forwarddialog.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/selectionbar.h"

#include <QApplication>
#include <QClipboard>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

ConversationKey with(const ChatWorld::Person &p)
{
    return ConversationKey::withUser(p.userId);
}

} // namespace

class TestForwardUi : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<ParleydProcess> m_server;
    std::unique_ptr<ChatWorld> m_world;
    ChatWorld::Person *m_alice = nullptr; // the one with the window
    ChatWorld::Person *m_bob = nullptr;
    ChatWorld::Person *m_carol = nullptr;
    std::unique_ptr<MainWindow> m_window;

    ChatView *chat() { return m_window->chatsPage()->chatView(); }
    QListView *view() { return chat()->messageView(); }

    QModelIndex rowWithText(const QString &text)
    {
        QAbstractItemModel *model = view()->model();
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            if (model->index(row, 0).data(MessageListModel::TextRole).toString() == text)
                return model->index(row, 0);
        }
        return {};
    }

    // Picks Carol's chat in the dialog that is up and sends; true once the dialog says it is done.
    bool sendToCarol(bool asHistory)
    {
        ForwardDialog *dialog = nullptr;
        if (!QTest::qWaitFor([&] { return (dialog = shown<ForwardDialog>()) != nullptr; }, kWaitMs))
            return false;
        auto *chats = dialog->findChild<QListWidget *>(u"forwardTargets"_s);
        QListWidgetItem *carol = nullptr;
        const auto listed = [&] {
            for (int i = 0; chats && i < chats->count(); ++i) {
                if (chats->item(i)->data(Qt::UserRole).value<ConversationKey>() == with(*m_carol))
                    carol = chats->item(i);
            }
            return carol != nullptr;
        };
        if (!QTest::qWaitFor(listed, kWaitMs))
            return false;
        // On the box itself: a click there picks the chat once (not twice, which would be none).
        const QRect row = chats->visualItemRect(carol);
        QTest::mouseClick(chats->viewport(), Qt::LeftButton, {}, QPoint(row.left() + 10, row.center().y()));
        if (carol->checkState() != Qt::Checked)
            return false;
        if (asHistory) {
            auto *history = dialog->findChildren<QRadioButton *>().value(1);
            if (!history || !history->isVisible())
                return false;
            history->click();
        }
        QSignalSpy forwarded(dialog, &ForwardDialog::forwarded);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"primaryButton"_s), Qt::LeftButton);
        return forwarded.wait(kWaitMs) && forwarded.first().at(0).value<QList<ConversationKey>>() ==
                                              QList<ConversationKey>{with(*m_carol)};
    }

    // Carol's newest message from Alice, once it is there and satisfies `done`.
    std::optional<ChatMessage> carolsNewest(const std::function<bool(const ChatMessage &)> &done)
    {
        std::optional<ChatMessage> newest;
        (void)QTest::qWaitFor( // a timeout leaves `newest` empty, which the caller checks
            [&] {
                const QList<ChatMessage> history = m_world->cachedHistory(*m_carol, with(*m_alice));
                if (history.isEmpty() || !done(history.last()))
                    return false;
                newest = history.last();
                return true;
            },
            kWaitMs);
        return newest;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_data.path());
        m_server = std::make_unique<ParleydProcess>(QStringList{u"--code-address-per-hour"_s, u"0"_s,
                                                                u"--allow-stranger-messages"_s, u"1"_s});
        QVERIFY(m_server->start());
        m_world = std::make_unique<ChatWorld>(*m_server, m_server->tlsPort(), ConnectionTimings{});
        m_alice = &m_world->add(nextPhone());
        m_bob = &m_world->add(nextPhone());
        m_carol = &m_world->add(nextPhone());
        QVERIFY(m_world->logInAll());
        for (const char *text : {"first", "second"})
            QVERIFY(awaitAnswer(m_bob->client->messages().sendText(with(*m_alice), QString::fromLatin1(text))));
        QVERIFY(awaitAnswer(m_carol->client->messages().sendText(with(*m_alice), u"hi Alice"_s)));
        QVERIFY(m_world->waitConverged());
        m_window = std::make_unique<MainWindow>(*m_alice->client);
        m_window->resize(1100, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->chatsPage()->open(with(*m_bob));
        QTRY_VERIFY_WITH_TIMEOUT(rowWithText(u"second"_s).isValid(), kWaitMs);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_world.reset();
        QCOMPARE(m_server->stop(), 0);
    }

    void forwardOneFromItsMenu()
    {
        QVERIFY(pickFromContextMenu(view(), rowWithText(u"second"_s), ChatView::tr("Forward…")));
        QVERIFY(sendToCarol(false));
        const std::optional<ChatMessage> got =
            carolsNewest([](const ChatMessage &m) { return m.text == u"second"_s; });
        QVERIFY(got);
        QCOMPARE(got->sender, m_alice->userId); // forwarded by Alice: a message of hers to Carol
    }

    void pickSeveralCopyThemAndForwardAsOneChatHistory()
    {
        m_window->chatsPage()->open(with(*m_bob));
        QTRY_VERIFY_WITH_TIMEOUT(rowWithText(u"first"_s).isValid(), kWaitMs);
        QVERIFY(pickFromContextMenu(view(), rowWithText(u"second"_s), ChatView::tr("Select")));
        SelectionBar *bar = chat()->selection();
        QVERIFY(bar->isVisible());
        QVERIFY(!chat()->findChild<QWidget *>(u"composerEditor"_s)->isVisible()); // the bar stands in for it
        const QModelIndex first = rowWithText(u"first"_s);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, view()->visualRect(first).center());
        const QList<qint64> picked = bar->selectedIds();
        QCOMPARE(picked.size(), 2);
        QCOMPARE(picked.first(), first.data(MessageListModel::MessageRole).value<ChatMessage>().localId);

        // Copy keeps the order they were written in, and who wrote them.
        bar->findChild<QPushButton *>(u"copyButton"_s)->click();
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.indexOf(u"first"_s) >= 0 && copied.indexOf(u"first"_s) < copied.indexOf(u"second"_s),
                 qPrintable(copied));
        QCOMPARE(copied.split(u"\n\n"_s).size(), 2); // each under its sender's name and time

        QSignalSpy carolGot(&m_carol->client->messages(), &MessagesApi::messageAdded); // as it arrives, live
        bar->findChild<QPushButton *>(u"primaryButton"_s)->click(); // Forward…
        QVERIFY(sendToCarol(true));
        const auto arrivedWhole = [&carolGot] {
            return std::any_of(carolGot.cbegin(), carolGot.cend(), [](const QList<QVariant> &args) {
                const auto m = args.at(0).value<ChatMessage>();
                return m.isChatHistory() && m.history.items.size() == 2;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(arrivedWhole(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!bar->isActive(), kWaitMs);
        const std::optional<ChatMessage> got = carolsNewest([](const ChatMessage &m) { return m.isChatHistory(); });
        QVERIFY(got);
        QCOMPARE(got->history.items.size(), 2);
        QCOMPARE(got->history.items.at(0).text, u"first"_s);
        QCOMPARE(got->history.items.at(1).text, u"second"_s);
        QCOMPARE(got->history.items.at(0).sender, m_bob->userId);

        // In Alice's chat with Carol the card opens the viewer.
        m_window->chatsPage()->open(with(*m_carol));
        QModelIndex card;
        QTRY_VERIFY_WITH_TIMEOUT(
            (card = view()->model()->index(view()->model()->rowCount() - 1, 0)).data(MessageListModel::MessageRole)
                .value<ChatMessage>()
                .isChatHistory(),
            kWaitMs);
        view()->scrollToBottom();
        const QRect item = view()->visualRect(card);
        const QRect content = qobject_cast<MessageDelegate *>(view()->itemDelegate())
                                  ->mediaRect(item, view()->font(), card)
                                  .translated(item.topLeft());
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, content.center());
        ChatHistoryViewer *viewer = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((viewer = shown<ChatHistoryViewer>()) != nullptr, kWaitMs);
        const QString text = viewer->plainText();
        QVERIFY2(text.indexOf(u"first"_s) >= 0 && text.indexOf(u"first"_s) < text.indexOf(u"second"_s),
                 qPrintable(text));
        viewer->close();
    }
};

QTEST_MAIN(TestForwardUi)
#include "tst_forwardui.moc"
