// Pictures, files and voice through the desktop client's real widgets, against a real parleyd over real
// HTTPS, driven as a user does: a picture chosen with the attach button's file dialog, a file dropped on the
// chat, a picture pasted into the composer — each previewed, sent, and arriving whole at the other side; a
// large file's progress shown in its bubble and in the chats list, and its cancel button stopping it (no
// message is sent); a received picture opened in the viewer by a click; a voice message recorded (from a
// generated tone instead of a microphone), sent, and played from its bubble; the settings page's cache
// controls; a profile picture and a group's chosen in a file dialog, cropped to a square, and seen by the other
// side (drawn in place of the initials).

#include "core/client.h"
#include "core/models/contactlistmodel.h"
#include "core/models/conversationlistmodel.h"
#include "core/models/messagelistmodel.h"
#include "protocol/contenttypes.h"
#include "protocol/limits.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/faultproxy.h"
#include "tests/support/mediafiles.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testphones.h"
#include "tests/support/testvideo.h"
#include "tests/ui/contextmenu.h"
#include "tests/ui/shownwindow.h"
#include "ui/attachdialog.h"
#include "ui/avatar.h"
#include "ui/avatarcropdialog.h"
#include "ui/chatmedia.h"
#include "ui/chatspage.h"
#include "ui/chatview.h"
#include "ui/groupdetailsdialog.h"
#include "ui/imageviewer.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/settingspage.h"
#include "ui/voicerecorder.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QtEndian>

#include <cmath>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 60000;
constexpr qint64 kSlowFile = 24ll << 20; // large enough to be caught mid-way behind the slowed proxy
constexpr int kProxyDelayMs = 40;        // per 256 KiB window: about 6 MB/s
constexpr int kToneMs = 1500;
constexpr double kToneHz = 440;
constexpr int kVideoFrames = 30;
constexpr int kVideoFps = 10;

QImage picture(QSize size, QColor color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    QPainter painter(&image);
    painter.setBrush(Qt::white);
    painter.drawEllipse(image.rect().center(), size.width() / 4, size.height() / 4);
    return image;
}

// A tone as the microphone gives it: 16 kHz mono 16-bit PCM, louder towards the end.
QByteArray tone(int ms)
{
    const int samples = VoiceRecorder::kSampleRate * ms / 1000;
    QByteArray pcm(samples * 2, Qt::Uninitialized);
    for (int i = 0; i < samples; ++i) {
        const double loudness = 0.1 + 0.8 * i / samples;
        const auto v = qint16(loudness * 32767 * std::sin(2 * M_PI * kToneHz * i / VoiceRecorder::kSampleRate));
        qToLittleEndian(v, pcm.data() + 2 * i);
    }
    return pcm;
}

} // namespace

