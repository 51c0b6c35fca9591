// The call window and the chat header's call buttons, on Alice's main window, against Bob's client through a
// real parleyd (test sources, loopback candidates): the header's video button rings Bob and brings up the window,
// which follows the call from "Ringing…" to its duration and the peer's picture; its microphone, camera and
// hang-up buttons do what they say; a call that rings here offers the right answers and a decline, a voice answer
// to a video call hides the camera button, and closing the window hangs up. The window says how each call ended,
// then goes.

#include "core/calls/videoframeslot.h"
#include "core/client.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testcallmedia.h"
#include "tests/support/testphones.h"
#include "ui/callwindow.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/mainwindow.h"
#include "ui/videoview.h"

#include <QApplication>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;
using Phase = CallState::Phase;

namespace {

constexpr int kWaitMs = 30000;

// The visible button of `parent` with this tooltip (nullptr if there is none).
QPushButton *button(QWidget *parent, const QString &toolTip)
{
    for (QPushButton *b : parent->findChildren<QPushButton *>())
        if (b->toolTip() == toolTip && b->isVisibleTo(parent))
            return b;
    return nullptr;
}

} // namespace

class TestCallUi : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<ParleydProcess> m_server;
    std::unique_ptr<ChatWorld> m_world;
    std::unique_ptr<MainWindow> m_window;
    ChatWorld::Person *m_alice = nullptr; // with the window
    ChatWorld::Person *m_bob = nullptr;

    CallWindow &callWindow() { return *m_window->callWindow(); }
    const CallState &aliceCall() { return m_alice->client->calls().current(); }
    const CallState &bobCall() { return m_bob->client->calls().current(); }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_data.path());
        m_server = std::make_unique<ParleydProcess>(
            QStringList{u"--code-address-per-hour"_s, u"0"_s, u"--code-phone-interval"_s, u"0"_s});
        QVERIFY(m_server->start());
        m_world = std::make_unique<ChatWorld>(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        m_world->setCallMedia(testCallMedia());
        m_alice = &m_world->add(nextPhone());
        m_bob = &m_world->add(nextPhone());
        QVERIFY(m_world->logInAll());
        m_world->send(*m_bob, *m_alice, u"hello"_s);
        QVERIFY(m_world->waitConverged());

        m_window = std::make_unique<MainWindow>(*m_alice->client);
        m_window->resize(1100, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_world.reset();
        QCOMPARE(m_server->stop(), 0);
    }

    void theHeaderCallsAndTheWindowFollowsTheCall()
    {
        m_window->chatsPage()->open(ConversationKey::withUser(m_bob->userId));
        ChatView *chat = m_window->chatsPage()->chatView();
        QTRY_VERIFY_WITH_TIMEOUT(button(chat, u"Video call"_s) && button(chat, u"Voice call"_s), kWaitMs);
        QTest::mouseClick(button(chat, u"Video call"_s), Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(bobCall().phase, Phase::Incoming, kWaitMs);
        QVERIFY(callWindow().isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(callWindow().status(), u"Ringing…"_s, kWaitMs);
        QCOMPARE(aliceCall().peer, m_bob->userId);
        QVERIFY(awaitAnswer(m_bob->client->calls().accept(content::kCallVideo)));

        // Connected: the duration counts, Bob's pictures show.
        QTRY_COMPARE_WITH_TIMEOUT(aliceCall().phase, Phase::Active, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(callWindow().videoView()->showsRemoteVideo(), kWaitMs);
        QVERIFY(QRegularExpression(u"^\\d+:\\d\\d$"_s).match(callWindow().status()).hasMatch());

        // The microphone and camera buttons.
        QPushButton *mute = button(&callWindow(), u"Mute the microphone"_s);
        QVERIFY(mute && mute->isEnabled());
        QTest::mouseClick(mute, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(aliceCall().microphoneMuted, kWaitMs);
        QVERIFY(button(&callWindow(), u"Unmute the microphone"_s));
        QPushButton *camera = button(&callWindow(), u"Turn the camera off"_s);
        QVERIFY(camera);
        QTest::mouseClick(camera, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!aliceCall().cameraOn, kWaitMs);
        QVERIFY(button(&callWindow(), u"Turn the camera on"_s));

        // Hang up: both sides end; the window says so, then goes.
        QTest::mouseClick(button(&callWindow(), u"Hang up"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bobCall().phase, Phase::Ended, kWaitMs);
        QCOMPARE(aliceCall().phase, Phase::Ended);
        QVERIFY2(callWindow().status().startsWith(u"Call ended"_s), qPrintable(callWindow().status()));
        QTRY_VERIFY_WITH_TIMEOUT(!callWindow().isVisible(), CallWindow::kEndedShownMs + kWaitMs);
    }

    void anIncomingCallIsAnsweredOrDeclinedFromTheWindow()
    {
        // Declined.
        QVERIFY(awaitAnswer(m_bob->client->calls().call(m_alice->userId, content::kCallVoice)));
        QTRY_VERIFY_WITH_TIMEOUT(callWindow().isVisible(), kWaitMs);
        QCOMPARE(callWindow().status(), u"Incoming voice call"_s);
        QVERIFY(button(&callWindow(), u"Answer with voice"_s));
        QVERIFY(!button(&callWindow(), u"Answer with video"_s)); // a voice call
        QTest::mouseClick(button(&callWindow(), u"Decline"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bobCall().ended, content::CallEnd::Declined, kWaitMs);
        QCOMPARE(callWindow().status(), u"You declined the call"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!callWindow().isVisible(), CallWindow::kEndedShownMs + kWaitMs);

        // A video call answered with voice: no pictures, no camera button.
        QVERIFY(awaitAnswer(m_bob->client->calls().call(m_alice->userId, content::kCallVideo)));
        QTRY_VERIFY_WITH_TIMEOUT(callWindow().isVisible(), kWaitMs);
        QCOMPARE(callWindow().status(), u"Incoming video call"_s);
        QVERIFY(button(&callWindow(), u"Answer with video"_s));
        QTest::mouseClick(button(&callWindow(), u"Answer with voice"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(aliceCall().phase, Phase::Active, kWaitMs);
        QVERIFY(!aliceCall().isVideo());
        QVERIFY(!button(&callWindow(), u"Turn the camera off"_s) && !button(&callWindow(), u"Turn the camera on"_s));
        QVERIFY(!callWindow().videoView()->showsRemoteVideo());

        // Closing the window hangs up.
        callWindow().close();
        QTRY_COMPARE_WITH_TIMEOUT(bobCall().phase, Phase::Ended, kWaitMs);
        QCOMPARE(bobCall().ended, content::CallEnd::HungUp);
    }

    void statusWords()
    {
        CallState s;
        s.phase = Phase::Ended;
        s.ended = content::CallEnd::HungUp;
        s.durationMs = 192'000;
        QCOMPARE(CallWindow::statusText(s, 0), u"Call ended · 3:12"_s);
        s.ended = content::CallEnd::NoAnswer;
        s.outgoing = true;
        QCOMPARE(CallWindow::statusText(s, 0), u"No answer"_s);
        s.outgoing = false;
        QCOMPARE(CallWindow::statusText(s, 0), u"Missed call"_s);
        s.answeredElsewhere = true;
        QCOMPARE(CallWindow::statusText(s, 0), u"Answered on another device"_s);
        QCOMPARE(CallWindow::durationText(3'723'000), u"1:02:03"_s);
        QCOMPARE(CallWindow::durationText(59'999), u"0:59"_s);
    }
};

QTEST_MAIN(TestCallUi)
#include "tst_callui.moc"
