// parley-screenshots: the main screens of the desktop client with realistic data, as PNG files. Starts a
// parleyd of its own, fills it through the protocol (people with Chinese and English names, friends, a
// pending request, a group with notices and a mention, long and short messages, a recall), logs the real
// client in as a new device that syncs it all, and grabs each screen. Run by scripts/screenshots.sh under
// xvfb-run with the CJK fonts installed. Not a test: it checks only that each screen could be reached.

#include "core/api/filesapi.h"
#include "core/calls/videoframeslot.h"
#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/groupmembermodel.h"
#include "core/models/messagelistmodel.h"
#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/memorytokenstore.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawclient.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testvideo.h"
#include "tests/ui/contextmenu.h"
#include "tests/ui/screenshotpictures.h"
#include "ui/addfrienddialog.h"
#include "ui/attachdialog.h"
#include "ui/avatarcropdialog.h"
#include "ui/callwindow.h"
#include "ui/chathistoryviewer.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/contactspage.h"
#include "ui/deleteaccountdialog.h"
#include "ui/errortext.h"
#include "ui/forwarddialog.h"
#include "ui/groupdetailsdialog.h"
#include "ui/imageviewer.h"
#include "ui/joinrequestsdialog.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/mentionspanel.h"
#include "ui/newgroupdialog.h"
#include "ui/selectionbar.h"
#include "ui/theme.h"
#include "ui/videoprobe.h"
#include "ui/videoview.h"
#include "ui/welcomewindow.h"

#include <QApplication>
#include <QDataStream>
#include <QDir>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

#include <cstdio>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;
constexpr QSize kWindowSize{1100, 720};

struct Someone {
    QString phone;
    QString nickname;
    RawUser link;
};

class Shooter {
public:
    explicit Shooter(QString dir) : m_dir(std::move(dir)) { QDir().mkpath(m_dir); }

    bool shoot(QWidget &widget, const QString &name)
    {
        // Let layouts, delegates and pending paints settle before the picture.
        for (int i = 0; i < 5; ++i)
            QTest::qWait(60);
        const QString path = QDir(m_dir).filePath(name + u".png"_s);
        const bool saved = widget.grab().save(path);
        std::fprintf(stdout, "%s %s\n", saved ? "wrote" : "FAILED", qPrintable(path));
        return saved;
    }

private:
    QString m_dir;
};

bool waited(bool ok, const char *what)
{
    if (!ok)
        std::fprintf(stderr, "timed out waiting for %s\n", what);
    return ok;
}

bool setNickname(RawClient &link, const QString &nickname, const QString &signature = {})
{
    v1::ModifyMyInfoRequest r;
    r.set_nickname(nickname.toStdString());
    if (!signature.isEmpty())
        r.set_signature(signature.toStdString());
    return social::call(link, SubSignal::MMI, r).code() == v1::ERR_NONE;
}

quint32 g_uuid = 0;

