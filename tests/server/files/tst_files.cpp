// The files port against a real parleyd over real HTTPS: tus 1.0 uploads (creation, HEAD, PATCH, checksum,
// termination), downloads with Range, resuming after a cut link and after parleyd was SIGKILLed in the middle
// of a PATCH, instant send with a proof of possession (a hash alone gets nothing), media messages that carry
// a stored file, bad input that gets an error and breaks nothing, and the client's files endpoint pausing a
// download for a reader that falls behind.

#include "parley.pb.h"
#include "core/files/filesendpoint.h"
#include "protocol/limits.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/parleydtestcase.h"
#include "tests/support/rawmessages.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1 << 20;
constexpr qint64 kCheckpointBytes = 8 * kMiB;    // TransferServer::kCheckpointBytes
constexpr qint64 kMinCheckpointBytes = 2 * kMiB; // TransferServer::kMinCheckpointBytes
constexpr int kQuietMs = 300;                 // long enough for many MiB to arrive over loopback
constexpr int kCapMiB = 1;                    // --transfer-max-rate of aCapPacesUploadsAndDownloads
constexpr qint64 kCappedBytes = 2 * kMiB;     // two seconds' worth at that cap
constexpr qint64 kCappedMinMs = 1800;         // less a pause's burst, and slack (unpaced: 1.4 s and 0.1 s here)

} // namespace

class TestFiles : public ParleydTestCase {
    Q_OBJECT

    quint32 m_seed = 1;
    int m_uuid = 1000;

    RawUser person() { return rawUser(*m_server, nextPhone()); }
    HttpsPeer https() { return HttpsPeer(m_server->fingerprint(), m_server->filesPort()); }
    QByteArray content(qsizetype size) { return files::randomBytes(size, m_seed++); }

    // A new user's upload of `bytes`, created (tus POST) through `peer`.
    struct Started {
        RawUser user;
        QString grant;
        QString upload;
    };
    Started startUpload(HttpsPeer &peer, const QByteArray &bytes)
    {
        Started s{person(), {}, {}};
        s.grant = files::uploadGrant(*s.user.link, bytes);
        s.upload = peer.create(s.grant, bytes);
        return s;
    }
    // A new user's upload of `bytes`, whole in one PATCH: the user and the file's id.
    std::pair<RawUser, QString> uploadWhole(HttpsPeer &peer, const QByteArray &bytes)
    {
        Started s = startUpload(peer, bytes);
        const auto sent = peer.patch(s.grant, s.upload, 0, bytes);
        [&] { QCOMPARE(sent.status, 204); }();
        return {std::move(s.user), QString::fromLatin1(sent.header("Parley-File-Id"))};
    }

private Q_SLOTS:
    void tusUploadAndRangedDownload()
    {
        RawUser alice = person(), bob = person();
        HttpsPeer peer = https();

        const auto options = peer.request("OPTIONS", u"/files"_s);
        QCOMPARE(options.status, 204);
        QCOMPARE(options.header("Tus-Version"), "1.0.0");
        QVERIFY(options.header("Tus-Extension").contains("creation"));
        QVERIFY(options.header("Tus-Extension").contains("termination"));
        QCOMPARE(options.header("Tus-Max-Size").toLongLong(), qint64(limits::kDefaultMaxFileSizeMiB) * kMiB);

        const QByteArray bytes = content(5 * kMiB + 123);
        const v1::Result token = files::uploadToken(*alice.link, bytes);
        QCOMPARE(token.code(), v1::ERR_NONE);
        QCOMPARE(token.upload_token().port(), quint32(m_server->filesPort()));
        QVERIFY(!token.upload_token().has_challenge()); // nobody has these bytes yet
        const QString grant = QString::fromStdString(token.upload_token().grant());

        const QString upload = peer.create(grant, bytes);
        QVERIFY2(upload.startsWith(u"/files/uploads/"_s), qPrintable(peer.lastResponse().error));
        QCOMPARE(peer.lastResponse().header("Upload-Offset"), "0");
        QCOMPARE(peer.offset(grant, upload), 0);

        auto first = peer.patch(grant, upload, 0, bytes.first(3 * kMiB));
        QVERIFY2(first.status == 204, qPrintable(first.error));
        QCOMPARE(first.header("Upload-Offset").toLongLong(), 3 * kMiB);
        QVERIFY(first.header("Parley-File-Id").isEmpty()); // not finished
        QCOMPARE(peer.offset(grant, upload), 3 * kMiB);

        // A PATCH at the wrong offset is refused with the right one.
        const auto wrong = peer.patch(grant, upload, 1, bytes.mid(1, 10));
        QCOMPARE(wrong.status, 409);
        QCOMPARE(wrong.header("Upload-Offset").toLongLong(), 3 * kMiB);
        // Someone else's grant does not see the upload.
        QCOMPARE(peer.offset(files::uploadGrant(*bob.link, bytes), upload), -1);
        QCOMPARE(peer.lastResponse().status, 404);

        const auto last = peer.patch(grant, upload, 3 * kMiB, bytes.mid(3 * kMiB));
        QCOMPARE(last.status, 204);
        const QString fileId = QString::fromLatin1(last.header("Parley-File-Id"));
        QCOMPARE(fileId.size(), 32); // 128 random bits
        QCOMPARE(peer.offset(grant, upload), -1); // the upload became the file

        // The uploader fetches it whole and in ranges.
        const QString download = files::downloadGrant(*alice.link);
        QVERIFY(!download.isEmpty());
        const auto whole = peer.get(download, fileId);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body.size(), bytes.size());
        QVERIFY(whole.body == bytes);
        QCOMPARE(whole.header("ETag"), '"' + files::sha256(bytes).toHex() + '"');
        QCOMPARE(whole.header("Accept-Ranges"), "bytes");
        QCOMPARE(whole.header("Content-Type"), "application/octet-stream");
        QCOMPARE(whole.header("X-Content-Type-Options"), "nosniff");
        QCOMPARE(whole.header("Content-Disposition"), "attachment");
        const auto middle = peer.get(download, fileId, "bytes=1000-1999");
        QCOMPARE(middle.status, 206);
        QVERIFY(middle.body == bytes.mid(1000, 1000));
        QCOMPARE(middle.header("Content-Range"), "bytes 1000-1999/" + QByteArray::number(bytes.size()));
        const auto tail = peer.get(download, fileId, "bytes=-10");
        QCOMPARE(tail.status, 206);
        QVERIFY(tail.body == bytes.right(10));
        const auto beyond = peer.get(download, fileId, "bytes=" + QByteArray::number(bytes.size()) + "-");
        QCOMPARE(beyond.status, 416);

