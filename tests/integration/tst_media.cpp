// Pictures and files between real clients through a real parleyd over real HTTPS, its files port behind a
// fault proxy that counts the bytes each way: a photo arrives compressed and downloads by itself, a file
// on request, both byte for byte; the same content again sends no file data (instant send); two devices of
// one user see a photo and its recall; a 50 MB upload survives cuts of the link, a SIGKILLed client and a
// SIGKILLed parleyd, each time resuming rather than restarting (bytes sent stay under 1.2× the file), and its
// download survives cuts the same way; a file damaged on the server is an error on the receiver, never a
// broken file; the files port is trusted by the pin.

#include "core/files/filehash.h"
#include "core/files/filesendpoint.h"
#include "core/files/mediapreparer.h"
#include "core/files/uploadtask.h"
#include "tests/support/awaitanswer.h"
#include "tests/support/chatworld.h"
#include "tests/support/faultproxy.h"
#include "tests/support/mediafiles.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/testclientprocess.h"
#include "tests/support/testphones.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 120000;
// Large enough to be sent while it is hashed (MediaPreparer::kHashWhileSendingBytes), so the resume tests run
// that way: the hash is not known when a side is killed.
constexpr qint64 kLargeFile = MediaPreparer::kHashWhileSendingBytes + (1 << 20);
constexpr double kResumeOverhead = 1.2;        // bytes sent for a file that resumed, at most this times its size
constexpr qint64 kInstantSendBytes = 64 << 10; // requests and TLS, no file data
constexpr qint64 kSmallFile = 3 << 20;
const QString kMessagesFrom =
    QStringLiteral("SELECT COUNT(*) FROM messages WHERE sender_id = (SELECT id FROM users WHERE uid = ?)");

// A file of random bytes, written in pieces.
QString randomFile(const QTemporaryDir &dir, const QString &name, qint64 size)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QRandomGenerator random{QRandomGenerator::global()->generate()}; // new content every time
    QByteArray piece(1 << 20, Qt::Uninitialized);
    for (qint64 written = 0; written < size; written += piece.size()) {
        random.fillRange(reinterpret_cast<quint32 *>(piece.data()), piece.size() / 4);
        file.write(piece.constData(), std::min<qint64>(piece.size(), size - written));
    }
    return path;
}

// A photo larger than what is sent: 3200 × 2000 with some structure, as PNG.
QString photoFile(const QTemporaryDir &dir)
{
    QImage image(3200, 2000, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, 3200, 2000);
    gradient.setColorAt(0, Qt::darkBlue);
    gradient.setColorAt(1, Qt::yellow);
    painter.fillRect(image.rect(), gradient);
    painter.setBrush(Qt::red);
    painter.drawEllipse(QPoint(1600, 1000), 600, 400);
    painter.end();
    const QString path = dir.filePath(u"beach.png"_s);
    return image.save(path) ? path : QString();
}

} // namespace

class TestMedia : public QObject {
    Q_OBJECT

    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<ParleydProcess> m_server;
    QTemporaryDir m_files;

    // The sender's copy is Sent and the receiver has it: the message both sides see.
    std::optional<ChatMessage> waitDelivered(ChatWorld &world, ChatWorld::Person &from, ChatWorld::Person &to)
    {
        std::optional<ChatMessage> got;
        (void)QTest::qWaitFor(
            [&] {
                const auto sent = lastMedia(world.cachedHistory(from, with(to)));
                got = lastMedia(world.cachedHistory(to, with(from)));
                return sent && isAcknowledged(sent->state) && got && sent->serverUid == got->serverUid;
            },
            kWaitMs);
        return got;
    }