class TestChatMedia : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<ParleydProcess> m_server;
    std::unique_ptr<ChatWorld> m_world;
    ChatWorld::Person *m_alice = nullptr; // the one with the window
    ChatWorld::Person *m_bob = nullptr;
    std::unique_ptr<MainWindow> m_window;

    QListView *messageView() { return m_window->chatsPage()->chatView()->findChild<QListView *>(u"messageView"_s); }
    MessageListModel *messages() { return qobject_cast<MessageListModel *>(messageView()->model()); }

    // Bob's newest picture, file or voice message once Alice's copy is Sent and Bob has it.
    std::optional<ChatMessage> arrivedAtBob(int contentType)
    {
        std::optional<ChatMessage> sent;
        std::optional<ChatMessage> got;
        const bool arrived = QTest::qWaitFor(
            [&] {
                sent = lastMedia(m_world->cachedHistory(*m_alice, with(*m_bob)));
                got = lastMedia(m_world->cachedHistory(*m_bob, with(*m_alice)));
                return sent && isAcknowledged(sent->state) && got && got->serverUid == sent->serverUid &&
                       got->contentType == contentType;
            },
            kWaitMs);
        if (!arrived)
            qWarning() << "not arrived: sent" << (sent ? int(sent->state) : -1) << (sent ? sent->serverUid : 0)
                       << (sent ? sent->contentType : -1) << "got" << (got ? got->serverUid : 0)
                       << (got ? got->contentType : -1);
        return arrived ? got : std::nullopt;
    }

    // The row of the chat's newest message with this content type.
    QModelIndex newestRow(int contentType)
    {
        MessageListModel *model = messages();
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex i = model->index(row);
            if (i.data(MessageListModel::MessageRole).value<ChatMessage>().contentType == contentType)
                return i;
        }
        return {};
    }

    // Where in the message view a click on `row` does `action` (a null point if nowhere), found as the
    // delegate measures clicks.
    QPoint pointOf(const QModelIndex &row, MediaPainter::Action action)
    {
        QListView *view = messageView();
        view->scrollTo(row);
        const QRect item = view->visualRect(row);
        auto *delegate = qobject_cast<MessageDelegate *>(view->itemDelegate());
        const QRect content = delegate->mediaRect(item, view->font(), row);
        const auto message = row.data(MessageListModel::MessageRole).value<ChatMessage>();
        for (int y = content.top(); y <= content.bottom(); y += 2) {
            for (int x = content.left(); x <= content.right(); x += 2) {
                if (MediaPainter::actionAt(content, message, {x, y}) == action)
                    return item.topLeft() + QPoint(x, y);
            }
        }
        return {};
    }

    // A file dragged over the messages and dropped there.
    void dropOnTheChat(const QString &path)
    {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QWidget *target = messageView()->viewport();
        const QPoint at = target->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
    }

    // Picks `path` in the file dialog that has just opened, as a user does.
    void pickInFileDialog(const QString &path)
    {
        QFileDialog *files = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((files = shown<QFileDialog>()) != nullptr, kWaitMs);
        files->setDirectory(m_data.path());
        files->selectFile(path);
        QVERIFY(QMetaObject::invokeMethod(files, "accept"));
    }

    // Picks `path` in the file dialog that is up, then (in the crop dialog that follows) zooms to `zoomStep` of
    // the slider, drags the picture by `drag` and sets the square.
    void chooseAvatar(const QString &path, int zoomStep, QPoint drag)
    {
        pickInFileDialog(path);
        QVERIFY(!QTest::currentTestFailed());
        AvatarCropDialog *crop = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((crop = shown<AvatarCropDialog>()) != nullptr, kWaitMs);
        crop->findChild<QSlider *>(u"avatarZoom"_s)->setValue(zoomStep);
        QWidget *cropper = crop->findChild<QWidget *>(u"avatarCropper"_s);
        const QPointF from = cropper->rect().center();
        for (const auto &[type, at, buttons] :
             {std::tuple{QEvent::MouseButtonPress, from, Qt::MouseButtons(Qt::LeftButton)},
              std::tuple{QEvent::MouseMove, from + drag, Qt::MouseButtons(Qt::LeftButton)},
              std::tuple{QEvent::MouseButtonRelease, from + drag, Qt::MouseButtons()}}) {
            QMouseEvent event(type, at, cropper->mapToGlobal(at), Qt::LeftButton, buttons, Qt::NoModifier);
            QApplication::sendEvent(cropper, &event);
        }
        QTest::mouseClick(crop->findChild<QPushButton *>(u"primaryButton"_s), Qt::LeftButton);
    }

    // The colour in the middle of a picture.
    static QColor middleOf(const QImage &image) { return image.pixelColor(image.width() / 2, image.height() / 2); }
    static bool near(QColor a, QColor b)
    {
        return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40 &&
               std::abs(a.blue() - b.blue()) < 40;
    }

    // Sends what the attach preview shows, as shown.
    void sendFromPreview()
    {
        AttachDialog *preview = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((preview = shown<AttachDialog>()) != nullptr, kWaitMs);
        QTest::mouseClick(preview->findChild<QPushButton *>(u"attachSend"_s), Qt::LeftButton);
        QTRY_VERIFY(!preview->isVisible());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        // Settings and the pasted and recorded files go to this test's own folder, not the user's.
        qputenv("XDG_CACHE_HOME", m_data.filePath(u"cache"_s).toUtf8());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_data.path());
        m_proxy = std::make_unique<FaultProxy>(0);
        m_server = std::make_unique<ParleydProcess>(mediaServerArguments(m_proxy->port()));
        QVERIFY(m_server->start());
        m_proxy->setUpstreamPort(m_server->filesPort());
        m_world = std::make_unique<ChatWorld>(*m_server, m_server->tlsPort(), ConnectionTimings{});
        m_alice = &m_world->add(nextPhone());
        m_bob = &m_world->add(nextPhone());
        QVERIFY(m_world->logInAll());
        m_window = std::make_unique<MainWindow>(*m_alice->client);
        m_window->resize(1100, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->chatsPage()->open(with(*m_bob));
        QTRY_COMPARE(messages()->conversation(), with(*m_bob));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_world.reset();
        QCOMPARE(m_server->stop(), 0);
    }

    void pictureFromTheAttachButton()
    {
        const QString path = m_data.filePath(u"sunset.png"_s);
        QVERIFY(picture({1600, 1200}, Qt::darkRed).save(path));
        auto *attach = m_window->findChild<QToolButton *>(u"attachButton"_s);
        QVERIFY(attach && attach->isEnabled());
        attach->menu()->actions().at(0)->trigger(); // "Picture…"
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = shown<QFileDialog>()) != nullptr, kWaitMs);
        dialog->setDirectory(m_data.path());
        dialog->selectFile(path);
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept")); // its Open button
        sendFromPreview();
        QVERIFY(!QTest::currentTestFailed());

        const std::optional<ChatMessage> got = arrivedAtBob(content::kImage);
        QVERIFY(got);
        QCOMPARE(QSize(got->media.width, got->media.height), QSize(1600, 1200));
        QVERIFY(!got->media.preview.isEmpty());
        // Alice's bubble is a picture, sent.
        const QModelIndex row = newestRow(content::kImage);
        QVERIFY(row.isValid());
        QTRY_COMPARE(row.data(MessageListModel::StateRole).value<MessageState>(), MessageState::Sent);
    }

    void fileDroppedOnTheChat()
    {
        const QString path = m_data.filePath(u"minutes.txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("Minutes of the meeting\n").repeated(5000));
        file.close();
        dropOnTheChat(path);
        QVERIFY(!QTest::currentTestFailed());
        sendFromPreview();
        QVERIFY(!QTest::currentTestFailed());

        const std::optional<ChatMessage> got = arrivedAtBob(content::kFile);
        QVERIFY(got);
        QCOMPARE(got->media.fileName, u"minutes.txt"_s);
        const Result<QString> downloaded = awaitAnswer(m_bob->client->files().download(got->localId), kWaitMs);
        QVERIFY(downloaded.ok());
        QCOMPARE(sha256Of(*downloaded), sha256Of(path));
    }

    void picturePastedIntoTheComposer()
    {
        QApplication::clipboard()->setImage(picture({640, 480}, Qt::darkGreen));
        auto *editor = m_window->findChild<QPlainTextEdit *>(u"composerEditor"_s);
        QVERIFY(editor);
        editor->setFocus();
        QTest::keySequence(editor, QKeySequence::Paste);
        sendFromPreview();
        QVERIFY(!QTest::currentTestFailed());
        const std::optional<ChatMessage> got = arrivedAtBob(content::kImage);
        QVERIFY(got);
        QCOMPARE(QSize(got->media.width, got->media.height), QSize(640, 480));
        QVERIFY(editor->toPlainText().isEmpty()); // a picture, not text
    }

    void videoIsSentWithItsPosterAndLength()
    {
        const QString path = m_data.filePath(u"holiday.avi"_s);
        QVERIFY(writeTestVideo(path, {320, 240}, kVideoFrames, kVideoFps, Qt::darkMagenta));
        dropOnTheChat(path);
        QVERIFY(!QTest::currentTestFailed());
        // The preview shows its first frame once the video has been looked at; Send waits for that.
        AttachDialog *preview = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((preview = shown<AttachDialog>()) != nullptr, kWaitMs);
        auto *send = preview->findChild<QPushButton *>(u"attachSend"_s);
        QTRY_VERIFY_WITH_TIMEOUT(send->isEnabled(), kWaitMs);
        const QLabel *thumbnail = preview->findChild<QLabel *>(u"attachThumbnail"_s);
        QVERIFY(!thumbnail->pixmap().isNull());
        QCOMPARE(preview->drafts().value(0).kind, MediaDraft::Kind::Video);
        QTest::mouseClick(send, Qt::LeftButton);

        const std::optional<ChatMessage> got = arrivedAtBob(content::kVideo);
        QVERIFY(got);
        QCOMPARE(QSize(got->media.width, got->media.height), QSize(320, 240));
        QVERIFY2(std::abs(got->media.durationMs - kVideoFrames * 1000 / kVideoFps) <= 200,
                 qPrintable(QString::number(got->media.durationMs)));
        QVERIFY(!got->media.preview.isEmpty());
        // The poster is the first frame: mostly the video's colour.
        const QImage poster = QImage::fromData(got->media.preview);
        QVERIFY(!poster.isNull());
        const QColor corner = poster.pixelColor(poster.width() - 1, poster.height() - 1);
        QVERIFY2(std::abs(corner.hue() - QColor(Qt::darkMagenta).hue()) < 20, qPrintable(corner.name()));
        // Alice's bubble opens it (in the computer's video player).
        QVERIFY(!pointOf(newestRow(content::kVideo), MediaPainter::Action::Open).isNull());
    }

    void progressShowsPauseResumesAndCancelStopsTheUpload()
    {
        const QString path = m_data.filePath(u"archive.bin"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray piece(1 << 20, Qt::Uninitialized);
        for (qint64 i = 0; i < kSlowFile / piece.size(); ++i) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(piece.data()), piece.size() / 4);
            file.write(piece);
        }
        file.close();
        const QVariant messagesBefore = m_world->serverValue(
            u"SELECT COUNT(*) FROM messages WHERE sender_id = (SELECT id FROM users WHERE uid = ?)"_s,
            {m_alice->userId});
        m_proxy->setDelayMs(kProxyDelayMs);
        const auto unthrottle = qScopeGuard([this] { // the tests after this one get a normal link
            m_proxy->setBlackHole(false);
            m_proxy->setDelayMs(0);
        });
        MessageListModel *model = messages();
        dropOnTheChat(path);
        QVERIFY(!QTest::currentTestFailed());
        sendFromPreview();
        QVERIFY(!QTest::currentTestFailed());

        // Part of it has gone up: the bubble says how much, and so does the chats list.
        QModelIndex row;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                row = newestRow(content::kFile);
                const auto m = row.data(MessageListModel::MessageRole).value<ChatMessage>();
                return m.media.fileName == u"archive.bin"_s && m.transfer.done > 0 &&
                       m.transfer.done < m.transfer.total;
            }(),
            kWaitMs);
        m_proxy->setBlackHole(true); // held mid-way, however fast this machine is, until it is cancelled
        const auto uploading = row.data(MessageListModel::MessageRole).value<ChatMessage>();
        QVERIFY(MediaPainter::fileStatus(uploading).contains(u"of"_s));
        QListView *chats = m_window->chatsPage()->list();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int r = 0; r < chats->model()->rowCount(); ++r) {
                    const QModelIndex i = chats->model()->index(r, 0);
                    if (i.data(ConversationListModel::KeyRole).value<ConversationKey>() != with(*m_bob))
                        continue;
                    const auto last = i.data(ConversationListModel::LastMessageRole).value<ChatMessage>();
                    return last.localId == uploading.localId && last.transfer.done > 0;
                }
                return false;
            }(),
            kWaitMs);

        // Its pause button: the transfer stops and the bubble says so; the same place then goes on with it.
        const auto stateOf = [&] {
            row = newestRow(content::kFile);
            return row.data(MessageListModel::MessageRole).value<ChatMessage>().transfer.state;
        };
        const QPoint pause = pointOf(row, MediaPainter::Action::Pause);
        QVERIFY(!pause.isNull());
        QVERIFY(pointOf(row, MediaPainter::Action::Resume).isNull());
        QTest::mouseClick(messageView()->viewport(), Qt::LeftButton, {}, pause);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), TransferState::Paused, kWaitMs);
        QVERIFY(MediaPainter::fileStatus(row.data(MessageListModel::MessageRole).value<ChatMessage>())
                    .contains(u"Paused"_s));
        const auto listedState = [&] { // what the chats list shows of it
            for (int r = 0; r < chats->model()->rowCount(); ++r) {
                const QModelIndex i = chats->model()->index(r, 0);
                if (i.data(ConversationListModel::KeyRole).value<ConversationKey>() == with(*m_bob))
                    return i.data(ConversationListModel::LastMessageRole).value<ChatMessage>().transfer.state;
            }
            return TransferState::None;
        };
        QTRY_COMPARE_WITH_TIMEOUT(listedState(), TransferState::Paused, kWaitMs);
        QCOMPARE(pointOf(row, MediaPainter::Action::Resume), pause);
        QTest::mouseClick(messageView()->viewport(), Qt::LeftButton, {}, pause);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf() == TransferState::Queued || stateOf() == TransferState::Running, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(listedState() != TransferState::Paused, kWaitMs);
        // And from its menu: Pause, then Resume.
        QVERIFY(pickFromContextMenu(messageView(), row, u"Pause"_s));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), TransferState::Paused, kWaitMs);
        QVERIFY(pickFromContextMenu(messageView(), row, u"Resume"_s));
        QTRY_VERIFY_WITH_TIMEOUT(stateOf() == TransferState::Queued || stateOf() == TransferState::Running, kWaitMs);

        // Its cancel button: the message goes, nothing is sent.
        const QPoint cancel = pointOf(row, MediaPainter::Action::Cancel);
        QVERIFY(!cancel.isNull());
        const qint64 localId = uploading.localId;
        QTest::mouseClick(messageView()->viewport(), Qt::LeftButton, {}, cancel);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int r = 0; r < model->rowCount(); ++r) {
                    if (model->index(r).data(MessageListModel::LocalIdRole).toLongLong() == localId)
                        return false;
                }
                return true;
            }(),
            kWaitMs);
        m_proxy->setBlackHole(false);
        m_proxy->setDelayMs(0);
        // A text after it arrives, and the cancelled file never did.
        m_world->send(*m_alice, *m_bob, u"never mind"_s);
        QVERIFY(m_world->waitConverged());
        QCOMPARE(m_world->serverValue(
                     u"SELECT COUNT(*) FROM messages WHERE sender_id = (SELECT id FROM users WHERE uid = ?)"_s,
                     {m_alice->userId}),
                 QVariant(messagesBefore.toInt() + 1));
    }

    void receivedPictureOpensInTheViewer()
    {
        const QString path = m_data.filePath(u"mountain.png"_s);
        QVERIFY(picture({1200, 900}, Qt::darkBlue).save(path));
        QVERIFY(
            awaitAnswer(m_bob->client->files().send(with(*m_alice), MediaDraft{path, MediaDraft::Kind::Photo})).ok());
        // It downloads by itself (small), then a click on it opens the viewer.
        QModelIndex row;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                row = newestRow(content::kImage);
                const auto m = row.data(MessageListModel::MessageRole).value<ChatMessage>();
                return !m.outgoing && !m.localPath.isEmpty();
            }(),
            kWaitMs);
        const QPoint open = pointOf(row, MediaPainter::Action::Open);
        QVERIFY(!open.isNull());
        QTest::mouseClick(messageView()->viewport(), Qt::LeftButton, {}, open);
        ImageViewer *viewer = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((viewer = shown<ImageViewer>()) != nullptr, kWaitMs);
        QVERIFY(viewer->fitted());
        // The chat's pictures on this computer, this one shown: Alice's own two came before it.
        QCOMPARE(viewer->current(), 2);
        QTest::keyClick(viewer, Qt::Key_Left);
        QCOMPARE(viewer->current(), 1);
        viewer->close();
    }

    void voiceMessageRecordedSentAndPlayed()
    {
        QBuffer pcm;
        pcm.setData(tone(kToneMs));
        QVERIFY(pcm.open(QIODevice::ReadOnly));
        auto *recorder = m_window->findChild<VoiceRecorder *>(u"voiceRecorder"_s);
        QVERIFY(recorder);
        recorder->setPcmSource(&pcm);
        const auto detach = qScopeGuard([recorder] { // never left pointing at the buffer, whatever fails
            recorder->cancel();
            recorder->setPcmSource(nullptr);
        });
        auto *record = m_window->findChild<QToolButton *>(u"recordButton"_s);
        QTest::mouseClick(record, Qt::LeftButton);
        QVERIFY(recorder->isRecording());
        QVERIFY(record->isChecked());
        QTest::mouseClick(record, Qt::LeftButton); // stop and send
        QVERIFY(!recorder->isRecording());
        recorder->setPcmSource(nullptr);

        const std::optional<ChatMessage> got = arrivedAtBob(content::kVoice);
        QVERIFY(got);
        QCOMPARE(got->media.durationMs, kToneMs);
        QVERIFY(got->media.waveform.size() >= 10);
        // Louder towards the end, as recorded.
        QVERIFY(quint8(got->media.waveform.back()) > quint8(got->media.waveform.front()));

        // Played from Alice's bubble: its position moves.
        const QModelIndex row = newestRow(content::kVoice);
        const QPoint play = pointOf(row, MediaPainter::Action::Play);
        QVERIFY(!play.isNull());
        QTest::mouseClick(messageView()->viewport(), Qt::LeftButton, {}, play);
        ChatMedia *media = m_window->chatsPage()->chatView()->findChild<ChatMedia *>();
        QVERIFY(media);
        const qint64 localId = row.data(MessageListModel::LocalIdRole).toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(media->playbackOf(localId).positionMs > 0, kWaitMs);
    }

    void aFailedTransferIsRetriedByAClick()
    {
        // Wherever the bubble is clicked: "Not sent — click to send again", "Download failed — click to retry".
        ChatMessage failed = newestRow(content::kFile).data(MessageListModel::MessageRole).value<ChatMessage>();
        failed.transfer.state = TransferState::Failed;
        const QRect content(QPoint(0, 0), MediaPainter::contentSize(failed, 300));
        for (const QPoint at : {content.center(), content.topLeft() + QPoint(2, 2), content.bottomRight()})
            QCOMPARE(MediaPainter::actionAt(content, failed, at), MediaPainter::Action::Retry);
        QVERIFY(MediaPainter::fileStatus(failed).contains(MediaPainter::tr("click")));
        failed.transfer.state = TransferState::None;
        QCOMPARE(MediaPainter::actionAt(content, failed, content.center()) == MediaPainter::Action::Retry, false);
    }

    void aWebPeersPictureIsALinkCard()
    {
        // The design notes' picture shape from a web peer: a link. A card that opens it in the browser, never
        // fetched by itself.
        ChatMessage link;
        link.contentType = content::kImage;
        link.media.remoteUrl = u"https://images.example.org/cat.jpg"_s;
        QVERIFY(MediaPainter::isLink(link));
        const QSize size = MediaPainter::contentSize(link, 400);
        QCOMPARE(size, QSize(MediaPainter::kFileWidth, MediaPainter::kFileHeight));
        QCOMPARE(MediaPainter::actionAt(QRect(QPoint(0, 0), size), link, QPoint(10, 10)),
                 MediaPainter::Action::OpenLink);
        QVERIFY(MediaPainter::fileStatus(link).contains(u"images.example.org"_s));
        QImage card(size, QImage::Format_ARGB32_Premultiplied);
        card.fill(Qt::white);
        QPainter painter(&card);
        MediaPainter::paint(&painter, card.rect(), link,
                            m_window->chatsPage()->chatView()->findChild<ChatMedia *>()->thumbnails(), {});
        painter.end();
        if (!qEnvironmentVariableIsEmpty("PARLEY_SAVE_CARD"))
            card.save(qEnvironmentVariable("PARLEY_SAVE_CARD"));
        QVERIFY(card.pixelColor(MediaPainter::kFileHeight / 4, size.height() / 2) != QColor(Qt::white)); // its icon
    }

    void avatarsAreChosenCroppedAndSeen()
    {
        // A picture red on the left, blue on the right: zoomed in and moved right, the square is all red.
        const QString path = m_data.filePath(u"me.png"_s);
        QImage halves(800, 600, QImage::Format_RGB32);
        halves.fill(Qt::blue);
        QPainter(&halves).fillRect(0, 0, 400, 600, Qt::red);
        QVERIFY(halves.save(path));
        m_window->showSettings();
        auto *page = m_window->findChild<SettingsPage *>();
        // A file that only looks like a picture: said so in words (it is read off the GUI thread), no crop.
        const QString notAPicture = m_data.filePath(u"notes.png"_s);
        {
            QFile notes(notAPicture);
            QVERIFY(notes.open(QIODevice::WriteOnly));
            notes.write("shopping: bread, milk\n");
        }
        QTest::mouseClick(page->findChild<QPushButton *>(u"changeAvatar"_s), Qt::LeftButton);
        pickInFileDialog(notAPicture);
        QVERIFY(!QTest::currentTestFailed());
        QMessageBox *said = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((said = page->findChild<QMessageBox *>()) != nullptr, kWaitMs);
        QCOMPARE(said->text(), u"This file cannot be read as a picture."_s);
        QVERIFY(!shown<AvatarCropDialog>());
        said->close();

        QTest::mouseClick(page->findChild<QPushButton *>(u"changeAvatar"_s), Qt::LeftButton);
        chooseAvatar(path, 40, {600, 0});
        QVERIFY(!QTest::currentTestFailed());
        QTRY_VERIFY_WITH_TIMEOUT(!m_alice->client->people().myProfile().avatar.isEmpty(), kWaitMs);
        const QString mine = m_alice->client->people().myProfile().avatar;
        QVERIFY(page->findChild<QPushButton *>(u"removeAvatar"_s)->isVisible());

        // Bob looks Alice up, fetches her picture, and it is the square she chose.
        const Result<QList<UserProfile>> found = awaitAnswer(m_bob->client->people().fetchProfiles({m_alice->userId}));
        QVERIFY(found && found->size() == 1);
        QCOMPARE(found->first().avatar, mine);
        const Result<QImage> seen = awaitAnswer(m_bob->client->files().avatar(mine), kWaitMs);
        QVERIFY2(seen, qPrintable(seen ? QString() : seen.error().message));
        QCOMPARE(seen->width(), seen->height());
        QVERIFY2(near(seen->pixelColor(2, 2), Qt::red) && near(seen->pixelColor(seen->width() - 3, 2), Qt::red),
                 qPrintable(seen->pixelColor(seen->width() - 3, 2).name()));
        // Alice's window draws it wherever she appears, in place of her initials.
        QTRY_VERIFY_WITH_TIMEOUT(
            near(middleOf(Avatar::pixmap(m_alice->userId, u"Alice"_s, 36, 1.0).toImage()), Qt::red), kWaitMs);

        // A group's picture, chosen in its details by its owner, reaches its member.
        const Result<FriendRequest> asked = awaitAnswer(m_alice->client->people().sendFriendRequest(m_bob->userId, {}));
        QVERIFY(asked);
        QTRY_VERIFY_WITH_TIMEOUT(!m_bob->client->people().friendRequests().isEmpty(), kWaitMs);
        QVERIFY(awaitAnswer(m_bob->client->people().answerFriendRequest(asked->id, true)));
        const Result<GroupInfo> group = awaitAnswer(m_alice->client->groups().create(u"Hikers"_s, {m_bob->userId}));
        QVERIFY(group);
        const QString greenPath = m_data.filePath(u"hikers.png"_s);
        QVERIFY(picture({400, 400}, Qt::darkGreen).save(greenPath));
        ContactListModel contacts(m_alice->client.get());
        GroupDetailsDialog details(*m_alice->client, contacts, *group, false, m_window.get());
        details.show();
        auto *change = details.findChild<QPushButton *>(u"changeGroupAvatar"_s);
        QVERIFY(change->isVisible());
        QTest::mouseClick(change, Qt::LeftButton);
        chooseAvatar(greenPath, 0, {});
        QVERIFY(!QTest::currentTestFailed());
        const auto groupAvatarAtBob = [&] {
            for (const GroupInfo &g : m_bob->client->groups().groups()) {
                if (g.groupId == group->groupId)
                    return g.avatar;
            }
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!groupAvatarAtBob().isEmpty(), kWaitMs);
        const Result<QImage> groupSeen = awaitAnswer(m_bob->client->files().avatar(groupAvatarAtBob()), kWaitMs);
        QVERIFY(groupSeen);
        QVERIFY(near(groupSeen->pixelColor(2, 2), Qt::darkGreen)); // the ellipse is white in the middle

        // Only what an avatar may be is fetched as one: a file of the chat larger than an avatar is refused (and
        // leaves nothing behind), and what is not a file id never names a file.
        const QString large = m_data.filePath(u"large.bin"_s);
        QFile file(large);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(limits::kMaxAvatarBytes + 4096, 'x'));
        file.close();
        QVERIFY(awaitAnswer(m_bob->client->files().send(with(*m_alice), MediaDraft{large})).ok());
        std::optional<ChatMessage> received;
        QTRY_VERIFY_WITH_TIMEOUT((received = lastMedia(m_world->cachedHistory(*m_alice, with(*m_bob)))) &&
                                     received->media.fileName == u"large.bin"_s,
                                 kWaitMs);
        QCOMPARE(awaitAnswer(m_alice->client->files().avatar(received->media.fileId), kWaitMs).error().code,
                 ErrorCode::TooLarge);
        for (QDirIterator it(m_alice->dir->path(), {u"*.part"_s}, QDir::Files, QDirIterator::Subdirectories);
             it.hasNext();)
            QVERIFY2(!it.next().contains(u"/avatars/"_s), qPrintable(it.filePath()));
        QCOMPARE(awaitAnswer(m_alice->client->files().avatar(u"../../escape"_s)).error().code, ErrorCode::NotFound);

        QTRY_VERIFY_WITH_TIMEOUT(
            near(Avatar::pixmap(group->groupId, u"Hikers"_s, 42, 1.0, true).toImage().pixelColor(8, 21), Qt::darkGreen),
            kWaitMs);

        // The owner takes the picture away: the member sees initials again.
        auto *remove = details.findChild<QPushButton *>(u"removeGroupAvatar"_s);
        QTRY_VERIFY(remove->isVisible());
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(groupAvatarAtBob().isEmpty(), kWaitMs);
        QTRY_VERIFY(!remove->isVisible());
    }

    void settingsControlTheCache()
    {
        m_window->showSettings();
        auto *page = m_window->findChild<SettingsPage *>();
        QVERIFY(page);
        auto *used = page->findChild<QLabel *>(u"cacheUsed"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!used->text().isEmpty(), kWaitMs);
        const Result<quint64> before = awaitAnswer(m_alice->client->files().cacheSize());
        QVERIFY(before.ok() && *before > 0); // the picture Bob sent
        auto *autoDownload = page->findChild<QComboBox *>(u"autoDownload"_s);
        autoDownload->setCurrentIndex(0); // never
        Q_EMIT autoDownload->activated(0);
        QCOMPARE(m_alice->client->files().autoDownloadBytes(), 0u);
        QTest::mouseClick(page->findChild<QPushButton *>(u"clearCache"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(awaitAnswer(m_alice->client->files().cacheSize()).value(), 0u, kWaitMs);
        m_window->showChats();
    }
};

QTEST_MAIN(TestChatMedia)
#include "tst_chatmedia.moc"
