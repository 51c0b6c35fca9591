// The desktop app's flow with the real keychain (ctest runs inside a private D-Bus session with an
// unlocked gnome-keyring) against a real parleyd: the first start asks to log in (a mistyped code is
// said in words); the next start opens straight into the main window from the cache, with the server
// down, and says it is not connected yet; when the server is back the banner goes away; logging out
// (after saying yes) returns to the login window, and the start after that asks to log in again because
// the token is gone from the keychain. A new account chooses its name in the welcome window before the
// main window, and the name is on the server.

#include "core/models/conversationlistmodel.h"
#include "core/types/chatmessage.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/ui/shownwindow.h"
#include "ui/addfrienddialog.h"
#include "ui/appcontroller.h"
#include "ui/chatspage.h"
#include "ui/connectionbanner.h"
#include "ui/contactspage.h"
#include "ui/emptystate.h"
#include "ui/errortext.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/welcomewindow.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

// The chats list shows a conversation whose last message is text.
bool listShows(QListView *list, const QString &text)
{
    for (int row = 0; row < list->model()->rowCount(); ++row) {
        if (list->model()->index(row, 0).data(ConversationListModel::LastMessageRole).value<ChatMessage>().text == text)
            return true;
    }
    return false;
}

} // namespace

class TestAppController : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<ParleydProcess> m_server;
    ClientOptions m_options;
    const QString m_phone = u"+8613200000077"_s;
    QString m_myId;

    std::unique_ptr<AppController> startApp()
    {
        auto app = std::make_unique<AppController>(m_options, true);
        app->start();
        return app;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_data.path());
        m_server =
            std::make_unique<ParleydProcess>(social::strictServerArguments({u"--allow-stranger-messages"_s, u"1"_s}));
        QVERIFY(m_server->start());
        m_options.port = m_server->tlsPort();
        m_options.pinnedFingerprint = m_server->fingerprint();
        m_options.dataDir = m_data.filePath(u"client"_s);
        m_options.keychainService = u"ParleyTest-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        // My id, learnt by logging the same number in on another device.
        m_myId = logInRaw(*m_server, m_phone, u"phone"_s).userId;
        QVERIFY(!m_myId.isEmpty());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void firstStartAsksToLogIn()
    {
        auto app = startApp();
        LoginWindow *login = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((login = shown<LoginWindow>()) != nullptr, kWaitMs);
        QVERIFY(!shown<MainWindow>());
        QTest::keyClicks(login->findChild<QLineEdit *>(u"phoneField"_s), u"132 0000 0077"_s);
        QTest::mouseClick(login->findChild<QPushButton *>(u"sendCodeButton"_s), Qt::LeftButton);
        const QString code = m_server->waitForCode(m_phone);
        QVERIFY(!code.isEmpty());
        // A mistyped code is said in words, and the right one still works after it.
        auto *codeField = login->findChild<QLineEdit *>(u"codeField"_s);
        QString wrong = code;
        wrong[0] = QChar(u'0' + (code.at(0).digitValue() + 1) % 10);
        QTest::keyClicks(codeField, wrong);
        auto *logIn = login->findChild<QPushButton *>(u"primaryButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(logIn->isEnabled(), kWaitMs); // once the app has heard the code was sent
        QTest::mouseClick(logIn, Qt::LeftButton);
        const auto says = [login](const QString &text) {
            const QList<QLabel *> labels = login->findChildren<QLabel *>();
            return std::any_of(labels.cbegin(), labels.cend(),
                               [&text](QLabel *l) { return l->isVisible() && l->text() == text; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(says(errorText(Error(ErrorCode::CodeWrong))), kWaitMs);
        codeField->clear();
        QTest::keyClicks(codeField, code);
        QTRY_VERIFY_WITH_TIMEOUT(logIn->isEnabled(), kWaitMs);
        QTest::mouseClick(logIn, Qt::LeftButton);
        MainWindow *main = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((main = shown<MainWindow>()) != nullptr, kWaitMs);

        // Something to find in the cache next time: a message from someone.
        RawUser someone = rawUser(*m_server, u"+8613100000078"_s);
        QCOMPARE(social::call(*someone.link, SubSignal::MS,
                              social::text(v1::CONVERSATION_PRIVATE, m_myId, "see you at eight", 1))
                     .code(),
                 v1::ERR_NONE);
        QListView *list = main->chatsPage()->list();
        QTRY_VERIFY_WITH_TIMEOUT(listShows(list, u"see you at eight"_s), kWaitMs);
    }

    void rememberedLoginOpensFromTheCacheWithTheServerDown()
    {
        m_server->kill();
        auto app = startApp();
        MainWindow *main = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((main = shown<MainWindow>()) != nullptr, kWaitMs);
        QVERIFY(!shown<LoginWindow>());
        QListView *list = main->chatsPage()->list();
        QTRY_VERIFY_WITH_TIMEOUT(listShows(list, u"see you at eight"_s), kWaitMs);
        // It says so: connecting, or not connected and when it tries again.
        auto *banner = main->findChild<ConnectionBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kWaitMs);
        const QString said = banner->findChild<QLabel *>()->text();
        QVERIFY2(said.startsWith(u"Connecting"_s) || said.startsWith(u"Not connected"_s), qPrintable(said));

        // The server comes back: the banner goes once the client is in sync.
        QVERIFY(m_server->restart());
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), kWaitMs);

        // Logging out asks first, then shows the login window.
        QToolButton *logOut = nullptr;
        for (QToolButton *b : main->findChildren<QToolButton *>())
            if (b->toolTip() == u"Log out"_s)
                logOut = b;
        QVERIFY(logOut);
        QTest::mouseClick(logOut, Qt::LeftButton);
        QMessageBox *question = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((question = main->findChild<QMessageBox *>()) != nullptr, kWaitMs);
        QTest::mouseClick(question->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(shown<LoginWindow>() != nullptr, kWaitMs);
    }

    void afterLoggingOutTheNextStartAsksAgain()
    {
        auto app = startApp();
        QTRY_VERIFY_WITH_TIMEOUT(shown<LoginWindow>() != nullptr, kWaitMs);
        QVERIFY(!shown<MainWindow>());
    }

    void aNewAccountChoosesItsNameFirst()
    {
        const QString phone = u"+8613200000079"_s; // nobody's yet
        auto app = startApp();
        LoginWindow *login = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((login = shown<LoginWindow>()) != nullptr, kWaitMs);
        QTest::keyClicks(login->findChild<QLineEdit *>(u"phoneField"_s), u"132 0000 0079"_s);
        QTest::mouseClick(login->findChild<QPushButton *>(u"sendCodeButton"_s), Qt::LeftButton);
        const QString code = m_server->waitForCode(phone);
        QVERIFY(!code.isEmpty());
        QTest::keyClicks(login->findChild<QLineEdit *>(u"codeField"_s), code);
        auto *logIn = login->findChild<QPushButton *>(u"primaryButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(logIn->isEnabled(), kWaitMs);
        QTest::mouseClick(logIn, Qt::LeftButton);

        // Not the main window yet: first the name friends will see.
        WelcomeWindow *welcome = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((welcome = shown<WelcomeWindow>()) != nullptr, kWaitMs);
        QVERIFY(!shown<MainWindow>());
        auto *name = welcome->findChild<QLineEdit *>(u"nameField"_s);
        auto *next = welcome->findChild<QPushButton *>(u"primaryButton"_s);
        QVERIFY(!next->isEnabled());
        QTest::keyClicks(name, u"   "_s);
        QVERIFY(!next->isEnabled()); // spaces are not a name
        name->clear();
        QTest::keyClicks(name, u"Li Ming"_s);
        QVERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        MainWindow *main = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((main = shown<MainWindow>()) != nullptr, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!shown<WelcomeWindow>(), kWaitMs);

        // No chats yet: the list says so and leads on — its "Add friend" opens the dialog for it.
        EmptyState *noChats = main->chatsPage()->noChats();
        QVERIFY(noChats->isVisible());
        QVERIFY(!main->chatsPage()->list()->isVisible());
        const QList<QPushButton *> leads = noChats->findChildren<QPushButton *>();
        const auto addFriend = std::find_if(leads.cbegin(), leads.cend(),
                                            [](QPushButton *b) { return b->text() == QObject::tr("Add friend"); });
        QVERIFY(addFriend != leads.cend());
        QTest::mouseClick(*addFriend, Qt::LeftButton);
        QDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = main->findChild<AddFriendDialog *>()) && dialog->isVisible(), kWaitMs);
        dialog->reject();
        // No friends yet: the contacts page shows how people find me, and copies my ID.
        main->showContacts();
        auto *copy = main->contactsPage()->findChild<QPushButton *>(u"copyIdButton"_s);
        QVERIFY(copy && copy->isVisible());
        QTest::mouseClick(copy, Qt::LeftButton);

        // The name is the account's: another device of it reads it from the server.
        const TestLogin tablet = logInRaw(*m_server, phone, u"tablet"_s);
        auto link = connectRaw(*m_server, tablet);
        QVERIFY(link);
        v1::UserInfoRequest info;
        info.add_user_ids(tablet.userId.toStdString());
        const v1::Result read = social::call(*link, SubSignal::UPUI, info);
        QCOMPARE(read.users().users_size(), 1);
        QCOMPARE(QString::fromStdString(read.users().users(0).nickname()), u"Li Ming"_s);
        QCOMPARE(QGuiApplication::clipboard()->text(), tablet.userId);
    }
};

QTEST_MAIN(TestAppController)
#include "tst_appcontroller.moc"