    // Sends `path` as a file and cuts the link or kills a side with `disturb` each time another sixth of it
    // has gone up; the file arrives whole and resumed.
    // `sentPath`, if given, is where the file sent is.
    void sendLargeFileDisturbed(ChatWorld &world, ChatWorld::Person &alice, ChatWorld::Person &bob,
                                const std::function<void()> &disturb, int times, QString *sentPath = nullptr)
    {
        const QString path =
            randomFile(m_files, u"large-%1.bin"_s.arg(QRandomGenerator::global()->generate()), kLargeFile);
        if (sentPath)
            *sentPath = path;
        const quint64 before = m_proxy->bytesUp();
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), MediaDraft{path})).ok());
        for (int i = 1; i <= times; ++i) {
            const quint64 mark = before + quint64(kLargeFile) * quint64(i) / quint64(times + 1);
            QVERIFY(QTest::qWaitFor([&] { return m_proxy->bytesUp() >= mark; }, kWaitMs));
            disturb();
        }
        const std::optional<ChatMessage> got = waitDelivered(world, alice, bob);
        QVERIFY(got);
        const quint64 sent = m_proxy->bytesUp() - before;
        qInfo("%d disturbances: %.1f MB sent for a %.1f MB file", times, sent / 1e6, kLargeFile / 1e6);
        QVERIFY2(sent < quint64(kResumeOverhead * kLargeFile), qPrintable(u"sent %1 bytes"_s.arg(sent)));
        QCOMPARE(got->media.size, quint64(kLargeFile));
        const Result<QString> downloaded = awaitAnswer(bob.client->files().download(got->localId), kWaitMs);
        QVERIFY2(downloaded.ok(), qPrintable(downloaded ? QString() : downloaded.error().message));
        QCOMPARE(sha256Of(*downloaded), sha256Of(path));
        QCOMPARE(world.serverValue(kMessagesFrom, {alice.userId}).toInt(), 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        m_proxy = std::make_unique<FaultProxy>(0);
        m_server = std::make_unique<ParleydProcess>(mediaServerArguments(m_proxy->port()));
        QVERIFY(m_server->start());
        m_proxy->setUpstreamPort(m_server->filesPort());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void photoAndFileArriveWhole()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());

        // A photo: compressed, previewed, and on the receiver's disk by itself.
        const QString photo = photoFile(m_files);
        QVERIFY(!photo.isEmpty());
        const Result<ChatMessage> echo =
            awaitAnswer(alice.client->files().send(with(bob), MediaDraft{photo, MediaDraft::Kind::Photo}));
        QVERIFY(echo.ok());
        QCOMPARE(echo->contentType, content::kImage);
        const std::optional<ChatMessage> picture = waitDelivered(world, alice, bob);
        QVERIFY(picture);
        QCOMPARE(picture->contentType, content::kImage);
        QCOMPARE(picture->media.width, 2560);
        QCOMPARE(picture->media.height, 1600);
        QVERIFY(!picture->media.preview.isEmpty());
        QVERIFY(picture->media.preview.size() <= 4096);
        QTRY_VERIFY_WITH_TIMEOUT(!lastMedia(world.cachedHistory(bob, with(alice)))->localPath.isEmpty(), kWaitMs);
        const QString received = lastMedia(world.cachedHistory(bob, with(alice)))->localPath;
        QCOMPARE(sha256Of(received), picture->media.sha256);
        QCOMPARE(QImage(received).size(), QSize(2560, 1600));

        // A file: as it is, downloaded when asked.
        const QString document = randomFile(m_files, u"report.pdf"_s, kSmallFile);
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), MediaDraft{document})).ok());
        const std::optional<ChatMessage> file = waitDelivered(world, alice, bob);
        QVERIFY(file);
        QCOMPARE(file->contentType, content::kFile);
        QCOMPARE(file->media.fileName, u"report.pdf"_s);
        QCOMPARE(file->media.size, quint64(kSmallFile));
        QVERIFY(file->localPath.isEmpty());
        const Result<QString> path = awaitAnswer(bob.client->files().download(file->localId), kWaitMs);
        QVERIFY(path.ok());
        QCOMPARE(sha256Of(*path), sha256Of(document));
        QCOMPARE(world.serverValue(kMessagesFrom, {alice.userId}).toInt(), 2);

        // The same content again, from another copy: the server has it, so no file data goes up.
        const QString copy = m_files.filePath(u"report-copy.pdf"_s);
        QVERIFY(QFile::copy(document, copy));
        const quint64 before = m_proxy->bytesUp();
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), MediaDraft{copy})).ok());
        QVERIFY(waitDelivered(world, alice, bob));
        QTRY_COMPARE_WITH_TIMEOUT(world.serverValue(kMessagesFrom, {alice.userId}).toInt(), 3, kWaitMs);
        qInfo("instant send: %llu bytes to the files port", m_proxy->bytesUp() - before);
        QVERIFY(m_proxy->bytesUp() - before < quint64(kInstantSendBytes));

        // A file made for the message (a recording, a pasted picture) is the sender's cache's once sent: it
        // goes with "clear cache"; one that is replaced by a smaller copy is removed at once.
        const QString recording = randomFile(m_files, u"voice-1.wav"_s, kSmallFile);
        MediaDraft voice{recording, MediaDraft::Kind::Voice, 2000};
        voice.temporary = true;
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), voice)).ok());
        QVERIFY(waitDelivered(world, alice, bob));
        const QString pasted = m_files.filePath(u"pasted-1.png"_s);
        QVERIFY(QFile::copy(photoFile(m_files), pasted));
        MediaDraft big{pasted, MediaDraft::Kind::Photo};
        big.temporary = true;
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), big)).ok());
        QVERIFY(waitDelivered(world, alice, bob));
        QVERIFY(!QFile::exists(pasted));
        QVERIFY(QFile::exists(recording));
        QVERIFY(awaitAnswer(alice.client->files().clearCache()).ok());
        QVERIFY(!QFile::exists(recording));

        // The receiver's cache can be cleared; the file downloads again when needed.
        const Result<quint64> freed = awaitAnswer(bob.client->files().clearCache());
        QVERIFY(freed.ok());
        QVERIFY(*freed >= quint64(kSmallFile));
        QVERIFY(!QFile::exists(*path));
        const Result<QString> again = awaitAnswer(bob.client->files().download(file->localId), kWaitMs);
        QVERIFY(again.ok());
        QCOMPARE(sha256Of(*again), sha256Of(document));

        // A name on the disk may hold a line break and a direction override (which shows "invoice<RLO>fdp.exe"
        // as "invoiceexe.pdf"); parleyd takes only clean names, so the file goes with its name cleaned.
        const QString oddName = randomFile(m_files, u"in\nvoice\u202Efdp.exe"_s, 1000);
        QVERIFY(!oddName.isEmpty());
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), MediaDraft{oddName})).ok());
        const std::optional<ChatMessage> cleaned = waitDelivered(world, alice, bob);
        QVERIFY(cleaned);
        QCOMPARE(cleaned->media.fileName, u"in voice fdp.exe"_s);
    }

    void photoOnTwoDevicesAndItsRecall()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        const QString alicePhone = nextPhone();
        ChatWorld::Person &laptop = world.add(alicePhone);
        ChatWorld::Person &desktop = world.add(alicePhone);
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());

        const QString photo = photoFile(m_files);
        QVERIFY(awaitAnswer(laptop.client->files().send(with(bob), MediaDraft{photo, MediaDraft::Kind::Photo})).ok());
        const std::optional<ChatMessage> atBob = waitDelivered(world, laptop, bob);
        QVERIFY(atBob);
        // The other device has it as its own message, and its picture opens there.
        std::optional<ChatMessage> onDesktop;
        QTRY_VERIFY_WITH_TIMEOUT((onDesktop = lastMedia(world.cachedHistory(desktop, with(bob)))) &&
                                     onDesktop->serverUid == atBob->serverUid,
                                 kWaitMs);
        QVERIFY(onDesktop->outgoing);
        const Result<QString> opened = awaitAnswer(desktop.client->files().download(onDesktop->localId), kWaitMs);
        QVERIFY(opened.ok());
        QCOMPARE(sha256Of(*opened), atBob->media.sha256);

        // Recalled from the laptop: gone from the desktop and from bob, picture and all.
        const auto sent = lastMedia(world.cachedHistory(laptop, with(bob)));
        QVERIFY(awaitAnswer(laptop.client->messages().recall(sent->localId)).ok());
        for (ChatWorld::Person *device : {&desktop, &bob}) {
            const ConversationKey key = device == &bob ? with(laptop) : with(bob);
            QTRY_VERIFY_WITH_TIMEOUT(lastMedia(world.cachedHistory(*device, key))->isRecalled(), kWaitMs);
            const ChatMessage recalled = *lastMedia(world.cachedHistory(*device, key));
            QVERIFY(recalled.media.isEmpty());
            QVERIFY(recalled.localPath.isEmpty());
        }
        const Result<QString> after = awaitAnswer(bob.client->files().download(atBob->localId));
        QVERIFY(!after.ok());
    }

    void chunksGrowOnAFastLinkAndShrinkOnASlowOne()
    {
        using T = UploadTask;
        qint64 chunk = T::kMinChunkBytes;
        chunk = T::nextChunkBytes(chunk, 12); // loopback: 4 MiB in 12 ms
        QCOMPARE(chunk, 2 * T::kMinChunkBytes);
        chunk = T::nextChunkBytes(T::nextChunkBytes(chunk, 20), 40);
        QCOMPARE(chunk, T::kMaxChunkBytes);                           // and no further
        QCOMPARE(T::nextChunkBytes(chunk, T::kTargetChunkMs), chunk); // about the target: kept
        chunk = T::nextChunkBytes(chunk, 3 * T::kTargetChunkMs);      // the link slowed down
        QCOMPARE(chunk, T::kMaxChunkBytes / 2);
        QCOMPARE(T::nextChunkBytes(T::kMinChunkBytes, 60000), T::kMinChunkBytes); // never below
    }

    void aStoppedHashEndsEarly()
    {
        // An upload's hash of a large file stops when its task goes (paused, cancelled, the client closing).
        const QString path = randomFile(m_files, u"hash-me.bin"_s, kSmallFile);
        std::atomic_bool stop = false;
        const Result<QByteArray> whole = sha256OfFile(path, &stop);
        QVERIFY(whole.ok());
        QCOMPARE(whole.value(), sha256Of(path));
        stop = true;
        const Result<QByteArray> stopped = sha256OfFile(path, &stop);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
    }

    void largeUploadResumesAfterCuts()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        QString path;
        sendLargeFileDisturbed(
            world, alice, bob, [this] { m_proxy->cutAll(); }, 4, &path);
        QVERIFY(!QTest::currentTestFailed());

        // It was hashed while it went up: the sender's message has its SHA-256 now, and its own copy.
        const auto sent = lastMedia(world.cachedHistory(alice, with(bob)));
        QVERIFY(sent);
        QCOMPARE(sent->media.sha256, sha256Of(path));
        QCOMPARE(sent->localPath, path);
        // Downloaded through two cuts: it resumes (Range) rather than restarting, and arrives whole.
        const std::optional<ChatMessage> got = lastMedia(world.cachedHistory(bob, with(alice)));
        QVERIFY(got);
        QVERIFY(awaitAnswer(bob.client->files().clearCache()).ok());
        const quint64 downBefore = m_proxy->bytesDown();
        const Answer<QString> downloading = bob.client->files().download(got->localId);
        for (int i = 1; i <= 2; ++i) {
            const quint64 mark = downBefore + quint64(kLargeFile) * quint64(i) / 3;
            QVERIFY(QTest::qWaitFor([&] { return m_proxy->bytesDown() >= mark; }, kWaitMs));
            m_proxy->cutAll();
        }
        const Result<QString> downloaded = awaitAnswer(downloading, kWaitMs);
        QVERIFY2(downloaded.ok(), qPrintable(downloaded ? QString() : downloaded.error().message));
        QCOMPARE(sha256Of(*downloaded), sha256Of(path));
        const quint64 received = m_proxy->bytesDown() - downBefore;
        qInfo("download with 2 cuts: %.1f MB received for a %.1f MB file", received / 1e6, kLargeFile / 1e6);
        QVERIFY2(received < quint64(kResumeOverhead * kLargeFile), qPrintable(u"received %1 bytes"_s.arg(received)));
        // Sent again: a file of its size is stored, so the client hashes first and sends no file data.
        const quint64 before = m_proxy->bytesUp();
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), MediaDraft{path})).ok());
        QTRY_COMPARE_WITH_TIMEOUT(world.serverValue(kMessagesFrom, {alice.userId}).toInt(), 2, kWaitMs);
        qInfo("instant send of a large file: %llu bytes to the files port", m_proxy->bytesUp() - before);
        QVERIFY(m_proxy->bytesUp() - before < quint64(kInstantSendBytes));
    }

    void largeUploadResumesAfterParleydIsKilled()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        sendLargeFileDisturbed(
            world, alice, bob,
            [this] {
                m_server->kill();
                m_proxy->cutAll();
                QVERIFY(m_server->restart());
            },
            2);
    }

    void largeUploadResumesAfterTheClientIsKilled()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        QTemporaryDir dir;
        const QStringList base{u"--port"_s,     QString::number(m_server->tlsPort()),
                               u"--pin"_s,      m_server->fingerprint(),
                               u"--data-dir"_s, dir.path(),
                               u"--peer"_s,     bob.userId};
        const QString phone = nextPhone();
        QString userId, token;
        {
            TestClientProcess client(base + QStringList{u"--login"_s, phone, u"--exit-after-login"_s});
            QVERIFY(!client.waitFor(u"code-requested"_s).isEmpty());
            client.write(m_server->waitForCode(phone));
            const QStringList loggedIn = client.waitFor(u"logged-in"_s);
            userId = loggedIn.value(1);
            token = loggedIn.value(2);
            QVERIFY(client.exitedCleanly());
        }
        const QString path = randomFile(m_files, u"killed.bin"_s, kLargeFile);
        const QStringList resume{u"--user"_s, userId, u"--token"_s, token};
        const quint64 before = m_proxy->bytesUp();
        {
            TestClientProcess client(base + resume + QStringList{u"--send-file"_s, path});
            QVERIFY(!client
                         .waitFor(u"progress"_s,
                                  [](const QStringList &w) { return w.value(1).toLongLong() >= kLargeFile / 3; })
                         .isEmpty());
            client.kill();
        }
        {
            TestClientProcess client(base + resume + QStringList{u"--exit-when-idle"_s});
            QVERIFY(!client.waitFor(u"idle"_s).isEmpty());
            QVERIFY(client.exitedCleanly());
        }
        const quint64 sent = m_proxy->bytesUp() - before;
        qInfo("client killed: %.1f MB sent for a %.1f MB file", sent / 1e6, kLargeFile / 1e6);
        QVERIFY(sent < quint64(kResumeOverhead * kLargeFile));
        std::optional<ChatMessage> got;
        QTRY_VERIFY_WITH_TIMEOUT(
            (got = lastMedia(world.cachedHistory(bob, ConversationKey::withUser(userId)))).has_value(), kWaitMs);
        QCOMPARE(got->media.sha256, sha256Of(path));
        const Result<QString> downloaded = awaitAnswer(bob.client->files().download(got->localId), kWaitMs);
        QVERIFY(downloaded.ok());
        QCOMPARE(sha256Of(*downloaded), sha256Of(path));
    }

    void theFilesPortIsTrustedByItsPinOnly()
    {
        // The right pin reaches parleyd (which refuses a request without a grant); any other certificate is
        // refused before the request is sent.
        QString wrongPin = m_server->fingerprint();
        wrongPin[0] = wrongPin[0] == u'0' ? u'1' : u'0';
        for (const auto &[pin, expected] : {std::pair{m_server->fingerprint(), ErrorCode::PermissionDenied},
                                            std::pair{wrongPin, ErrorCode::TlsFailure}}) {
            FilesEndpoint endpoint(u"127.0.0.1"_s, pin);
            FileReply *reply = endpoint.send("GET", m_server->filesPort(), u"/files/unknown"_s, QString());
            QSignalSpy finished(reply, &FileReply::finished);
            QVERIFY(finished.wait(kWaitMs));
            QCOMPARE(FilesEndpoint::errorOf(reply).code, expected);
            // Refused by the pin: parleyd never saw the request, so there is no HTTP answer at all.
            QCOMPARE(FilesEndpoint::status(reply) == 0, expected == ErrorCode::TlsFailure);
            reply->deleteLater();
        }
    }

    void damagedOnTheServerIsAnErrorOnTheReceiver()
    {
        ChatWorld world(*m_server, m_server->tlsPort(), ChatWorld::quickTimings());
        ChatWorld::Person &alice = world.add(nextPhone());
        ChatWorld::Person &bob = world.add(nextPhone());
        QVERIFY(world.logInAll());
        const QString document = randomFile(m_files, u"damaged.bin"_s, 1 << 20);
        QVERIFY(awaitAnswer(alice.client->files().send(with(bob), MediaDraft{document})).ok());
        const std::optional<ChatMessage> file = waitDelivered(world, alice, bob);
        QVERIFY(file);

        const QString hex = QString::fromLatin1(file->media.sha256.toHex());
        QFile blob(m_server->dataDir() + u"/files/blobs/%1/%2"_s.arg(hex.left(2), hex));
        QVERIFY2(blob.open(QIODevice::ReadWrite), qPrintable(blob.fileName()));
        blob.seek(1000);
        blob.write("damage");
        blob.close();

        const Result<QString> downloaded = awaitAnswer(bob.client->files().download(file->localId), kWaitMs);
        QVERIFY(!downloaded.ok());
        QCOMPARE(downloaded.error().code, ErrorCode::FileCorrupt);
        const QString mediaDir = bob.dir->path();
        QDirIterator it(mediaDir, {u"damaged*"_s}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY2(!it.hasNext(), "a damaged download is not kept");
    }
};

QTEST_GUILESS_MAIN(TestMedia)
#include "tst_media.moc"