v1::Result say(RawClient &link, v1::ConversationType type, const QString &target, const QString &text,
               int mentionType = 0, const QStringList &mentioned = {})
{
    return social::call(link, SubSignal::MS,
                        social::text(type, target, text.toStdString(), ++g_uuid, mentionType, mentioned));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTemporaryDir settingsDir; // the screens start from default settings, and leave the user's alone
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    const QStringList args = app.arguments();
    const QString outDir = args.size() > 1 ? args.at(1) : u"screenshots"_s;
    const QString language = args.size() > 2 ? args.at(2) : u"en"_s;
    QTranslator translator;
    if (translator.load(u"parley_"_s + language, QStringLiteral(PARLEY_QM_DIR)))
        QApplication::installTranslator(&translator);
    QTranslator qtTranslator; // Qt's own words: Cancel, OK, the editors' menus
    if (qtTranslator.load(u"qtbase_"_s + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    Theme::applyStyleSheet();
    Shooter shooter(outDir);

    ParleydProcess server(social::strictServerArguments());
    if (!server.start())
        return 1;
    int phones = 0;
    const auto next = [&] { return u"+86138%1"_s.arg(++phones, 8, 10, QChar(u'0')); };

    // The people, each online over the protocol.
    Someone me{next(), u"张伟"_s, {}};
    std::vector<Someone> people;
    for (const QString &name :
         {u"韩梅梅"_s, u"李雷"_s, u"Alice Chen"_s, u"王小明"_s, u"Bob Smith"_s, u"陈静"_s, u"欧阳娜娜"_s, u"Emma Li"_s})
        people.push_back(Someone{next(), name, {}});
    me.link = rawUser(server, me.phone);
    setNickname(*me.link.link, me.nickname, u"认真生活，慢慢变好"_s);
    for (Someone &p : people) {
        p.link = rawUser(server, p.phone);
        setNickname(*p.link.link, p.nickname);
    }
    const auto who = [&](const QString &name) -> Someone & {
        for (Someone &p : people)
            if (p.nickname == name)
                return p;
        return me;
    };
    for (Someone &p : people) {
        if (p.nickname != u"Emma Li"_s)
            social::befriend(*p.link.link, *me.link.link, me.link.id());
    }
    // Some have a picture; the others keep their initials.
    setAvatar(server, *me.link.link, scenery(0x3d7bd9, 0xa8d4ff, 0xfff1b8, 0x2f6b3a));
    setAvatar(server, *who(u"韩梅梅"_s).link.link, scenery(0xff8a5c, 0xffd29c, 0xfff6e0, 0x8a3b5c));
    setAvatar(server, *who(u"Alice Chen"_s).link.link, scenery(0x1e2a4a, 0x5b4a8a, 0xf5f5ff, 0x17203a));
    setAvatar(server, *who(u"陈静"_s).link.link, scenery(0x7fd1b9, 0xe0f7ef, 0xffffff, 0x2a8c6a));
    social::addFriend(*who(u"Emma Li"_s).link.link, me.link.id(), u"我们在上周的技术大会上见过，想加你好友"_s);
    v1::SetRemarkRequest remark;
    remark.set_user_id(who(u"王小明"_s).link.id().toStdString());
    remark.set_remark("小明（设计）");
    social::call(*me.link.link, SubSignal::FRM, remark);

    // One-to-one conversations.
    const auto dm = [&](Someone &from, Someone &to, const QString &text) {
        say(*from.link.link, v1::CONVERSATION_PRIVATE, to.link.id(), text);
    };
    Someone &meimei = who(u"韩梅梅"_s);
    dm(meimei, me, u"周末有空吗？"_s);
    dm(me, meimei, u"有的，怎么了？"_s);
    dm(meimei, me,
       u"我们打算去香山爬山，顺便野餐。路线我看好了：从北门进，走樱桃沟，中午在半山腰休息，下午从东门出来。你要不要一起？"_s);
    dm(me, meimei, u"好啊！我带相机 📷"_s);
    dm(meimei, me, u"太好了 👍"_s);
    const auto readAll = [&](Someone &reader, v1::ConversationType type, const QString &target) {
        v1::ProgressReport read;
        v1::ConversationPoint *point = read.add_points();
        point->set_conversation_type(type);
        point->set_target(target.toStdString());
        point->set_seq(1000000); // clipped to the newest
        social::call(*reader.link.link, SubSignal::MRD, read);
    };
    readAll(meimei, v1::CONVERSATION_PRIVATE, me.link.id());
    Someone &alice = who(u"Alice Chen"_s);
    dm(alice, me, u"Hi Wei, are we still on for the design review tomorrow at 10?"_s);
    dm(me, alice, u"Yes — I'll send the slides tonight."_s);
    dm(alice, me,
       u"Great. Last time's notes are at https://docs.parley.example/review/2026-11 and the part about wrapping long "
       u"English sentences at word boundaries is on page 4; mail comments to design@parley.example."_s);
    Someone &bob = who(u"Bob Smith"_s);
    const v1::Result oops = say(*bob.link.link, v1::CONVERSATION_PRIVATE, me.link.id(), u"wrong chat, sorry"_s);
    v1::RecallRequest recall;
    recall.set_message_uid(oops.sent().message_uid());
    social::call(*bob.link.link, SubSignal::MR, recall);
    // Calls with Bob, as their records: a video call answered on my desk, one of his I missed, one of mine he
    // declined.
    const auto callAction = [](const std::string &id, const QString &peer, v1::CallActionKind kind) {
        v1::CallAction a;
        a.set_call_id(id);
        a.set_peer(peer.toStdString());
        a.set_action(kind);
        a.set_media(v1::CALL_VIDEO);
        return a;
    };
    const auto ring = [](RawClient &from, const QString &to, v1::CallMedia media) {
        v1::CallInvite invite;
        invite.set_callee(to.toStdString());
        invite.set_media(media);
        return social::call(from, SubSignal::CLI, invite).call().call_id();
    };
    std::string callId = ring(*bob.link.link, me.link.id(), v1::CALL_VIDEO);
    social::call(*me.link.link, SubSignal::CLA, callAction(callId, bob.link.id(), v1::CALL_ACCEPT));
    QTest::qWait(1100); // a call of a second
    social::call(*bob.link.link, SubSignal::CLA, callAction(callId, me.link.id(), v1::CALL_HANG_UP));
    callId = ring(*bob.link.link, me.link.id(), v1::CALL_VOICE);
    social::call(*bob.link.link, SubSignal::CLA, callAction(callId, me.link.id(), v1::CALL_HANG_UP));
    callId = ring(*me.link.link, bob.link.id(), v1::CALL_VOICE);
    social::call(*bob.link.link, SubSignal::CLA, callAction(callId, me.link.id(), v1::CALL_DECLINE));
    Someone &jing = who(u"陈静"_s);
    for (const QString &t : {u"在吗？"_s, u"上次说的那本书我找到了"_s, u"《三体》第一部，明天带给你"_s})
        dm(jing, me, t);
    dm(who(u"王小明"_s), me, u"新版图标发你邮箱了，看看喜不喜欢"_s);

    // A group with notices, a mention and an announcement.
    Someone &lei = who(u"李雷"_s);
    const QString gid = QString::fromStdString(
        social::createGroup(*me.link.link, u"周末爬山小分队"_s, {meimei.link.id(), lei.link.id(), alice.link.id()})
            .group()
            .group_id());
    v1::ModifyGroupInfoRequest announce;
    announce.set_group_id(gid.toStdString());
    announce.set_announcement("周六早上 7 点在地铁站 A 口集合");
    social::call(*me.link.link, SubSignal::GMI, announce);
    v1::ModifyGroupInfoRequest groupPicture;
    groupPicture.set_group_id(gid.toStdString());
    const QString groupAvatar = uploadPicture(server, *me.link.link, scenery(0x4a90d9, 0xcde6ff, 0xffe082, 0x3e7d3e));
    groupPicture.set_avatar(groupAvatar.toStdString());
    social::call(*me.link.link, SubSignal::GMI, groupPicture);
    say(*lei.link.link, v1::CONVERSATION_GROUP, gid, u"@张伟 这周六天气怎么样？"_s, 1, {me.link.id()});
    const v1::Result forecast = say(*me.link.link, v1::CONVERSATION_GROUP, gid, u"晴，18 到 25 度，记得带水和防晒"_s);
    const v1::Result snacks = say(*alice.link.link, v1::CONVERSATION_GROUP, gid, u"I'll bring snacks for everyone 🍫"_s);
    v1::EditRequest moreSnacks; // shown "Edited"
    moreSnacks.set_message_uid(snacks.sent().message_uid());
    moreSnacks.set_text("I'll bring snacks and fruit for everyone 🍫🍎");
    social::call(*alice.link.link, SubSignal::ME, moreSnacks);
    v1::Message thanks = social::text(v1::CONVERSATION_GROUP, gid, "收到！那我带两瓶水", ++g_uuid);
    thanks.mutable_content()->mutable_quote()->set_message_uid(forecast.sent().message_uid());
    social::call(*meimei.link.link, SubSignal::MS, thanks);
    for (auto [who, emoji] : {std::pair{&lei, "👍"}, std::pair{&meimei, "👍"}, std::pair{&alice, "❤️"}}) {
        v1::ReactRequest reaction;
        reaction.set_message_uid(forecast.sent().message_uid());
        reaction.set_emoji(emoji);
        social::call(*who->link.link, SubSignal::MRE, reaction);
    }
    readAll(meimei, v1::CONVERSATION_GROUP, gid);
    readAll(lei, v1::CONVERSATION_GROUP, gid);

    // The desktop client, as a new device of 张伟 that syncs all of it.
    QTemporaryDir data;
    ClientOptions options;
    options.port = server.tlsPort();
    options.pinnedFingerprint = server.fingerprint();
    options.dataDir = data.path();
    options.callMedia.testSources = true; // the calls' pictures: GStreamer's test pattern
    options.callMedia.loopbackCandidates = true;
    options.callMedia.videoSize = QSize(640, 360);
    Client client(options, std::make_unique<MemoryTokenStore>());

    LoginWindow login(client, u"127.0.0.1:7800"_s, {}, false);
    login.resize(480, 560);
    login.show();
    login.findChild<QLineEdit *>(u"phoneField"_s)->setText(u"138 0013 8000"_s);
    shooter.shoot(login, u"01-login"_s);

    if (!awaitAnswer(client.requestCode(me.phone), kWaitMs))
        return 2;
    if (!awaitAnswer(client.logIn(me.phone, server.waitForCode(me.phone)), kWaitMs))
        return 3;
    login.hide();
    {
        // What a new account sees next (this one has its name already: the window is only shown).
        WelcomeWindow welcome(client);
        welcome.resize(480, 560);
        welcome.show();
        welcome.findChild<QLineEdit *>(u"nameField"_s)->setText(u"李明"_s);
        shooter.shoot(welcome, u"20-welcome"_s);
    }
    MainWindow window(client);
    window.resize(kWindowSize);
    window.show();
    QApplication::setActiveWindow(&window); // no window manager under Xvfb: the open chat counts as seen
    if (!waited(QTest::qWaitFor([&] { return client.connectionState() == ConnectionState::Online; }, kWaitMs),
                "the client to be online"))
        return 4;
    QListView *list = window.chatsPage()->list();
    if (!waited(QTest::qWaitFor([&] { return list->model()->rowCount() >= 6; }, kWaitMs), "the conversations"))
        return 5;
    // How people keep their list: the group pinned, a noisy chat muted, one marked unread, a draft left in another.
    awaitAnswer(client.messages().setPinned(ConversationKey{ConversationKey::Type::Group, gid}, true));
    awaitAnswer(client.messages().setMutedUntil(ConversationKey::withUser(jing.link.id()), limits::kMutedForever));
    awaitAnswer(client.messages().markRead(ConversationKey::withUser(bob.link.id())));
    awaitAnswer(client.messages().setMarkedUnread(ConversationKey::withUser(bob.link.id()), true));
    awaitAnswer(
        client.messages().saveDraft(ConversationKey::withUser(alice.link.id()), u"Sure, I'll add the new icons too"_s));
    QTest::qWait(300);

    window.chatsPage()->open(ConversationKey{ConversationKey::Type::Group, gid});
    QTest::qWait(300);
    shooter.shoot(window, u"02-chats-group"_s);
    // Answering a message: the composer quotes it.
    {
        ChatView *chat = window.chatsPage()->chatView();
        const QAbstractItemModel *messages = chat->messageView()->model();
        for (int row = 0; row < messages->rowCount(); ++row) {
            const auto m = messages->index(row, 0).data(MessageListModel::MessageRole).value<ChatMessage>();
            if (m.text.startsWith(u"I'll bring snacks"_s))
                chat->replyTo(m.localId);
        }
        chat->messageView()->scrollToBottom();
        QTest::qWait(200);
        shooter.shoot(window, u"24-reply"_s);
        chat->findChild<QToolButton *>(u"composerBarCancel"_s)->click();
        // Editing my own message: the composer holds its text.
        for (int row = 0; row < messages->rowCount(); ++row) {
            const auto m = messages->index(row, 0).data(MessageListModel::MessageRole).value<ChatMessage>();
            if (m.outgoing && m.text.startsWith(u"晴"_s))
                chat->editMessage(m.localId);
        }
        QTest::qWait(200);
        shooter.shoot(window, u"25-edit"_s);
        chat->findChild<QToolButton *>(u"composerBarCancel"_s)->click();
    }
    window.chatsPage()->open(ConversationKey::withUser(meimei.link.id()));
    {
        v1::TypingRequest typing; // she is writing: the header says so
        typing.set_target(me.link.id().toStdString());
        typing.set_activity(v1::TYPING_TEXT);
        social::call(*meimei.link.link, SubSignal::MT, typing);
        auto *status = window.chatsPage()->chatView()->findChild<QLabel *>(u"peerStatus"_s);
        waited(QTest::qWaitFor([&] { return !status->text().isEmpty(); }, kWaitMs), "the typing notice");
    }
    QTest::qWait(300);
    shooter.shoot(window, u"03-chats-one-to-one"_s);
    window.chatsPage()->open(ConversationKey::withUser(bob.link.id()));
    QTest::qWait(200);
    shooter.shoot(window, u"04-recalled"_s);
    alice.link.link.reset(); // Alice's only device goes: her chat's header says when she was last seen
    window.chatsPage()->open(ConversationKey::withUser(alice.link.id()));
    waited(QTest::qWaitFor([&] { return client.people().presence(alice.link.id()).state == PresenceState::LastSeen; },
                           kWaitMs),
           "Alice's last seen");
    QTest::qWait(300);
    shooter.shoot(window, u"19-links"_s);
    {
        // Picking Alice's messages, forwarding them to 韩梅梅 as one chat history, and opening it there.
        ChatView *chat = window.chatsPage()->chatView();
        QAbstractItemModel *model = chat->messageView()->model();
        QList<qint64> picked;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto m = model->index(row, 0).data(MessageListModel::MessageRole).value<ChatMessage>();
            if (m.serverUid != 0 && m.contentType == content::kText)
                picked.append(m.localId);
        }
        for (const qint64 id : std::as_const(picked))
            chat->selection()->start(id);
        QTest::qWait(300);
        shooter.shoot(window, u"26-select"_s);
        chat->forwardMessages(picked);
        ForwardDialog *dialog = nullptr;
        QListWidget *targets = nullptr;
        waited(QTest::qWaitFor(
                   [&] {
                       dialog = window.findChild<ForwardDialog *>();
                       targets = dialog ? dialog->findChild<QListWidget *>(u"forwardTargets"_s) : nullptr;
                       return targets && targets->count() > 3;
                   },
                   kWaitMs),
               "the chats to forward to");
        if (dialog && targets) {
            for (int i = 0; i < targets->count(); ++i) {
                if (targets->item(i)->data(Qt::UserRole).value<ConversationKey>() ==
                    ConversationKey::withUser(meimei.link.id()))
                    targets->item(i)->setCheckState(Qt::Checked);
            }
            dialog->findChildren<QRadioButton *>().value(1)->setChecked(true);
            QTest::qWait(200);
            shooter.shoot(*dialog, u"27-forward"_s);
            QSignalSpy forwarded(dialog, &ForwardDialog::forwarded);
            dialog->findChild<QPushButton *>(u"primaryButton"_s)->click();
            waited(forwarded.wait(kWaitMs), "the forward");
        }
        window.chatsPage()->open(ConversationKey::withUser(meimei.link.id()));
        QAbstractItemModel *theirs = chat->messageView()->model();
        const auto newest = [&] {
            return theirs->index(theirs->rowCount() - 1, 0).data(MessageListModel::MessageRole).value<ChatMessage>();
        };
        waited(QTest::qWaitFor([&] { return newest().isChatHistory() && newest().serverUid != 0; }, kWaitMs),
               "the chat history");
        QTest::qWait(300);
        shooter.shoot(window, u"28-chat-history"_s);
        ChatHistoryViewer viewer(newest().history, &window);
        viewer.show();
        QTest::qWait(300);
        shooter.shoot(viewer, u"29-history-viewer"_s);
    }
    {
        // The messages that mention me, in the chats list's place.
        window.chatsPage()->mentionsButton()->click();
        waited(
            QTest::qWaitFor([&] { return window.chatsPage()->mentions()->list()->model()->rowCount() > 0; }, kWaitMs),
            "the mentions");
        QTest::qWait(300);
        shooter.shoot(window, u"30-mentions"_s);
        window.chatsPage()->mentionsButton()->click();
    }

    window.chatsPage()->findChild<QLineEdit *>(u"searchField"_s)->setText(u"爬山"_s);
    if (!waited(QTest::qWaitFor([&] { return window.chatsPage()->searchResults()->model()->rowCount() > 0; }, kWaitMs),
                "the search"))
        return 10;
    shooter.shoot(window, u"12-search"_s);
    // People are found by name, with or without a conversation.
    window.chatsPage()->findChild<QLineEdit *>(u"searchField"_s)->setText(u"a"_s);
    if (!waited(QTest::qWaitFor([&] { return window.chatsPage()->friendsFound()->isVisible(); }, kWaitMs),
                "the people found"))
        return 10;
    shooter.shoot(window, u"14-search-people"_s);
    window.chatsPage()->findChild<QLineEdit *>(u"searchField"_s)->clear();

    // Pictures, a file and a voice message, sent by 李雷 from a second device of his and by me.
    {
        QTemporaryDir leiData;
        ClientOptions leiOptions = options;
        leiOptions.dataDir = leiData.path();
        Client leiClient(leiOptions, std::make_unique<MemoryTokenStore>());
        if (!awaitAnswer(leiClient.requestCode(lei.phone), kWaitMs) ||
            !awaitAnswer(leiClient.logIn(lei.phone, server.waitForCode(lei.phone)), kWaitMs))
            return 11;
        const ConversationKey withMe = ConversationKey::withUser(me.link.id());
        const ConversationKey withLei = ConversationKey::withUser(lei.link.id());
        QImage photo(1600, 1000, QImage::Format_RGB32);
        {
            QPainter painter(&photo);
            QLinearGradient sky(0, 0, 0, 1000);
            sky.setColorAt(0, QColor(0x5d, 0x9c, 0xec));
            sky.setColorAt(0.6, QColor(0xf6, 0xd3, 0x65));
            sky.setColorAt(1, QColor(0x3a, 0x7d, 0x44));
            painter.fillRect(photo.rect(), sky);
            painter.setBrush(QColor(0x2e, 0x5e, 0x3a));
            painter.setPen(Qt::NoPen);
            painter.drawPolygon(QPolygon({QPoint(0, 1000), QPoint(500, 420), QPoint(900, 760), QPoint(1250, 380),
                                          QPoint(1600, 800), QPoint(1600, 1000)}));
            painter.setBrush(QColor(0xff, 0xf4, 0xc2));
            painter.drawEllipse(QPoint(1200, 200), 90, 90);
        }
        const QString photoPath = leiData.filePath(u"xiangshan.jpg"_s);
        photo.save(photoPath, "JPG", 90);
        const QString pdfPath = leiData.filePath(u"香山路线图.pdf"_s);
        {
            QFile pdf(pdfPath);
            pdf.open(QIODevice::WriteOnly);
            pdf.write(QByteArray(2 * 1024 * 1024 + 345678, 'x'));
        }
        // A voice note: two seconds of a rising and falling tone, as 16-bit mono WAV, and its waveform.
        const QString voicePath = leiData.filePath(u"voice.wav"_s);
        QByteArray waveform;
        {
            constexpr int rate = 16000, ms = 7000;
            QByteArray pcm;
            for (int i = 0; i < rate * ms / 1000; ++i) {
                const double envelope = 0.5 + 0.5 * std::sin(i * 6.28 / rate * 1.3);
                const auto v = qint16(12000 * envelope * std::sin(i * 6.28 * 330 / rate));
                pcm.append(reinterpret_cast<const char *>(&v), 2);
                if (i % (rate / 10) == 0)
                    waveform.append(char(40 + 200 * envelope));
            }
            QFile wav(voicePath);
            wav.open(QIODevice::WriteOnly);
            QDataStream out(&wav);
            out.setByteOrder(QDataStream::LittleEndian);
            out.writeRawData("RIFF", 4);
            out << quint32(36 + pcm.size());
            out.writeRawData("WAVEfmt ", 8);
            out << quint32(16) << quint16(1) << quint16(1) << quint32(rate) << quint32(rate * 2) << quint16(2)
                << quint16(16);
            out.writeRawData("data", 4);
            out << quint32(pcm.size());
            out.writeRawData(pcm.constData(), int(pcm.size()));
        }
        awaitAnswer(leiClient.messages().sendText(withMe, u"昨天拍的，香山的日落 🌄"_s));
        awaitAnswer(leiClient.files().send(withMe, MediaDraft{photoPath, MediaDraft::Kind::Photo}));
        awaitAnswer(leiClient.files().send(withMe, MediaDraft{pdfPath}));
        awaitAnswer(leiClient.files().send(withMe, MediaDraft{voicePath, MediaDraft::Kind::Voice, 7000, waveform}));
        // A video, looked at as the attach preview does.
        const QString videoPath = leiData.filePath(u"香山.avi"_s);
        writeTestVideo(videoPath, {480, 270}, 125, 25, QColor(0xd9, 0x7b, 0x3c));
        VideoProbe probe(videoPath);
        waited(QTest::qWaitFor([&] { return probe.isFinished(); }, kWaitMs), "the video's first frame");
        awaitAnswer(leiClient.files().send(withMe, MediaDraft{videoPath,
                                                              MediaDraft::Kind::Video,
                                                              probe.info().durationMs,
                                                              {},
                                                              probe.info().size.width(),
                                                              probe.info().size.height(),
                                                              probe.info().poster}));
        const auto arrived = [&] {
            const auto history = awaitAnswer(client.messages().fetchLatest(withLei, 10));
            return history && history->size() >= 5 && !history->last().media.isEmpty();
        };
        if (!waited(QTest::qWaitFor(arrived, kWaitMs), "the media messages"))
            return 12;
        const QString myPhoto = data.filePath(u"team.png"_s);
        photo.mirrored(true, false).scaled(800, 1000).save(myPhoto);
        awaitAnswer(client.files().send(withLei, MediaDraft{myPhoto, MediaDraft::Kind::Photo}));
        window.chatsPage()->open(withLei);
        const auto sentAndShown = [&] {
            const auto history = awaitAnswer(client.messages().fetchLatest(withLei, 10));
            if (!history || history->size() < 6)
                return false;
            int here = 0;
            for (const ChatMessage &m : *history)
                here += !m.localPath.isEmpty() && m.contentType == content::kImage;
            return here >= 2 && history->last().state == MessageState::Sent;
        };
        waited(QTest::qWaitFor(sentAndShown, kWaitMs), "the pictures");
        // A large file on its way, paused by its sender: the bubble with its progress and its resume button.
        const QString archivePath = data.filePath(u"slides-2026.zip"_s);
        {
            QFile archive(archivePath);
            archive.open(QIODevice::WriteOnly);
            const QByteArray block(1 << 20, 'z');
            for (int i = 0; i < 48; ++i)
                archive.write(block);
        }
        if (const auto sending = awaitAnswer(client.files().send(withLei, MediaDraft{archivePath}))) {
            awaitAnswer(client.files().pause(sending->localId));
            const auto paused = [&] {
                const auto history = awaitAnswer(client.messages().fetchLatest(withLei, 10));
                return history && !history->isEmpty() && history->last().localId == sending->localId &&
                       history->last().transfer.state == TransferState::Paused;
            };
            waited(QTest::qWaitFor(paused, kWaitMs), "the paused file");
        }
        QTest::qWait(500);
        shooter.shoot(window, u"15-media"_s);

        auto *attach = new AttachDialog({photoPath, pdfPath, videoPath}, &window); // deletes itself when closed
        attach->show();
        auto *attachSend = attach->findChild<QPushButton *>(u"attachSend"_s);
        waited(QTest::qWaitFor([&] { return attachSend->isEnabled(); }, kWaitMs), "the video preview");
        shooter.shoot(*attach, u"16-attach"_s);
        attach->close();
        ImageViewer *viewer = new ImageViewer({photoPath}, 0, &window);
        viewer->resize(800, 600);
        viewer->show();
        shooter.shoot(*viewer, u"17-image-viewer"_s);
        viewer->close();
    }

    window.showContacts();
    ContactsPage *contacts = window.contactsPage();
    QListView *contactList = contacts->findChild<QListView *>(u"contactList"_s);
    if (!waited(QTest::qWaitFor([&] { return contactList && contactList->model()->rowCount() >= 7; }, kWaitMs),
                "the contacts"))
        return 6;
    for (int row = 0; row < contactList->model()->rowCount(); ++row) {
        if (contactList->model()->index(row, 0).data().toString().startsWith(u"小明"_s))
            contactList->setCurrentIndex(contactList->model()->index(row, 0));
    }
    shooter.shoot(window, u"05-contacts"_s);
    contacts->showRequests();
    shooter.shoot(window, u"06-new-friends"_s);

    AddFriendDialog add(client, me.nickname, &window);
    add.show();
    add.findChild<QLineEdit *>()->setText(who(u"欧阳娜娜"_s).phone);
    QMetaObject::invokeMethod(add.findChild<QLineEdit *>(), "returnPressed");
    if (!waited(QTest::qWaitFor([&] { return add.findChild<QWidget *>(u"searchResult"_s)->isVisible(); }, kWaitMs),
                "the search"))
        return 8;
    shooter.shoot(add, u"07-add-friend"_s);
    add.close();

    window.showChats();
    NewGroupDialog group(client, *qobject_cast<ContactListModel *>(contactList->model()), &window);
    group.show();
    if (auto *friends = group.findChild<QListWidget *>()) {
        for (int i = 0; i < std::min(3, friends->count()); ++i)
            friends->item(i)->setCheckState(Qt::Checked);
    }
    shooter.shoot(group, u"08-new-group"_s);
    group.close();

    // The group asks for approval; 李雷 invites Emma, whom no admin knows: she waits.
    awaitAnswer(client.groups().setJoinApproval(gid, true));
    social::befriend(*lei.link.link, *who(u"Emma Li"_s).link.link, who(u"Emma Li"_s).link.id());
    social::groupMembers(*lei.link.link, SubSignal::GAM, gid, {who(u"Emma Li"_s).link.id()});
    const auto hikers = [&] {
        for (const GroupInfo &g : client.groups().groups())
            if (g.groupId == gid)
                return g;
        return GroupInfo{gid};
    };
    waited(QTest::qWaitFor([&] { return hikers().pendingJoins == 1; }, kWaitMs), "the request to join");
    GroupDetailsDialog details(client, *qobject_cast<ContactListModel *>(contactList->model()), hikers(), false,
                               &window);
    details.show();
    if (!waited(QTest::qWaitFor([&] { return details.members()->rowCount() == 4; }, kWaitMs), "the members"))
        return 9;
    shooter.shoot(details, u"10-group-details"_s);
    {
        JoinRequestsDialog joins(client, gid, &details);
        joins.show();
        waited(QTest::qWaitFor([&] { return joins.findChild<QWidget *>(u"joinRequest"_s) != nullptr; }, kWaitMs),
               "the requests to join");
        QTest::qWait(200);
        shooter.shoot(joins, u"31-join-requests"_s);
    }
    // The question before a step that cannot be undone: removing a member from the member's menu.
    auto *members = details.findChild<QListView *>(u"memberList"_s);
    pickFromContextMenu(members, members->model()->index(1, 0),
                        QCoreApplication::translate("parley::GroupDetailsDialog", "Remove from group"));
    if (auto *question = details.findChild<QMessageBox *>()) {
        shooter.shoot(*question, u"13-remove-member-question"_s);
        question->reject();
    }
    details.close();

    window.showSettings();
    QTest::qWait(300);
    shooter.shoot(window, u"11-settings"_s);
    {
        AvatarCropDialog crop(scenery(0xff8a5c, 0xffd29c, 0xfff6e0, 0x8a3b5c, 1200).copy(0, 150, 1200, 900), &window);
        crop.resize(420, 520);
        crop.show();
        crop.findChild<QSlider *>(u"avatarZoom"_s)->setValue(30);
        QTest::qWait(200);
        shooter.shoot(crop, u"18-avatar-crop"_s);
    }
    window.showChats();
    // A group where only its owner and admins write now: the composer says so.
    {
        const QString quiet = QString::fromStdString(
            social::createGroup(*bob.link.link, u"Design review"_s, {me.link.id()}).group().group_id());
        say(*bob.link.link, v1::CONVERSATION_GROUP, quiet,
            u"Final mockups are in the shared folder. Reviews by Friday, please."_s);
        v1::ModifyGroupInfoRequest muteAll;
        muteAll.set_group_id(quiet.toStdString());
        muteAll.set_mute_all(true);
        social::call(*bob.link.link, SubSignal::GMI, muteAll);
        const auto muted = [&] {
            for (const GroupInfo &g : client.groups().groups())
                if (g.groupId == quiet)
                    return g.muteAll;
            return false;
        };
        waited(QTest::qWaitFor(muted, kWaitMs), "the muted group");
        // And a chat marked unread (a badge without a number).
        awaitAnswer(client.messages().setMarkedUnread(ConversationKey::withUser(alice.link.id()), true));
        window.chatsPage()->open(ConversationKey{ConversationKey::Type::Group, quiet});
        QTest::qWait(400);
        shooter.shoot(window, u"32-muted-group"_s);
    }
    // A chat opened with unread messages starts at the first of them, under a line.
    window.chatsPage()->open(ConversationKey::withUser(jing.link.id()));
    QTest::qWait(300);
    shooter.shoot(window, u"23-unread-line"_s);

    // A client of a new account, its data in `dataDir`, logged in as `phone`; null if the login failed.
    const auto newAccount = [&](const QTemporaryDir &dataDir, const QString &phone) -> std::unique_ptr<Client> {
        ClientOptions accountOptions = options;
        accountOptions.dataDir = dataDir.path();
        auto account = std::make_unique<Client>(accountOptions, std::make_unique<MemoryTokenStore>());
        if (!awaitAnswer(account->requestCode(phone), kWaitMs) ||
            !awaitAnswer(account->logIn(phone, server.waitForCode(phone)), kWaitMs))
            return nullptr;
        return account;
    };

    // A new account's main window: no chats and no friends yet, each saying how to get some.
    {
        QTemporaryDir newData;
        const std::unique_ptr<Client> newcomer = newAccount(newData, next());
        if (!newcomer)
            return 12;
        MainWindow fresh(*newcomer);
        fresh.resize(kWindowSize);
        fresh.show();
        QTest::qWait(300);
        shooter.shoot(fresh, u"21-no-chats"_s);
        fresh.showContacts();
        QTest::qWait(200);
        shooter.shoot(fresh, u"22-no-friends"_s);
    }

    // An account the server's operator suspended (parleyd admin ban): logging in again is refused, in words.
    {
        QTemporaryDir outsiderData;
        const QString phone = next();
        const std::unique_ptr<Client> outsider = newAccount(outsiderData, phone);
        if (!outsider)
            return 13;
        QSignalSpy ended(outsider.get(), &Client::sessionEnded);
        QProcess admin;
        admin.start(QStringLiteral(PARLEYD_PATH), {u"admin"_s, u"--data-dir"_s, server.dataDir(), u"ban"_s, phone});
        if (!admin.waitForFinished(kWaitMs) || admin.exitCode() != 0 ||
            !waited(QTest::qWaitFor([&] { return !ended.isEmpty(); }, kWaitMs), "the suspension to end the session"))
            return 14;
        LoginWindow again(*outsider, u"127.0.0.1:7800"_s, {}, false);
        again.resize(480, 560);
        again.show();
        again.findChild<QLineEdit *>(u"phoneField"_s)->setText(phone.mid(3)); // the number as people type it
        QTest::mouseClick(again.findChild<QPushButton *>(u"sendCodeButton"_s), Qt::LeftButton);
        again.findChild<QLineEdit *>(u"codeField"_s)->setText(server.waitForCode(phone));
        // The button is enabled once the window has heard that the code was sent (the code may be read first).
        QPushButton *logIn = again.findChild<QPushButton *>(u"primaryButton"_s);
        if (!waited(QTest::qWaitFor([&] { return logIn->isEnabled(); }, kWaitMs), "the login button"))
            return 15;
        QTest::mouseClick(logIn, Qt::LeftButton);
        const QString refused = ErrorText::of(Error(ErrorCode::AccountSuspended));
        const auto said = [&] {
            for (const QLabel *label : again.findChildren<QLabel *>())
                if (label->text() == refused)
                    return true;
            return false;
        };
        if (!waited(QTest::qWaitFor(said, kWaitMs), "the login window to say the account is suspended"))
            return 16;
        shooter.shoot(again, u"33-suspended"_s);
    }

    // Deleting an account from its settings: what goes and what stays, then the code it asks for.
    {
        QTemporaryDir leavingData;
        const QString phone = next();
        const std::unique_ptr<Client> leaving = newAccount(leavingData, phone);
        if (!leaving)
            return 17;
        DeleteAccountDialog confirm(*leaving);
        confirm.show();
        QTest::mouseClick(confirm.findChild<QPushButton *>(u"sendCodeButton"_s), Qt::LeftButton);
        confirm.findChild<QLineEdit *>(u"codeField"_s)->setText(server.waitForCode(phone));
        QPushButton *deleteIt = confirm.findChild<QPushButton *>(u"destructiveButton"_s);
        if (!waited(QTest::qWaitFor([&] { return deleteIt->isEnabled(); }, kWaitMs), "the delete button"))
            return 18;
        QTest::qWait(200);
        shooter.shoot(confirm, u"34-delete-account"_s);
    }
    // 王小明 deletes his account: his chat stays, with what he wrote, from "Deleted account".
    {
        Someone &xiaoming = who(u"王小明"_s);
        const QString gone = xiaoming.link.id();
        social::call(*xiaoming.link.link, SubSignal::RVC, v1::CodeRequest());
        v1::DeleteAccountRequest erase;
        erase.set_code(server.waitForCode(xiaoming.phone).toStdString());
        social::call(*xiaoming.link.link, SubSignal::DLA, erase);
        const QString deletedName = QCoreApplication::translate("parley::UserProfile", "Deleted account");
        const auto retitled = [&] {
            const auto chats = awaitAnswer(client.messages().fetchConversations());
            return chats && std::any_of(chats->cbegin(), chats->cend(), [&](const ConversationSummary &c) {
                       return c.key == ConversationKey::withUser(gone) && c.title == deletedName;
                   });
        };
        if (!waited(QTest::qWaitFor(retitled, kWaitMs), "the deleted account's chat"))
            return 19;
        window.chatsPage()->open(ConversationKey::withUser(gone));
        QTest::qWait(400);
        shooter.shoot(window, u"35-deleted-account"_s);
    }

    // A call: 李雷, from a second device of his, calls me; the window rings, then shows the call and how it ended.
    {
        QTemporaryDir leiData;
        ClientOptions leiOptions = options;
        leiOptions.dataDir = leiData.path();
        Client leiClient(leiOptions, std::make_unique<MemoryTokenStore>());
        if (!awaitAnswer(leiClient.requestCode(lei.phone), kWaitMs) ||
            !awaitAnswer(leiClient.logIn(lei.phone, server.waitForCode(lei.phone)), kWaitMs) ||
            !awaitAnswer(leiClient.calls().call(me.link.id(), content::kCallVideo), kWaitMs))
            return 12;
        CallWindow &call = *window.callWindow();
        if (!waited(QTest::qWaitFor([&] { return call.isVisible(); }, kWaitMs), "the incoming call"))
            return 12;
        QTest::qWait(300);
        shooter.shoot(call, u"36-incoming-call"_s);
        client.calls().accept(content::kCallVideo);
        if (!waited(QTest::qWaitFor(
                        [&] {
                            return call.videoView()->showsRemoteVideo() &&
                                   client.calls().localVideo().framesPut() > 0 &&
                                   client.calls().current().phase == CallState::Phase::Active;
                        },
                        kWaitMs),
                    "the call's pictures"))
            return 12;
        QTest::qWait(2200); // a duration past 0:00
        shooter.shoot(call, u"37-video-call"_s);
        awaitAnswer(client.calls().hangUp(), kWaitMs);
        QTest::qWait(200);
        shooter.shoot(call, u"38-call-ended"_s);
    }

    // The server goes away: the banner says so.
    window.chatsPage()->open(ConversationKey{ConversationKey::Type::Group, gid});
    server.kill();
    if (!waited(QTest::qWaitFor([&] { return client.connectionState() == ConnectionState::WaitingToRetry; }, kWaitMs),
                "the client to notice the server is gone"))
        return 7;
    shooter.shoot(window, u"09-offline"_s);
    return 0;
}
