// Who may fetch a file, and what stops an upload, against a real parleyd over real HTTPS: the privacy matrix
// (uploader, recipient, group member, removed member, late joiner, stranger, no grant, expired grant, unknown
// id, recalled message), the largest file, the quota, a disk that fills up (a small filesystem the test
// mounts) while chats go on, the collection of abandoned uploads and files no message carries, and avatars (whose
// pictures may be set, who may fetch them, and that a replaced one is collected).

#include "parley.pb.h"
#include "protocol/limits.h"
#include "tests/support/filecalls.h"
#include "tests/support/httpspeer.h"
#include "tests/support/parleydprocess.h"
#include "tests/support/rawmessages.h"
#include "tests/support/socialcalls.h"
#include "tests/support/testphones.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace parley;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1 << 20;
constexpr int kGrantTtlS = 2; // the matrix server's grants: short, so that one can be seen expiring

// Runs a command; true if it exited with 0.
bool run(const QString &program, const QStringList &arguments)
{
    QProcess p;
    p.start(program, arguments);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestFileAccess : public QObject {
    Q_OBJECT

    quint32 m_seed = 100;
    int m_uuid = 5000;

    QByteArray content(qsizetype size) { return files::randomBytes(size, m_seed++); }

    static QString blobPath(const QString &filesDir, const QByteArray &bytes)
    {
        const QString hex = QString::fromLatin1(files::sha256(bytes).toHex());
        return QDir(filesDir).filePath(u"blobs/%1/%2"_s.arg(hex.left(2), hex));
    }

private Q_SLOTS:
    void privacyMatrix()
    {
        ParleydProcess server(social::strictServerArguments({u"--file-grant-ttl"_s, QString::number(kGrantTtlS)}));
        QVERIFY(server.start());
        RawUser alice = rawUser(server, nextPhone()), bob = rawUser(server, nextPhone()),
                carol = rawUser(server, nextPhone()), frank = rawUser(server, nextPhone()),
                erin = rawUser(server, nextPhone()), mallory = rawUser(server, nextPhone());
        for (RawUser *friendOfAlice : {&bob, &carol, &frank, &erin})
            QVERIFY(social::befriend(*alice.link, *friendOfAlice->link, friendOfAlice->id()));
        HttpsPeer peer(server.fingerprint(), server.filesPort());
        auto upload = [&](RawUser &who, const QByteArray &bytes) {
            return peer.upload(files::uploadGrant(*who.link, bytes), bytes);
        };
        auto send = [&](RawUser &from, const QString &to, const QString &fileId, bool group) {
            const auto r = from.link->call(SubSignal::MS,
                                           files::mediaTo(to, v1::CONTENT_IMAGE, fileId, testUuid(m_uuid++), group));
            return r && r->code() == v1::ERR_NONE ? r->sent().message_uid() : qint64(0);
        };
        // What `who` gets for `fileId` with a fresh grant: 200 or 404.
        auto status = [&](RawUser &who, const QString &fileId) {
            return peer.get(files::downloadGrant(*who.link), fileId).status;
        };

        const QByteArray groupBytes = content(20000), privateBytes = content(20000), laterBytes = content(20000);
        const QString inGroup = upload(alice, groupBytes);
        const QString oneToOne = upload(alice, privateBytes);
        const QString later = upload(alice, laterBytes);
        QVERIFY(!inGroup.isEmpty() && !oneToOne.isEmpty() && !later.isEmpty());

        const QString groupId = QString::fromStdString(
            social::createGroup(*alice.link, u"Photos"_s, {bob.id(), carol.id()}).group().group_id());
        QVERIFY(!groupId.isEmpty());
        QVERIFY(send(alice, groupId, inGroup, true) != 0);
        const qint64 privateUid = send(alice, erin.id(), oneToOne, false);
        QVERIFY(privateUid != 0);
        QCOMPARE(social::groupMembers(*alice.link, SubSignal::GKM, groupId, {carol.id()}).code(), v1::ERR_NONE);
        QCOMPARE(social::groupMembers(*alice.link, SubSignal::GAM, groupId, {frank.id()}).code(), v1::ERR_NONE);
        QVERIFY(send(alice, groupId, later, true) != 0);

        QCOMPARE(status(alice, inGroup), 200); // the uploader
        QCOMPARE(status(erin, oneToOne), 200); // the recipient
        QCOMPARE(status(bob, inGroup), 200);   // a member of the group
        QCOMPARE(status(bob, later), 200);
        QCOMPARE(status(carol, inGroup), 200); // removed, but the message was hers to read
        QCOMPARE(status(carol, later), 404);   // sent after she left
        QCOMPARE(status(frank, inGroup), 404); // joined after it was sent: not in his history
        QCOMPARE(status(frank, later), 200);
        QCOMPARE(status(erin, inGroup), 404);     // not in that conversation
        QCOMPARE(status(mallory, oneToOne), 404); // a stranger

        // A stranger, an unknown id, a forbidden one: the same answer, word for word.
        const QString malloryGrant = files::downloadGrant(*mallory.link);
        const auto forbidden = peer.get(malloryGrant, inGroup);
        const auto unknown = peer.get(malloryGrant, u"0123456789abcdef0123456789abcdef"_s);
        QCOMPARE(unknown.status, forbidden.status);
        QCOMPARE(unknown.body, forbidden.body);

        // No grant, a forged one, an expired one.
        QCOMPARE(peer.get({}, inGroup).status, 401);
        QString forged = files::downloadGrant(*bob.link);
        forged[forged.size() / 2] = forged[forged.size() / 2] == u'A' ? u'B' : u'A';
        QCOMPARE(peer.get(forged, inGroup).status, 401);
        const QString expiring = files::downloadGrant(*bob.link);
        QCOMPARE(peer.get(expiring, inGroup).status, 200);
        QVERIFY(QTest::qWaitFor([&] { return peer.get(expiring, inGroup).status == 401; }, kGrantTtlS * 3000));

        // A recalled message gives nobody its file any more; the uploader keeps it.
        social::call(*alice.link, SubSignal::MR, [&] {
            v1::RecallRequest r;
            r.set_message_uid(privateUid);
            return r;
        }());
        QCOMPARE(status(erin, oneToOne), 404);
        QCOMPARE(status(alice, oneToOne), 200);
        QCOMPARE(server.stop(), 0);
    }

    void avatars()
    {
        ParleydProcess server(social::strictServerArguments());
        QVERIFY(server.start());
        RawUser alice = rawUser(server, nextPhone()), bob = rawUser(server, nextPhone()),
                mallory = rawUser(server, nextPhone());
        QVERIFY(social::befriend(*alice.link, *bob.link, bob.id()));
        HttpsPeer peer(server.fingerprint(), server.filesPort());
        auto upload = [&](RawUser &who, const QByteArray &bytes, const QByteArray &type = "image/jpeg") {
            peer.setMimeType(type);
            return peer.upload(files::uploadGrant(*who.link, bytes), bytes);
        };
        auto setMine = [&](RawUser &who, const QString &fileId) {
            v1::ModifyMyInfoRequest r;
            r.set_avatar(fileId.toStdString());
            return social::call(*who.link, SubSignal::MMI, r);
        };
        auto setGroups = [&](RawUser &who, const QString &groupId, const QString &fileId) {
            v1::ModifyGroupInfoRequest r;
            r.set_group_id(groupId.toStdString());
            r.set_avatar(fileId.toStdString());
            return social::call(*who.link, SubSignal::GMI, r);
        };
        auto status = [&](RawUser &who, const QString &fileId) {
            return peer.get(files::downloadGrant(*who.link), fileId).status;
        };

        const QByteArray face = content(3000), bobsFace = content(3000), document = content(3000),
                         poster = content(limits::kMaxAvatarBytes + 1), groupFace = content(3000),
                         newFace = content(3000);
        const QString faceId = upload(alice, face), bobsId = upload(bob, bobsFace),
                      documentId = upload(alice, document, "application/pdf"), posterId = upload(alice, poster),
                      groupFaceId = upload(alice, groupFace), newFaceId = upload(alice, newFace),
                      vectorId = upload(alice, content(3000), "image/svg+xml");
        for (const QString &id : {faceId, bobsId, documentId, posterId, groupFaceId, newFaceId, vectorId})
            QVERIFY(!id.isEmpty());
        // Bob sends Alice his picture: she may read it, but it stays his.
        const auto sent =
            bob.link->call(SubSignal::MS, files::mediaTo(alice.id(), v1::CONTENT_IMAGE, bobsId, testUuid(m_uuid++)));
        QVERIFY(sent && sent->code() == v1::ERR_NONE);
        QCOMPARE(status(alice, bobsId), 200);

        // Only a picture of one's own, small enough; someone else's (even one I could read) or an unknown id is
        // not found, and nothing changes.
        QCOMPARE(setMine(alice, bobsId).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(setMine(alice, u"0123456789abcdef0123456789abcdef"_s).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(setMine(alice, documentId).code(), v1::ERR_MALFORMED_REQUEST);
        QCOMPARE(setMine(alice, vectorId).code(), v1::ERR_MALFORMED_REQUEST); // only JPEG and PNG
        QCOMPARE(setMine(alice, posterId).code(), v1::ERR_TOO_LARGE);
        const v1::Result set = setMine(alice, faceId);
        QCOMPARE(set.code(), v1::ERR_NONE);
        QCOMPARE(QString::fromStdString(set.my_info().profile().avatar()), faceId);
        // Public like the rest of the profile: a stranger who looks alice up gets it and may fetch the picture.
        v1::UserInfoRequest info;
        info.add_user_ids(alice.id().toStdString());
        QCOMPARE(QString::fromStdString(social::call(*mallory.link, SubSignal::UPUI, info).users().users(0).avatar()),
                 faceId);
        QCOMPARE(peer.get(files::downloadGrant(*mallory.link), faceId).body, face);
        QCOMPARE(status(mallory, documentId), 404); // her other files stay hers

        // A group's picture: set by the owner or an admin, seen by its members only.
        const QString groupId =
            QString::fromStdString(social::createGroup(*alice.link, u"Hikers"_s, {bob.id()}).group().group_id());
        QVERIFY(!groupId.isEmpty());
        QCOMPARE(setGroups(bob, groupId, bobsId).code(), v1::ERR_PERMISSION_DENIED);
        QCOMPARE(setGroups(alice, groupId, bobsId).code(), v1::ERR_NOT_FOUND);
        QCOMPARE(status(mallory, bobsId), 404); // none of that made Bob's picture public
        const v1::Result groupSet = setGroups(alice, groupId, groupFaceId);
        QCOMPARE(groupSet.code(), v1::ERR_NONE);
        QCOMPARE(QString::fromStdString(groupSet.group().avatar()), groupFaceId);
        QCOMPARE(status(bob, groupFaceId), 200);
        QCOMPARE(status(mallory, groupFaceId), 404);
        QCOMPARE(social::groupMembers(*alice.link, SubSignal::GKM, groupId, {bob.id()}).code(), v1::ERR_NONE);
        QCOMPARE(status(bob, groupFaceId), 404); // removed: no longer his to see

        // A replaced picture is garbage after the grace period; the ones in use stay.
        QCOMPARE(setMine(alice, newFaceId).code(), v1::ERR_NONE);
        QCOMPARE(server.stop(), 0);
        QVERIFY(server.restart({u"--orphan-grace"_s, u"0"_s}));
        alice.link = connectRaw(server, alice.login);
        mallory.link = connectRaw(server, mallory.login);
        QVERIFY(alice.link && mallory.link);
        QCOMPARE(status(alice, faceId), 404);
        QCOMPARE(status(mallory, newFaceId), 200);
        QCOMPARE(status(alice, groupFaceId), 200);
        QCOMPARE(server.stop(), 0);
    }

    void sizeLimitAndQuota()
    {
        ParleydProcess server(
            {u"--code-address-per-hour"_s, u"0"_s, u"--max-file-size"_s, u"2"_s, u"--user-quota"_s, u"3"_s});
        QVERIFY(server.start());
        RawUser alice = rawUser(server, nextPhone()), bob = rawUser(server, nextPhone());
        HttpsPeer peer(server.fingerprint(), server.filesPort());

        const QByteArray tooLarge = content(2 * kMiB + 1);
        QCOMPARE(files::uploadToken(*alice.link, tooLarge).code(), v1::ERR_TOO_LARGE);
        const QString grant = files::uploadGrant(*alice.link, content(10));
        QVERIFY(peer.create(grant, tooLarge).isEmpty());
        QCOMPARE(peer.lastResponse().status, 413);
        QCOMPARE(peer.lastResponse().errorCode(), int(v1::ERR_TOO_LARGE));

        // 2 MiB stored, then 1 MiB uploading: 3 MiB, the quota. One byte more is refused, at GQNUT and at POST.
        QVERIFY(!peer.upload(grant, content(2 * kMiB)).isEmpty());
        const QByteArray oneMiB = content(kMiB);
        QVERIFY(!peer.create(grant, oneMiB).isEmpty());
        const QByteArray oneMore = content(1);
        QCOMPARE(files::uploadToken(*alice.link, oneMore).code(), v1::ERR_QUOTA_EXCEEDED);
        QVERIFY(peer.create(grant, oneMore).isEmpty());
        QCOMPARE(peer.lastResponse().status, 507);
        QCOMPARE(peer.lastResponse().errorCode(), int(v1::ERR_QUOTA_EXCEEDED));
        QVERIFY(QString::fromUtf8(peer.lastResponse().body).contains(u"3 MiB"_s));

        // Bob's quota is his own; chats go on for both.
        QVERIFY(!peer.upload(files::uploadGrant(*bob.link, oneMore), oneMore).isEmpty());
        QCOMPARE(alice.link->call(SubSignal::MS, textTo(bob.id(), "still chatting", testUuid(m_uuid++)))->code(),
                 v1::ERR_NONE);
        QCOMPARE(server.stop(), 0);
    }

    void fullDiskFailsTheUploadOnly()
    {
        QTemporaryDir mountPoint;
        if (!run(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=3m"_s, u"parley-test"_s, mountPoint.path()}))
            QSKIP("mounting a small filesystem needs root (CI runs as root)");
        const auto unmount = qScopeGuard([&] { run(u"umount"_s, {u"-l"_s, mountPoint.path()}); });
        ParleydProcess server({u"--code-address-per-hour"_s, u"0"_s, u"--files-dir"_s, mountPoint.path()});
        QVERIFY(server.start());
        RawUser alice = rawUser(server, nextPhone()), bob = rawUser(server, nextPhone());
        HttpsPeer peer(server.fingerprint(), server.filesPort());

        const QByteArray kept = content(2 * kMiB);
        const QString keptId = peer.upload(files::uploadGrant(*alice.link, kept), kept);
        QVERIFY(!keptId.isEmpty());

        const QByteArray tooMuch = content(2 * kMiB);
        const QString grant = files::uploadGrant(*bob.link, tooMuch);
        const QString upload = peer.create(grant, tooMuch);
        QVERIFY(!upload.isEmpty());
        const auto full = peer.patch(grant, upload, 0, tooMuch);
        QCOMPARE(full.status, 507);
        QCOMPARE(full.errorCode(), int(v1::ERR_STORAGE_FULL));
        QVERIFY(peer.offset(grant, upload) < tooMuch.size()); // what fitted, at most

        // Nothing stored is damaged, chats go on, and once there is room again uploads work.
        QVERIFY(peer.get(files::downloadGrant(*alice.link), keptId).body == kept);
        QCOMPARE(bob.link->call(SubSignal::MS, textTo(alice.id(), "the disk is full", testUuid(m_uuid++)))->code(),
                 v1::ERR_NONE);
        QCOMPARE(peer.request("DELETE", upload, {}, {}, grant).status, 204);
        const QByteArray small = content(256 * 1024);
        QVERIFY(!peer.upload(files::uploadGrant(*bob.link, small), small).isEmpty());
        QCOMPARE(server.stop(), 0);
    }

    void collectsWhatNobodyNeeds()
    {
        ParleydProcess server({u"--code-address-per-hour"_s, u"0"_s});
        QVERIFY(server.start());
        const QString filesDir = QDir(server.dataDir()).filePath(u"files"_s);
        const TestLogin aliceLogin = logInRaw(server, nextPhone(), u"desk"_s);
        RawUser bob = rawUser(server, nextPhone());
        const QByteArray abandoned = content(100000), unsent = content(100000), sent = content(100000),
                         recalled = content(100000);
        QString abandonedUpload, grant, unsentId, sentId, recalledId;
        {
            auto alice = connectRaw(server, aliceLogin);
            QVERIFY(alice);
            HttpsPeer peer(server.fingerprint(), server.filesPort());
            grant = files::uploadGrant(*alice, abandoned);
            abandonedUpload = peer.create(grant, abandoned);
            QCOMPARE(peer.patch(grant, abandonedUpload, 0, abandoned.first(1000)).status, 204);
            unsentId = peer.upload(grant, unsent);
            sentId = peer.upload(grant, sent);
            recalledId = peer.upload(grant, recalled);
            QVERIFY(!unsentId.isEmpty() && !sentId.isEmpty() && !recalledId.isEmpty());
            QVERIFY(
                alice->call(SubSignal::MS, files::mediaTo(bob.id(), v1::CONTENT_FILE, sentId, testUuid(1)))->code() ==
                v1::ERR_NONE);
            const auto r =
                alice->call(SubSignal::MS, files::mediaTo(bob.id(), v1::CONTENT_FILE, recalledId, testUuid(2)));
            QVERIFY(r && r->code() == v1::ERR_NONE);
            v1::RecallRequest recall;
            recall.set_message_uid(r->sent().message_uid());
            QCOMPARE(social::call(*alice, SubSignal::MR, recall).code(), v1::ERR_NONE);
            QVERIFY(QFileInfo::exists(blobPath(filesDir, unsent)));
        }
        QCOMPARE(server.stop(), 0);
        // With no grace, the collection at start takes what nobody needs.
        QVERIFY(server.restart({u"--upload-grace"_s, u"0"_s, u"--orphan-grace"_s, u"0"_s}));
        bob.link = connectRaw(server, bob.login);
        auto alice = connectRaw(server, aliceLogin);
        QVERIFY(alice && bob.link);
        HttpsPeer peer(server.fingerprint(), server.filesPort());
        QCOMPARE(peer.offset(grant, abandonedUpload), -1);
        const QString download = files::downloadGrant(*alice);
        QCOMPARE(peer.get(download, unsentId).status, 404);
        QCOMPARE(peer.get(download, recalledId).status, 404);
        QVERIFY(peer.get(download, sentId).body == sent);
        QVERIFY(peer.get(files::downloadGrant(*bob.link), sentId).body == sent);
        // The bytes go from the disk after the database forgot them.
        QVERIFY(QTest::qWaitFor([&] { return !QFileInfo::exists(blobPath(filesDir, unsent)); }, 10000));
        QVERIFY(!QFileInfo::exists(blobPath(filesDir, recalled)));
        QVERIFY(QFileInfo::exists(blobPath(filesDir, sent)));
        QVERIFY(QDir(QDir(filesDir).filePath(u"uploads"_s)).isEmpty());
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFileAccess)
#include "tst_fileaccess.moc"