        // Bob may not fetch it until a message carries it to him; then he may, with the server's facts.
        const QString bobDownload = files::downloadGrant(*bob.link);
        QCOMPARE(peer.get(bobDownload, fileId).status, 404);
        v1::Message message = files::mediaTo(bob.id(), v1::CONTENT_FILE, fileId, testUuid(m_uuid++));
        message.mutable_content()->mutable_media()->set_size(1);               // wrong: the server corrects it
        message.mutable_content()->mutable_media()->set_mime_type("text/lie"); // likewise
        QCOMPARE(alice.link->call(SubSignal::MS, message)->code(), v1::ERR_NONE);
        const auto item = bob.link->waitForItem([](const v1::InboxItem &i) { return i.has_message(); });
        QVERIFY(item);
        const v1::MediaInfo &media = item->message().content().media();
        QCOMPARE(QString::fromStdString(media.file_id()), fileId);
        QCOMPARE(media.size(), quint64(bytes.size()));
        QCOMPARE(QByteArray::fromStdString(media.sha256()), files::sha256(bytes));
        QCOMPARE(media.mime_type(), "application/octet-stream");
        QCOMPARE(media.file_name(), "test.bin");
        const auto received = peer.get(bobDownload, fileId);
        QCOMPARE(received.status, 200);
        QVERIFY(received.body == bytes);
    }

    void checksumsAndTermination()
    {
        HttpsPeer peer = https();
        const QByteArray bytes = content(1 * kMiB);
        const auto [alice, grant, upload] = startUpload(peer, bytes);
        QVERIFY(!upload.isEmpty());

        // A chunk whose checksum does not match is dropped whole (tus: 460); the offset stays.
        const auto bad = peer.patch(grant, upload, 0, bytes.first(1000), files::sha256("something else"));
        QCOMPARE(bad.status, 460);
        QCOMPARE(bad.errorCode(), int(v1::ERR_FILE_CORRUPT));
        QCOMPARE(peer.offset(grant, upload), 0);
        const auto good = peer.patch(grant, upload, 0, bytes.first(1000), files::sha256(bytes.first(1000)));
        QCOMPARE(good.status, 204);
        QCOMPARE(peer.offset(grant, upload), 1000);
        // Only sha256.
        QCOMPARE(peer.request("PATCH", upload,
                              {{"Content-Type", "application/offset+octet-stream"}, {"Upload-Offset", "1000"},
                               {"Upload-Checksum", "md5 AAAA"}},
                              "x", grant)
                     .status,
                 400);

        // Termination: the upload and its bytes are gone.
        QCOMPARE(peer.request("DELETE", upload, {}, {}, grant).status, 204);
        QCOMPARE(peer.offset(grant, upload), -1);

        // Bytes that are not what the upload declared never become a file.
        const QByteArray other = content(100 * 1024);
        const QString lying = peer.create(grant, other, files::sha256(bytes));
        QVERIFY(!lying.isEmpty());
        const auto end = peer.patch(grant, lying, 0, other);
        QCOMPARE(end.status, 422);
        QCOMPARE(end.errorCode(), int(v1::ERR_FILE_CORRUPT));
        QVERIFY(end.header("Parley-File-Id").isEmpty());
        QCOMPARE(peer.offset(grant, lying), -1);

        // A checksummed chunk longer than a checkpoint (none are taken in one: nothing is kept before its end).
        const QByteArray large = content(kCheckpointBytes + kMiB);
        const QString whole = peer.create(grant, large);
        const auto done = peer.patch(grant, whole, 0, large, files::sha256(large));
        QCOMPARE(done.status, 204);
        QVERIFY(!done.header("Parley-File-Id").isEmpty());
    }

    void aReaderThatFallsBehindPausesTheDownload()
    {
        // The client's files endpoint (libcurl on its transfer thread) holds at most
        // TransferThread::kMaxUnreadBytes of a body nobody has read (one not written to a file); then the
        // transfer waits, and it goes on, whole, when the reader catches up.
        HttpsPeer peer = https();
        const QByteArray bytes = content(24 * kMiB);
        const auto [alice, fileId] = uploadWhole(peer, bytes);
        QVERIFY(!QTest::currentTestFailed());

        FilesEndpoint endpoint(u"127.0.0.1"_s, m_server->fingerprint());
        std::unique_ptr<FileReply> reply(
            endpoint.send("GET", m_server->filesPort(), u"/files/"_s + fileId, files::downloadGrant(*alice.link)));
        QSignalSpy finished(reply.get(), &FileReply::finished);
        QSignalSpy arrived(reply.get(), &FileReply::readyRead);
        constexpr qint64 kBound = TransferThread::kMaxUnreadBytes + TransferThread::kPostBytes;
        while (reply->bytesAvailable() < TransferThread::kMaxUnreadBytes && finished.isEmpty())
            QVERIFY(arrived.wait(HttpsPeer::kWaitMs));
        QVERIFY(!finished.wait(kQuietMs)); // paused, not finished: 20 MiB are still to come
        QVERIFY2(reply->bytesAvailable() <= kBound, QByteArray::number(reply->bytesAvailable()).constData());

        QByteArray received = reply->readAll();
        connect(reply.get(), &FileReply::readyRead, this, [&] {
            QVERIFY(reply->bytesAvailable() <= kBound);
            received += reply->readAll();
        });
        QVERIFY(finished.count() == 1 || finished.wait(HttpsPeer::kWaitMs));
        received += reply->readAll();
        QVERIFY(!reply->transportError().isError());
        QCOMPARE(reply->status(), 200);
        QCOMPARE(received.size(), bytes.size());
        QVERIFY(received == bytes);
    }

    void aDownloadIsWrittenToItsFileAndResumesInIt()
    {
        // A download with a sink file is written there by the transfer thread, which says how far it got.
        HttpsPeer peer = https();
        const QByteArray bytes = content(12 * kMiB);
        const auto [alice, fileId] = uploadWhole(peer, bytes);
        QVERIFY(!QTest::currentTestFailed());
        const QString path = u"/files/"_s + fileId;
        const QString download = files::downloadGrant(*alice.link);
        QTemporaryDir dir;
        const QString part = dir.filePath(u"file.part"_s);
        FilesEndpoint endpoint(u"127.0.0.1"_s, m_server->fingerprint());
        const auto fetch = [&](const QString &sink, qint64 offset) {
            std::unique_ptr<FileReply> reply(endpoint.download(m_server->filesPort(), path, download, sink, offset));
            QSignalSpy finished(reply.get(), &FileReply::finished);
            QSignalSpy written(reply.get(), &FileReply::written);
            [&] { QVERIFY(finished.wait(HttpsPeer::kWaitMs)); }();
            return std::make_tuple(std::move(reply), qsizetype(written.count()));
        };
        const auto contents = [&] {
            QFile file(part);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };

        QVERIFY(QFile(part).open(QIODevice::WriteOnly)); // the caller makes the file
        const auto [whole, reports] = fetch(part, 0);
        QVERIFY(!whole->transportError().isError());
        QCOMPARE(whole->status(), 200);
        QCOMPARE(whole->writtenTo(), bytes.size());
        QCOMPARE(whole->bytesAvailable(), 0); // nothing of it held in memory
        QVERIFY2(reports >= bytes.size() / TransferThread::kSinkReportBytes, QByteArray::number(reports).constData());
        QVERIFY(contents() == bytes);

        // Resumed at 5 MiB of a partial file that holds more, past the file's end (bytes beyond the offset are
        // not trusted): the rest is written from there, and the file is the whole file again, no longer.
        const qint64 offset = 5 * kMiB;
        {
            QFile file(part);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray stray(bytes.size(), 'x');
            QVERIFY(file.write(bytes.first(offset) + stray) == offset + stray.size());
        }
        const auto [rest, restReports] = fetch(part, offset);
        QCOMPARE(rest->status(), 206);
        QCOMPARE(rest->writtenTo(), bytes.size());
        QCOMPARE(QFileInfo(part).size(), bytes.size());
        QVERIFY(contents() == bytes);

        // A sink that cannot be written: the transfer fails with that, in words.
        const auto [failed, none] = fetch(dir.path(), 0);
        QCOMPARE(failed->transportError().code, ErrorCode::StorageFailure);
    }

    void resumesAfterACut()
    {
        HttpsPeer peer = https();
        const QByteArray bytes = content(3 * kMiB);
        const auto [alice, grant, upload] = startUpload(peer, bytes);
        QVERIFY(!upload.isEmpty());

        // The link goes after 1.5 MiB of a 3 MiB PATCH: what arrived is kept, and the upload goes on from there.
        const qint64 sent = 3 * kMiB / 2;
        QVERIFY(peer.cutPatch(grant, upload, 0, quint64(bytes.size()), bytes.first(sent)));
        QCOMPARE(peer.offset(grant, upload), sent);
        const auto rest = peer.patch(grant, upload, quint64(sent), bytes.mid(sent));
        QCOMPARE(rest.status, 204);
        const QString fileId = QString::fromLatin1(rest.header("Parley-File-Id"));
        QVERIFY(!fileId.isEmpty());
        QVERIFY(peer.get(files::downloadGrant(*alice.link), fileId).body == bytes);
    }

    void aCapPacesUploadsAndDownloads()
    {
        // --transfer-max-rate: the files port moves at most this many MiB a second, all transfers together.
        ParleydProcess capped(
            {u"--code-address-per-hour"_s, u"0"_s, u"--transfer-max-rate"_s, QString::number(kCapMiB)});
        QVERIFY(capped.start());
        {
            RawUser alice = rawUser(capped, nextPhone());
            HttpsPeer peer(capped.fingerprint(), capped.filesPort());
            const QByteArray bytes = content(kCappedBytes);
            const QString grant = files::uploadGrant(*alice.link, bytes);
            const QString upload = peer.create(grant, bytes);
            QVERIFY(!upload.isEmpty());
            QElapsedTimer timer;
            timer.start();
            const auto sent = peer.patch(grant, upload, 0, bytes);
            QCOMPARE(sent.status, 204);
            const qint64 uploadMs = timer.restart();
            const auto fetched =
                peer.get(files::downloadGrant(*alice.link), QString::fromLatin1(sent.header("Parley-File-Id")));
            const qint64 downloadMs = timer.elapsed();
            QCOMPARE(fetched.status, 200);
            QVERIFY(fetched.body == bytes);
            QVERIFY2(uploadMs >= kCappedMinMs, qPrintable(QString::number(uploadMs)));
            QVERIFY2(downloadMs >= kCappedMinMs, qPrintable(QString::number(downloadMs)));
        }
        QCOMPARE(capped.stop(), 0);
    }

    void patchWaitsForContinue()
    {
        // curl and other HTTP stacks ask for "100 Continue" before a large body and wait for it (curl for a
        // second, then sends anyway): parleyd answers at once, and a refusal comes instead of it, with the
        // link closed, so that no body is sent in vain.
        HttpsPeer peer = https();
        const QByteArray bytes = content(2 * kMiB);
        const auto [alice, grant, upload] = startUpload(peer, bytes);
        QVERIFY(!upload.isEmpty());
        std::unique_ptr<QSslSocket> link;
        QCOMPARE(peer.startPatchExpectingContinue(grant, upload, 0, quint64(kMiB), link), 100);
        link->write(bytes.first(kMiB));
        QCOMPARE(HttpsPeer::readStatus(*link), 204);
        QCOMPARE(peer.offset(grant, upload), kMiB);

        std::unique_ptr<QSslSocket> refused;
        QCOMPARE(peer.startPatchExpectingContinue(u"not-a-grant"_s, upload, 0, quint64(bytes.size()), refused), 401);
        QVERIFY(refused->state() == QAbstractSocket::UnconnectedState ||
                refused->waitForDisconnected(HttpsPeer::kWaitMs));
    }

    void resumesAfterParleydWasKilledMidPatch()
    {
        const QByteArray bytes = content(12 * kMiB);
        const TestLogin alice = newUser();
        QString grant, upload;
        qint64 seen = -1;
        {
            auto link = connectRaw(*m_server, alice);
            QVERIFY(link);
            HttpsPeer peer = https();
            grant = files::uploadGrant(*link, bytes);
            upload = peer.create(grant, bytes);
            QVERIFY(!upload.isEmpty());
            // One long PATCH: past its first checkpoint (durable, recorded), then parleyd dies mid-body. Which
            // checkpoint is the last one depends on how fast the disk syncs (one is taken at most kCheckpointBytes
            // after the one before, and none while the body stalls), so the test remembers the one it saw.
            const auto patch = peer.startPatch(grant, upload, 0, quint64(bytes.size()), bytes.first(10 * kMiB));
            QVERIFY(patch);
            QVERIFY(QTest::qWaitFor(
                [&] {
                    seen = peer.offset(grant, upload);
                    return seen >= kMinCheckpointBytes;
                },
                HttpsPeer::kWaitMs));
            m_server->kill();
        }
        QVERIFY(m_server->restart());
        HttpsPeer peer = https();
        // The grant outlives the restart (signed, not stored); the offset is the last checkpoint (at least the
        // one seen, at most what was sent), and bytes written after it but never acknowledged are not kept.
        const qint64 offset = peer.offset(grant, upload);
        QVERIFY2(offset >= seen && offset <= 10 * kMiB,
                 QByteArray(QByteArray::number(offset) + " after " + QByteArray::number(seen)).constData());
        const auto rest = peer.patch(grant, upload, quint64(offset), bytes.mid(offset));
        QCOMPARE(rest.status, 204);
        const QString fileId = QString::fromLatin1(rest.header("Parley-File-Id"));
        QVERIFY(!fileId.isEmpty());
        auto link = connectRaw(*m_server, alice);
        QVERIFY(link);
        QVERIFY(peer.get(files::downloadGrant(*link), fileId).body == bytes);
    }

    void instantSendNeedsTheBytes()
    {
        RawUser alice = person(), bob = person(), mallory = person();
        HttpsPeer peer = https();
        const QByteArray bytes = content(300 * 1024);
        const QString aliceFile = peer.upload(files::uploadGrant(*alice.link, bytes), bytes);
        QVERIFY(!aliceFile.isEmpty());

        // Bob has the same bytes: he is challenged instead of given an upload grant.
        const v1::Result asked = files::uploadToken(*bob.link, bytes);
        QCOMPARE(asked.code(), v1::ERR_NONE);
        QVERIFY(asked.upload_token().grant().empty());
        QVERIFY(asked.upload_token().has_challenge());
        const v1::PossessionChallenge challenge = asked.upload_token().challenge();
        QCOMPARE(challenge.length(), quint64(64 * 1024));
        QVERIFY(challenge.offset() + challenge.length() <= quint64(bytes.size()));
        const QString token = QString::fromStdString(challenge.token());

        // Mallory knows the hash and the size, not the bytes: every guess is refused, and so is Bob's token.
        const v1::Result malloryAsked = files::uploadToken(*mallory.link, bytes);
        QVERIFY(malloryAsked.upload_token().has_challenge());
        const QString malloryToken = QString::fromStdString(malloryAsked.upload_token().challenge().token());
        QCOMPARE(files::uploadToken(*mallory.link, bytes, malloryToken, files::sha256(bytes)).code(),
                 v1::ERR_PROOF_FAILED);
        QCOMPARE(files::uploadToken(*mallory.link, bytes, malloryToken, QByteArray(32, 'x')).code(),
                 v1::ERR_PROOF_FAILED);
        QCOMPARE(files::uploadToken(*mallory.link, bytes, token, files::proofFor(challenge, bytes)).code(),
                 v1::ERR_PROOF_FAILED); // Bob's challenge is Bob's

        // Bob proves it: a file of his own, no byte uploaded, and it reaches Alice like any other.
        const v1::Result proved = files::uploadToken(*bob.link, bytes, token, files::proofFor(challenge, bytes));
        QCOMPARE(proved.code(), v1::ERR_NONE);
        const QString bobFile = QString::fromStdString(proved.upload_token().file_id());
        QVERIFY(!bobFile.isEmpty());
        QVERIFY(bobFile != aliceFile);
        QVERIFY(peer.get(files::downloadGrant(*bob.link), bobFile).body == bytes);
        QCOMPARE(peer.get(files::downloadGrant(*mallory.link), bobFile).status, 404);
        QCOMPARE(bob.link->call(SubSignal::MS, files::mediaTo(mallory.id(), v1::CONTENT_FILE, aliceFile,
                                                               testUuid(m_uuid++)))
                     ->code(),
                 v1::ERR_NOT_FOUND); // Bob cannot send Alice's file: he may not read it
    }

    void aSenderMaySendWhileHashingAndDeclareTheHashLast()
    {
        RawUser alice = person(), bob = person();
        HttpsPeer peer = https();
        const QByteArray bytes = content(3 * kMiB + 17); // a size no stored file has
        const QByteArray hash = files::sha256(bytes);
        const auto askWithoutHash = [&](RawUser &user, qsizetype size) {
            v1::UploadTokenRequest r;
            r.set_size(quint64(size));
            r.set_file_name("big.bin");
            return social::call(*user.link, SubSignal::GQNUT, r);
        };
        const v1::Result token = askWithoutHash(alice, bytes.size());
        QCOMPARE(token.code(), v1::ERR_NONE);
        QVERIFY(!token.upload_token().hash_first()); // nothing of its size: send at once
        const QString grant = QString::fromStdString(token.upload_token().grant());
        QVERIFY(!grant.isEmpty());
        const auto create = [&] {
            const auto r = peer.request("POST", u"/files"_s,
                                        {{"Upload-Length", QByteArray::number(bytes.size())},
                                         {"Upload-Metadata", "filename " + QByteArray("big.bin").toBase64()}},
                                        {}, grant);
            return r.status == 201 ? QString::fromLatin1(r.header("Location")) : QString();
        };
        const auto patch = [&](const QString &upload, qsizetype from, qsizetype length, const QByteArray &declared) {
            QHash<QByteArray, QByteArray> headers{{"Content-Type", "application/offset+octet-stream"},
                                                  {"Upload-Offset", QByteArray::number(from)}};
            if (!declared.isEmpty())
                headers.insert("Parley-Sha256", declared.toBase64());
            return peer.request("PATCH", upload, headers, bytes.mid(from, length), grant);
        };

        // The last bytes without the hash: whole, but not a file until a PATCH says what it is.
        QString upload = create();
        QVERIFY2(!upload.isEmpty(), qPrintable(peer.lastResponse().error));
        QCOMPARE(patch(upload, 0, 2 * kMiB, {}).status, 204);
        const auto unnamed = patch(upload, 2 * kMiB, bytes.size(), {});
        QCOMPARE(unnamed.status, 400);
        QVERIFY(unnamed.header("Parley-File-Id").isEmpty());
        QCOMPARE(peer.offset(grant, upload), bytes.size());
        // A malformed hash is refused; a wrong one drops the upload.
        QCOMPARE(patch(upload, bytes.size(), 0, "short").status, 400);
        QCOMPARE(peer.offset(grant, upload), bytes.size());
        QCOMPARE(patch(upload, bytes.size(), 0, files::sha256("other")).status, 422); // ERR_FILE_CORRUPT
        QCOMPARE(peer.offset(grant, upload), -1);

        // Again, the hash with the last bytes: a file, whose SHA-256 is the one parleyd checked.
        upload = create();
        QCOMPARE(patch(upload, 0, 2 * kMiB, {}).status, 204);
        const auto named = patch(upload, 2 * kMiB, bytes.size(), hash);
        QCOMPARE(named.status, 204);
        const QString fileId = QString::fromLatin1(named.header("Parley-File-Id"));
        QVERIFY(!fileId.isEmpty());
        const auto fetched = peer.get(files::downloadGrant(*alice.link), fileId);
        QVERIFY(fetched.body == bytes);
        QCOMPARE(fetched.header("ETag"), '"' + hash.toHex() + '"');

        // Now a file of that size is stored: a sender without the hash is told to hash first, and with it
        // is challenged (instant send), so nothing is sent twice.
        QVERIFY(askWithoutHash(bob, bytes.size()).upload_token().hash_first());
        QVERIFY(!askWithoutHash(bob, bytes.size() + 1).upload_token().hash_first());
        QVERIFY(files::uploadToken(*bob.link, bytes).upload_token().has_challenge());
    }

    void mediaMessagesAreChecked()
    {
        RawUser alice = person(), bob = person();
        HttpsPeer peer = https();
        const QByteArray bytes = content(10 * 1024);
        const QString fileId = peer.upload(files::uploadGrant(*alice.link, bytes), bytes);
        QVERIFY(!fileId.isEmpty());
        auto send = [&](v1::Message m) { return alice.link->call(SubSignal::MS, m)->code(); };

        v1::Message noFile = files::mediaTo(bob.id(), v1::CONTENT_IMAGE, {}, testUuid(m_uuid++));
        QCOMPARE(send(noFile), v1::ERR_MALFORMED_REQUEST);
        v1::Message textWithFile = files::mediaTo(bob.id(), v1::CONTENT_TEXT, fileId, testUuid(m_uuid++));
        textWithFile.mutable_content()->set_searchable_content("hi");
        QCOMPARE(send(textWithFile), v1::ERR_MALFORMED_REQUEST);
        v1::Message textWithName = textWithFile; // a description alone would go unchecked: refused too
        textWithName.set_client_uuid(testUuid(m_uuid++).toStdString());
        textWithName.mutable_content()->mutable_media()->clear_file_id();
        textWithName.mutable_content()->mutable_media()->set_file_name("two\nlines");
        QCOMPARE(send(textWithName), v1::ERR_MALFORMED_REQUEST);
        v1::Message bigPreview = files::mediaTo(bob.id(), v1::CONTENT_IMAGE, fileId, testUuid(m_uuid++));
        bigPreview.mutable_content()->mutable_media()->set_preview(std::string(limits::kMaxPreviewBytes + 1, 'p'));
        QCOMPARE(send(bigPreview), v1::ERR_TOO_LARGE);
        v1::Message longWave = files::mediaTo(bob.id(), v1::CONTENT_VOICE, fileId, testUuid(m_uuid++));
        longWave.mutable_content()->mutable_media()->set_waveform(std::string(limits::kMaxWaveformLevels + 1, 'w'));
        QCOMPARE(send(longWave), v1::ERR_TOO_LARGE);
        v1::Message badUrl = files::mediaTo(bob.id(), v1::CONTENT_IMAGE, {}, testUuid(m_uuid++));
        badUrl.mutable_content()->set_remote_media_url("file:///etc/passwd");
        QCOMPARE(send(badUrl), v1::ERR_MALFORMED_REQUEST);
        // A file's name is one clean line ("invoice<RLO>fdp.exe" would read "invoiceexe.pdf"), in the message as in
        // the request to upload.
        v1::Message spoofed = files::mediaTo(bob.id(), v1::CONTENT_FILE, fileId, testUuid(m_uuid++));
        spoofed.mutable_content()->mutable_media()->set_file_name(u"invoice\u202Efdp.exe"_s.toStdString());
        QCOMPARE(send(spoofed), v1::ERR_MALFORMED_REQUEST);
        v1::UploadTokenRequest twoLines;
        twoLines.set_size(10);
        twoLines.set_file_name("notes\n.txt");
        QCOMPARE(social::call(*alice.link, SubSignal::GQNUT, twoLines).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(send(files::mediaTo(bob.id(), v1::CONTENT_IMAGE, u"0123456789abcdef0123456789abcdef"_s,
                                     testUuid(m_uuid++))),
                 v1::ERR_NOT_FOUND);

        // Voice with its waveform and duration, a picture with its size and preview: kept as sent.
        v1::Message voice = files::mediaTo(bob.id(), v1::CONTENT_VOICE, fileId, testUuid(m_uuid++));
        voice.mutable_content()->mutable_media()->set_duration_ms(12000);
        voice.mutable_content()->mutable_media()->set_waveform(std::string(limits::kMaxWaveformLevels, '\x80'));
        QCOMPARE(send(voice), v1::ERR_NONE);
        v1::Message picture = files::mediaTo(bob.id(), v1::CONTENT_IMAGE, fileId, testUuid(m_uuid++));
        picture.mutable_content()->mutable_media()->set_width(4000);
        picture.mutable_content()->mutable_media()->set_height(3000);
        picture.mutable_content()->mutable_media()->set_preview(std::string(limits::kMaxPreviewBytes, 'p'));
        QCOMPARE(send(picture), v1::ERR_NONE);
        const auto gotVoice = bob.link->waitForItem(
            [](const v1::InboxItem &i) { return i.message().content().type() == v1::CONTENT_VOICE; });
        QVERIFY(gotVoice);
        QCOMPARE(gotVoice->message().content().media().duration_ms(), 12000u);
        QCOMPARE(gotVoice->message().content().media().waveform().size(), size_t(limits::kMaxWaveformLevels));
        const auto gotPicture = bob.link->waitForItem(
            [](const v1::InboxItem &i) { return i.message().content().type() == v1::CONTENT_IMAGE; });
        QVERIFY(gotPicture);
        QCOMPARE(gotPicture->message().content().media().width(), 4000u);
        QCOMPARE(gotPicture->message().content().media().preview().size(), size_t(limits::kMaxPreviewBytes));
    }

    void badRequestsGetErrors()
    {
        RawUser alice = person();
        HttpsPeer peer = https();
        const QByteArray bytes = content(1000);
        const QString grant = files::uploadGrant(*alice.link, bytes);
        const QString download = files::downloadGrant(*alice.link);

        QCOMPARE(peer.request("GET", u"/"_s).status, 404);
        QCOMPARE(peer.request("POST", u"/files"_s, {{"Upload-Length", "1000"}}).status, 401); // no grant
        QCOMPARE(peer.request("POST", u"/files"_s, {{"Upload-Length", "1000"}}, {}, download).status,
                 401); // a download grant does not upload
        QCOMPARE(peer.request("POST", u"/files"_s, {{"Upload-Length", "1000"}}, {}, grant + u"x"_s).status, 401);
        const auto noLength = peer.request("POST", u"/files"_s, {}, {}, grant);
        QCOMPARE(noLength.status, 400);
        QCOMPARE(noLength.errorCode(), int(v1::ERR_MALFORMED_REQUEST));
        QCOMPARE(
            peer.request("POST", u"/files"_s,
                         {{"Upload-Length", "1000"}, {"Upload-Metadata", "sha256 " + QByteArray("short").toBase64()}},
                         {}, grant)
                .status,
            400); // a SHA-256 that is not one (none at all is a sender hashing while it sends)
        const QString upload = peer.create(grant, bytes);
        QCOMPARE(peer.request("PATCH", upload, {{"Upload-Offset", "0"}, {"Content-Type", "text/plain"}}, "x", grant)
                     .status,
                 415);
        QCOMPARE(peer.patch(grant, upload, 0, bytes + "more").status, 413); // beyond the declared length
        QCOMPARE(peer.get(download, u"../../parleyd.sqlite"_s).status, 404);
        QCOMPARE(peer.get(grant, u"whatever"_s).status, 401); // an upload grant does not download

        // Garbage, a header too long, TLS then silence: each link closes; parleyd goes on.
        QVERIFY(peer.sendRaw("\x16\x03\x01 this is not HTTP\r\n\r\n"));
        QVERIFY(peer.sendRaw("GET /files/x HTTP/1.1\r\nX: " + QByteArray(64 * 1024, 'a') + "\r\n\r\n"));
        QVERIFY(peer.sendRaw({}));
        QCOMPARE(peer.request("OPTIONS", u"/files"_s).status, 204);
        const auto done = peer.patch(grant, upload, 0, bytes);
        QCOMPARE(done.status, 204);
        QVERIFY(!done.header("Parley-File-Id").isEmpty());

        // A file's type is a media type and no more (nothing can reach a header through it); it is served as said
        // only for pictures, sound and video, and a page or a script as plain bytes.
        peer.setMimeType("text/plain\r\nSet-Cookie: a=b");
        const QByteArray smuggler = content(1001);
        QVERIFY(peer.create(files::uploadGrant(*alice.link, smuggler), smuggler).isEmpty());
        QCOMPARE(peer.lastResponse().status, 400);
        const auto servedAs = [&](const QByteArray &type) {
            peer.setMimeType(type);
            const QByteArray unique = content(1002) + type;
            const QString fileId = peer.upload(files::uploadGrant(*alice.link, unique), unique);
            return fileId.isEmpty() ? QByteArray("not uploaded") : peer.get(download, fileId).header("Content-Type");
        };
        QCOMPARE(servedAs("image/png"), "image/png");
        QCOMPARE(servedAs("audio/ogg"), "audio/ogg");
        QCOMPARE(servedAs("text/html"), "application/octet-stream");
        QCOMPARE(servedAs("image/svg+xml"), "application/octet-stream");
    }
};

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"
